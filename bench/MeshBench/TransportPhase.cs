using System.Diagnostics;
using System.Globalization;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Bench.Mesh;

/// <summary>
/// The SSH transport alone, without package installation: on every host at once, one ConnectAsync (a new
/// connection, learning the host key) and then <see cref="ScriptsPerHost"/> small scripts one after the other,
/// through the transport the engine composes by default. Each connect and each script is timed on its own, so
/// the medians say what one handshake and one round trip cost, which the applies hide behind apt.
/// </summary>
internal static class TransportPhase
{
    public const int ScriptsPerHost = 20;

    public static string Header =>
        "| hosts | phase | wall time (s) | SSH round trips | connect, median (ms) | script round trip, median / 90th percentile (ms) |\n" +
        "|---:|---|---:|---:|---:|---|";

    public static async Task<string> RunAsync(string keyPath, IReadOnlyList<LabHost> hosts, string folder)
    {
        Directory.CreateDirectory(folder);
        await using var shell = EngineComposition.Default.RemoteShell(Setup(folder));
        var clock = Stopwatch.StartNew();
        var timings = await Task.WhenAll(hosts.Select((host, i) => HostAsync(shell, Target(host, i, keyPath))));
        clock.Stop();

        var roundTrips = hosts.Select((_, i) => shell.RoundTrips(NodeName(i))).Sum();
        var connects = timings.Select(t => t.Connect).ToList();
        var scripts = timings.SelectMany(t => t.Scripts).ToList();
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {hosts.Count} | transport: connect + {ScriptsPerHost} scripts per host, all hosts at once | {clock.Elapsed.TotalSeconds:0.00} | {roundTrips} | " +
            $"{Percentile(connects, 0.5):0} | {Percentile(scripts, 0.5):0.0} / {Percentile(scripts, 0.9):0.0} |");
        Console.Error.WriteLine(row);
        return row;
    }

    /// <summary>Connects, then runs the scripts one after the other; returns each one's time in milliseconds.</summary>
    private static async Task<(double Connect, List<double> Scripts)> HostAsync(IRemoteShell shell, SshTarget target)
    {
        var clock = Stopwatch.StartNew();
        var key = await shell.ConnectAsync(target, CancellationToken.None);
        var connect = clock.Elapsed.TotalMilliseconds;
        var pinned = target with { PinnedHostKey = key.PublicKey };
        var scripts = new List<double>();
        for (var i = 0; i < ScriptsPerHost; i++)
        {
            clock.Restart();
            await shell.RunScriptAsync(pinned, "bench " + i, "echo " + i, allowFailure: false, CancellationToken.None);
            scripts.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (connect, scripts);
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Round(fraction * (sorted.Count - 1))];
    }

    private static string NodeName(int index) => "bench-" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static SshTarget Target(LabHost host, int index, string keyPath) => new()
    {
        NodeName = NodeName(index),
        Host = host.Address,
        PrivateKey = SshPrivateKey.FromFile(keyPath),
    };

    private static RemoteShellSetup Setup(string folder) =>
        new(Path.Combine(folder, "transport.log"), NullEngineLog.Instance, SshOptions.Default);
}
