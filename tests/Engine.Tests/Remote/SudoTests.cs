using Xunit;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Tests.Remote;

/// <summary>A non-root user runs scripts through sudo -n; one that may not sudo without a password fails with SudoRequired.</summary>
public sealed class SudoTests : IClassFixture<SshServerFixture>, IClassFixture<LocalUserFixture>, IDisposable
{
    private readonly TestSshServer server;
    private readonly LocalUserFixture user;
    private readonly ScratchFolder scratch = new();

    public SudoTests(SshServerFixture fixture, LocalUserFixture user)
    {
        server = fixture.Server;
        this.user = user;
    }

    public void Dispose() => scratch.Dispose();

    [SshdFact]
    public async Task ConnectAsync_UserWithoutPasswordlessSudo_ThrowsSudoRequiredNamingTheUser()
    {
        await using var shell = new SshNetShell(scratch.File("run.log"), NullEngineLog.Instance);

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => shell.ConnectAsync(Target(), CancellationToken.None));

        Assert.Equal(ErrorIds.SudoRequired, error.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Contains($"'{user.Name}'", error.Message);
        Assert.Contains("node-1", error.Message);
        Assert.Equal(1, shell.RoundTrips("node-1"));
    }

    [SshdFact]
    public async Task RunScriptAsync_UserWithoutPasswordlessSudo_RunsNothingOfTheScript()
    {
        await using var shell = new SshNetShell(scratch.File("run.log"), NullEngineLog.Instance);
        var marker = scratch.File("must-not-exist");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() =>
            shell.RunScriptAsync(Target() with { PinnedHostKey = server.HostPublicKey }, "touch", "touch " + marker, allowFailure: true, CancellationToken.None));

        Assert.Equal(ErrorIds.SudoRequired, error.ErrorId);
        Assert.False(File.Exists(marker));
    }

    private SshTarget Target() => new()
    {
        NodeName = "node-1",
        Host = "127.0.0.1",
        Port = server.Port,
        User = user.Name,
        PrivateKey = SshPrivateKey.FromFile(server.ClientKeyPath),
    };
}

/// <summary>
/// A local user that may log in (key only, through the test sshd's own authorized keys) but is in no sudoers
/// file, so sudo wants a password it does not have. Created for the tests, removed by name afterwards.
/// </summary>
public sealed class LocalUserFixture : IDisposable
{
    public const string SudoPath = "/usr/bin/sudo";

    private readonly bool created;

    public LocalUserFixture()
    {
        if (TestSshServer.MissingRequirement() != null && Environment.GetEnvironmentVariable("CI") != "true") return;
        if (!File.Exists(SudoPath)) throw new InvalidOperationException($"these tests need {SudoPath} (package sudo; tests/lab/requirements.sh installs it)");
        if (File.ReadLines("/etc/passwd").Any(line => line.StartsWith(Name + ":", StringComparison.Ordinal))) return;
        // "*": no password to log in with, yet not locked ("!"), which sshd would refuse without PAM.
        LocalTool.Run("useradd", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/bin/bash", "--password", "*", Name);
        created = true;
    }

    public string Name => "mc-test-nosudo";

    public void Dispose()
    {
        if (created) LocalTool.Run("userdel", Name);
    }
}
