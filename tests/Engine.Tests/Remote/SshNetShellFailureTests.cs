using Xunit;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Tests.Remote;

/// <summary>Transport failures that need a server of their own: a changed host key, a server that stops or freezes, nobody listening.</summary>
public sealed class SshNetShellFailureTests : IDisposable
{
    private static readonly SshOptions QuickRetries = SshOptions.Default with { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(10) };

    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    /// <summary>Two runs: the first pins the key; the machine is reinstalled; the second must refuse it before logging in.</summary>
    [SshdFact]
    public async Task ConnectAsync_HostKeyChangedBetweenRuns_ThrowsHostKeyChangedWithBothFingerprintsAndNothingRuns()
    {
        await using var server = await TestSshServer.StartAsync(scratch.Path);
        HostKey pinned;
        await using (var firstRun = NewShell(SshOptions.Default))
            pinned = await firstRun.ConnectAsync(Target(server, "node-9"), CancellationToken.None);
        await server.RestartWithNewHostKeyAsync();
        await using var shell = NewShell(SshOptions.Default);
        var marker = scratch.File("must-not-exist");
        var loginsBefore = server.AcceptedLogins;

        var error = await Assert.ThrowsAsync<SshHostKeyChangedException>(() =>
            shell.RunScriptAsync(Target(server, "node-9") with { PinnedHostKey = pinned.PublicKey }, "touch", "touch " + marker, allowFailure: false, CancellationToken.None));

        Assert.Equal(ErrorIds.SshHostKeyChanged, error.ErrorId);
        Assert.Equal((pinned.Fingerprint, server.HostFingerprint), (error.ExpectedFingerprint, error.PresentedFingerprint));
        foreach (var part in new[] { "node-9", "127.0.0.1", pinned.Fingerprint, server.HostFingerprint })
            Assert.Contains(part, error.Message);
        Assert.Equal(loginsBefore, server.AcceptedLogins);
        Assert.False(File.Exists(marker));
        Assert.Equal(1, shell.RoundTrips("node-9"));
    }

    [SshdFact]
    public async Task ConnectAsync_PinnedKeyMatches_ConnectsWithoutLearning()
    {
        await using var server = await TestSshServer.StartAsync(scratch.Path);
        await using var shell = NewShell(SshOptions.Default);
        var target = Target(server, "node-2") with { PinnedHostKey = server.HostPublicKey + " comment" };

        var key = await shell.ConnectAsync(target, CancellationToken.None);
        var result = await shell.RunScriptAsync(target, "hello", "echo hello", allowFailure: false, CancellationToken.None);

        Assert.Equal(server.HostFingerprint, key.Fingerprint);
        Assert.Equal("hello\n", result.StandardOutput);
        Assert.DoesNotContain("learned host key", File.ReadAllText(scratch.File("run.log")));
    }

    /// <summary>A host with ed25519 and ECDSA keys, pinned to its ECDSA key: only that key type is negotiated.</summary>
    [SshdFact]
    public async Task ConnectAsync_HostWithSeveralKeysPinnedToTheSecond_PresentsThePinnedOne()
    {
        await using var server = await TestSshServer.StartAsync(scratch.Path, withEcdsaHostKey: true);
        await using var shell = NewShell(SshOptions.Default);
        var ecdsa = TestSshServer.PublicKeyOf(server.ExtraHostKeyPath!);

        var learned = await shell.ConnectAsync(Target(server, "learn"), CancellationToken.None);
        var pinned = await shell.ConnectAsync(Target(server, "pinned") with { PinnedHostKey = ecdsa }, CancellationToken.None);

        Assert.Equal(server.HostPublicKey, learned.PublicKey);
        Assert.StartsWith("ssh-ed25519 ", learned.PublicKey);
        Assert.Equal(ecdsa, pinned.PublicKey);
    }

    [SshdFact]
    public async Task RunScriptAsync_ServerStopsMidCommand_RetriesThenFailsNamingNodeAndCommand()
    {
        await using var server = await TestSshServer.StartAsync(scratch.Path);
        await using var shell = NewShell(QuickRetries);
        var started = scratch.File("started");

        var running = shell.RunScriptAsync(Target(server, "node-3"), "long step", $"touch {started}; sleep 60", allowFailure: false, CancellationToken.None);
        await Eventually.TrueAsync(() => File.Exists(started));
        await server.StopAsync();

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => running);
        Assert.Equal(ErrorIds.SshConnectionFailed, error.ErrorId);
        Assert.Equal("node-3", error.Target);
        foreach (var part in new[] { "node-3", "127.0.0.1", "'long step'", "after 3 attempts", "connection refused", scratch.File("run.log") })
            Assert.Contains(part, error.Message);
        Assert.Equal(1 + 3, shell.RoundTrips("node-3"));
        Assert.Contains("the connection was closed by the node or the network", File.ReadAllText(scratch.File("run.log")));
    }

    /// <summary>A peer that keeps the TCP connection but answers nothing (SIGSTOP): keepalive probes give the command up.</summary>
    [SshdFact]
    public async Task RunScriptAsync_ServerFreezesMidCommand_KeepalivesGiveUpAndTheRunFails()
    {
        await using var server = await TestSshServer.StartAsync(scratch.Path);
        var options = SshOptions.Default with
        {
            ServerAliveIntervalSeconds = 1,
            ServerAliveCountMax = 2,
            ConnectTimeoutSeconds = 2,
            MaxAttempts = 2,
            InitialBackoff = TimeSpan.FromMilliseconds(10),
        };
        await using var shell = NewShell(options);
        var started = scratch.File("started");
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var running = shell.RunScriptAsync(Target(server, "node-4"), "frozen step", $"touch {started}; sleep 60", allowFailure: false, bound.Token);
        await Eventually.TrueAsync(() => File.Exists(started));
        server.Freeze();

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => running);
        Assert.Equal(ErrorIds.SshConnectionFailed, error.ErrorId);
        Assert.Contains("'frozen step'", error.Message);
        Assert.Contains("did not answer 2 keepalive probes", File.ReadAllText(scratch.File("run.log")));
    }

    /// <summary>A server of its own: on a shared one, other tests' connections may still be closing.</summary>
    [SshdFact]
    public async Task DisposeAsync_AfterCommands_LeavesNoSessionOnTheServer()
    {
        await using var server = await TestSshServer.StartAsync(scratch.Path);
        var shell = NewShell(SshOptions.Default);
        await shell.RunScriptAsync(Target(server, "node-5"), "touch", "true", allowFailure: false, CancellationToken.None);
        Assert.NotEmpty(server.SessionProcesses());

        await shell.DisposeAsync();

        await Eventually.TrueAsync(() => server.SessionProcesses().Count == 0);
    }

    [Fact]
    public async Task ConnectAsync_NobodyListening_RetriesThenThrowsConnectionFailed()
    {
        var key = LocalTool.NewKey(scratch.File("client_ed25519"));
        await using var shell = NewShell(QuickRetries);
        var target = new SshTarget { NodeName = "gone", Host = "127.0.0.1", Port = ClosedPort(), PrivateKey = SshPrivateKey.FromFile(key) };

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => shell.ConnectAsync(target, CancellationToken.None));

        Assert.Equal(ErrorIds.SshConnectionFailed, error.ErrorId);
        Assert.Equal(ErrorKind.Connection, error.Kind);
        Assert.Contains("after 3 attempts", error.Message);
        Assert.Contains("connection refused", error.Message);
        Assert.Equal(3, shell.RoundTrips("gone"));
    }

    [Fact]
    public async Task ConnectAsync_UnknownHostName_FailsWithoutRetrying()
    {
        var key = LocalTool.NewKey(scratch.File("client_ed25519"));
        await using var shell = NewShell(QuickRetries);
        var target = new SshTarget { NodeName = "typo", Host = "no-such-host.invalid", PrivateKey = SshPrivateKey.FromFile(key) };

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => shell.ConnectAsync(target, CancellationToken.None));

        Assert.Equal(ErrorIds.SshConnectionFailed, error.ErrorId);
        Assert.Contains("'no-such-host.invalid' not found", error.Message);
        Assert.Equal(1, shell.RoundTrips("typo"));
    }

    private SshNetShell NewShell(SshOptions options) => new(scratch.File("run.log"), NullEngineLog.Instance, options);

    private static SshTarget Target(TestSshServer server, string nodeName) => new()
    {
        NodeName = nodeName,
        Host = "127.0.0.1",
        Port = server.Port,
        PrivateKey = SshPrivateKey.FromFile(server.ClientKeyPath),
    };

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
