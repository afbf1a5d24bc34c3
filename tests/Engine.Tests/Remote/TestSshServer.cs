using Xunit;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MultiCloud.Engine.Tests.Remote;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 and a free port, run as a child process (sshd -D -e) with its own host key
/// and authorized keys in a scratch folder. Its log lines are kept, so tests can count logins. Stopping kills it
/// by the PID it was started with, session processes included.
/// </summary>
public sealed class TestSshServer : IAsyncDisposable
{
    public const string SshdPath = "/usr/sbin/sshd";

    private readonly ConcurrentQueue<string> lines = new();
    private readonly string folder;
    private Process? process;

    private TestSshServer(string folder, string hostKeyPath, string clientKeyPath, int port, string? extraHostKeyPath)
    {
        this.folder = folder;
        HostKeyPath = hostKeyPath;
        ClientKeyPath = clientKeyPath;
        Port = port;
        ExtraHostKeyPath = extraHostKeyPath;
    }

    public int Port { get; }
    public string HostKeyPath { get; private set; }
    public string ClientKeyPath { get; }
    public string HostPublicKey => PublicKeyOf(HostKeyPath);
    public string HostFingerprint => LocalTool.Fingerprint(HostKeyPath + ".pub");

    /// <summary>A second host key of another type (ECDSA), when started with one.</summary>
    public string? ExtraHostKeyPath { get; }

    public static string PublicKeyOf(string keyPath) => string.Join(' ', File.ReadAllText(keyPath + ".pub").Split(' ').Take(2));

    /// <summary>Successful logins so far (one per TCP+SSH handshake).</summary>
    public int AcceptedLogins => lines.Count(line => line.Contains("Accepted publickey", StringComparison.Ordinal));

    public string Log => string.Join('\n', lines);

    /// <summary>Why these tests cannot run here, or null when they can.</summary>
    public static string? MissingRequirement()
    {
        if (!OperatingSystem.IsLinux()) return "needs Linux";
        if (!Environment.IsPrivilegedProcess) return "needs root to run sshd";
        if (!File.Exists(SshdPath)) return "needs " + SshdPath + " (package openssh-server)";
        return null;
    }

    /// <param name="withEcdsaHostKey">Also serve an ECDSA host key, as hosts with several keys do.</param>
    public static async Task<TestSshServer> StartAsync(string folder, bool withEcdsaHostKey = false)
    {
        var clientKey = LocalTool.NewKey(Path.Combine(folder, "client_ed25519"));
        File.Copy(clientKey + ".pub", Path.Combine(folder, "authorized_keys"));
        var hostKey = LocalTool.NewKey(Path.Combine(folder, "host_ed25519"));
        var extra = withEcdsaHostKey ? LocalTool.NewKey(Path.Combine(folder, "host_ecdsa"), "ecdsa") : null;
        var server = new TestSshServer(folder, hostKey, clientKey, FreePort(), extra);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Lets a further key log in (any user: the authorized keys file is the server's, not the user's).</summary>
    public void Authorize(string publicKeyLine) => File.AppendAllText(Path.Combine(folder, "authorized_keys"), publicKeyLine.Trim() + "\n");

    /// <summary>Processes below the listening sshd: one per open connection, plus what its sessions run.</summary>
    public IReadOnlyList<int> SessionProcesses() => process is null ? Array.Empty<int>() : Descendants(process.Id);

    /// <summary>Stops (SIGSTOP) the server and every session process: the TCP connections stay, nothing answers.</summary>
    public void Freeze() => Signal("-STOP");

    /// <summary>Lets a frozen server go on (SIGCONT).</summary>
    public void Thaw() => Signal("-CONT");

    /// <summary>Restarts the server with a newly generated host key, as a reinstalled machine would present.</summary>
    public async Task RestartWithNewHostKeyAsync()
    {
        await StopAsync();
        HostKeyPath = LocalTool.NewKey(Path.Combine(folder, "host2_ed25519"));
        await StartProcessAsync();
    }

    public async Task StopAsync()
    {
        if (process is null) return;
        Thaw();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Signal(string signal)
    {
        if (process is null) return;
        var pids = new[] { process.Id }.Concat(Descendants(process.Id)).Select(pid => pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            LocalTool.Run("kill", new[] { signal }.Concat(pids).ToArray());
        }
        catch (InvalidOperationException)
        {
            // A process ended between listing and signalling; the others got the signal.
        }
    }

    /// <summary>Every process whose parent chain leads to <paramref name="root"/>, read from /proc.</summary>
    private static IReadOnlyList<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            if (!int.TryParse(Path.GetFileName(Path.GetDirectoryName(stat)), out var pid)) continue;
            try
            {
                var text = File.ReadAllText(stat);
                var fields = text.Substring(text.LastIndexOf(')') + 2).Split(' ');
                parents[pid] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }
        var found = new List<int>();
        var frontier = new Queue<int>(new[] { root });
        while (frontier.Count > 0)
        {
            var parent = frontier.Dequeue();
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }
        return found;
    }

    private async Task StartProcessAsync()
    {
        Directory.CreateDirectory("/run/sshd"); // privilege separation folder sshd insists on
        var config = Path.Combine(folder, "sshd_config");
        File.WriteAllText(config, string.Join('\n',
            $"Port {Port}",
            "ListenAddress 127.0.0.1",
            $"HostKey {HostKeyPath}",
            ExtraHostKeyPath is null ? "" : $"HostKey {ExtraHostKeyPath}",
            $"AuthorizedKeysFile {Path.Combine(folder, "authorized_keys")}",
            $"PidFile {Path.Combine(folder, "sshd.pid")}",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",
            "PermitRootLogin prohibit-password",
            "MaxStartups 100",
            "LogLevel INFO",
            ""));

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var startInfo = new ProcessStartInfo(SshdPath) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-D", "-e", "-f", config }) startInfo.ArgumentList.Add(argument);
        process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lines.Enqueue(e.Data);
            if (e.Data.Contains("Server listening", StringComparison.Ordinal)) listening.TrySetResult();
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("sshd exited: " + Log));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
