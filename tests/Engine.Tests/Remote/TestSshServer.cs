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

    private TestSshServer(string folder, string hostKeyPath, string clientKeyPath, int port)
    {
        this.folder = folder;
        HostKeyPath = hostKeyPath;
        ClientKeyPath = clientKeyPath;
        Port = port;
    }

    public int Port { get; }
    public string HostKeyPath { get; private set; }
    public string ClientKeyPath { get; }
    public string HostPublicKey => string.Join(' ', File.ReadAllText(HostKeyPath + ".pub").Split(' ').Take(2));
    public string HostFingerprint => LocalTool.Fingerprint(HostKeyPath + ".pub");

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

    public static async Task<TestSshServer> StartAsync(string folder)
    {
        var clientKey = LocalTool.NewKey(Path.Combine(folder, "client_ed25519"));
        File.Copy(clientKey + ".pub", Path.Combine(folder, "authorized_keys"));
        var hostKey = LocalTool.NewKey(Path.Combine(folder, "host_ed25519"));
        var server = new TestSshServer(folder, hostKey, clientKey, FreePort());
        await server.StartProcessAsync();
        return server;
    }

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
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartProcessAsync()
    {
        Directory.CreateDirectory("/run/sshd"); // privilege separation folder sshd insists on
        var config = Path.Combine(folder, "sshd_config");
        File.WriteAllText(config, string.Join('\n',
            $"Port {Port}",
            "ListenAddress 127.0.0.1",
            $"HostKey {HostKeyPath}",
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
