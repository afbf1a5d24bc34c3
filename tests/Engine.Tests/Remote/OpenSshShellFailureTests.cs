using Xunit;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Tests.Remote;

/// <summary>Transport failures that need a server of their own: a changed host key, nobody listening.</summary>
public sealed class OpenSshShellFailureTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [SshdFact]
    public async Task ConnectAsync_ServerPresentsAnotherKeyThanPinned_ThrowsHostKeyChangedWithBothFingerprints()
    {
        await using var server = await TestSshServer.StartAsync(scratch.Path);
        var pinned = server.HostPublicKey;
        var pinnedFingerprint = server.HostFingerprint;
        await server.RestartWithNewHostKeyAsync();
        await using var shell = NewShell(SshOptions.Default);
        var target = new SshTarget { NodeName = "node-9", Host = "127.0.0.1", Port = server.Port, PrivateKeyPath = server.ClientKeyPath, PinnedHostKey = pinned };

        var error = await Assert.ThrowsAsync<SshHostKeyChangedException>(() => shell.ConnectAsync(target, CancellationToken.None));

        Assert.Equal(ErrorIds.SshHostKeyChanged, error.ErrorId);
        Assert.Equal((pinnedFingerprint, server.HostFingerprint), (error.ExpectedFingerprint, error.PresentedFingerprint));
        Assert.Contains("node-9", error.Message);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.Contains(pinnedFingerprint, error.Message);
        Assert.Contains(server.HostFingerprint, error.Message);
        Assert.Equal(1, shell.RoundTrips("node-9"));
    }

    [SshdFact]
    public async Task ConnectAsync_PinnedKeyMatches_ConnectsWithoutLearning()
    {
        await using var server = await TestSshServer.StartAsync(scratch.Path);
        await using var shell = NewShell(SshOptions.Default);
        var target = new SshTarget { NodeName = "node-2", Host = "127.0.0.1", Port = server.Port, PrivateKeyPath = server.ClientKeyPath, PinnedHostKey = server.HostPublicKey + " comment" };

        var key = await shell.ConnectAsync(target, CancellationToken.None);
        var result = await shell.RunScriptAsync(target, "hello", "echo hello", allowFailure: false, CancellationToken.None);

        Assert.Equal(server.HostFingerprint, key.Fingerprint);
        Assert.Equal("hello\n", result.StandardOutput);
    }

    [Fact]
    public async Task ConnectAsync_NobodyListening_ThrowsConnectionFailedAfterEveryAttempt()
    {
        var key = LocalTool.NewKey(scratch.File("client_ed25519"));
        await using var shell = NewShell(SshOptions.Default with { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(10) });
        var target = new SshTarget { NodeName = "gone", Host = "127.0.0.1", Port = ClosedPort(), PrivateKeyPath = key };

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => shell.ConnectAsync(target, CancellationToken.None));

        Assert.Equal(ErrorIds.SshConnectionFailed, error.ErrorId);
        Assert.Equal(ErrorKind.Connection, error.Kind);
        Assert.Contains("after 3 attempts", error.Message);
        Assert.Contains("Connection refused", error.Message);
        Assert.Equal(3, shell.RoundTrips("gone"));
    }

    [Fact]
    public async Task ConnectAsync_UnknownHostName_FailsWithoutRetrying()
    {
        var key = LocalTool.NewKey(scratch.File("client_ed25519"));
        await using var shell = NewShell(SshOptions.Default with { InitialBackoff = TimeSpan.FromMilliseconds(10) });
        var target = new SshTarget { NodeName = "typo", Host = "no-such-host.invalid", PrivateKeyPath = key };

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => shell.ConnectAsync(target, CancellationToken.None));

        Assert.Equal(ErrorIds.SshConnectionFailed, error.ErrorId);
        Assert.Equal(1, shell.RoundTrips("typo"));
    }

    private OpenSshShell NewShell(SshOptions options) =>
        new(scratch.File("run.log"), OpenSshShell.NewControlDirectory(), scratch.File("known_hosts"), NullEngineLog.Instance, options);

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
