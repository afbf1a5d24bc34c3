using System.Diagnostics;
using System.Globalization;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Bench.Mesh;

/// <summary>
/// The SSH transport alone, without package installation: on every host at once, one ConnectAsync (learn and pin
/// the host key) and then <see cref="ScriptsPerHost"/> small scripts, through the transport the engine composes by
/// default. Measures what a round trip costs, which the applies hide behind apt.
/// </summary>
internal static class TransportPhase
{
    public const int ScriptsPerHost = 20;

    public static string Header =>
        "| hosts | phase | wall time (s) | SSH round trips | what a round trip cost |\n" +
        "|---:|---|---:|---:|---|";

    public static async Task<string> RunAsync(string keyPath, IReadOnlyList<LabHost> hosts, string folder)
    {
        Directory.CreateDirectory(folder);
        await using var shell = EngineComposition.Default.RemoteShell(Setup(folder));
        var clock = Stopwatch.StartNew();
        var connectTimes = await Task.WhenAll(hosts.Select((host, i) => HostAsync(shell, Target(host, i, keyPath))));
        clock.Stop();

        var roundTrips = hosts.Select((_, i) => shell.RoundTrips(NodeName(i))).Sum();
        var perScript = clock.Elapsed.TotalMilliseconds / (hosts.Count * ScriptsPerHost);
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {hosts.Count} | transport: connect + {ScriptsPerHost} scripts per host, all hosts at once | {clock.Elapsed.TotalSeconds:0.00} | {roundTrips} | " +
            $"connect {connectTimes.Average():0} ms on average, then {perScript:0.0} ms per script (wall / scripts) |");
        Console.Error.WriteLine(row);
        return row;
    }

    /// <summary>Connects, then runs the scripts one after the other; returns the connect time in milliseconds.</summary>
    private static async Task<double> HostAsync(IRemoteShell shell, SshTarget target)
    {
        var clock = Stopwatch.StartNew();
        var key = await shell.ConnectAsync(target, CancellationToken.None);
        var connected = clock.Elapsed.TotalMilliseconds;
        var pinned = target with { PinnedHostKey = key.PublicKey };
        for (var i = 0; i < ScriptsPerHost; i++)
            await shell.RunScriptAsync(pinned, "bench " + i, "echo " + i, allowFailure: false, CancellationToken.None);
        return connected;
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
