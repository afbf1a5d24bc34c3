using Xunit;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Tests.Remote;

/// <summary>The OpenSSH transport against a real sshd on 127.0.0.1.</summary>
public sealed class OpenSshShellTests : IClassFixture<SshServerFixture>, IDisposable
{
    private readonly TestSshServer server;
    private readonly ScratchFolder scratch = new();

    public OpenSshShellTests(SshServerFixture fixture)
    {
        server = fixture.Server;
    }

    public void Dispose() => scratch.Dispose();

    [SshdFact]
    public async Task RunScriptAsync_ScriptExitsNonZeroWithAllowFailure_ReturnsExitCodeAndBothOutputs()
    {
        await using var shell = NewShell();

        var result = await shell.RunScriptAsync(Target(), "exit three", "echo out; echo err >&2; exit 3", allowFailure: true, CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.StandardOutput);
        Assert.Equal("err\n", result.StandardError);
    }

    [SshdFact]
    public async Task RunScriptAsync_ScriptFails_ThrowsSshCommandExceptionNamingEverything()
    {
        await using var shell = NewShell();
        var script = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"echo line{i} >&2")) + "\nexit 7";

        var error = await Assert.ThrowsAsync<SshCommandException>(() =>
            shell.RunScriptAsync(Target(), "break things", script, allowFailure: false, CancellationToken.None));

        Assert.Equal(ErrorIds.SshCommandFailed, error.ErrorId);
        Assert.Equal(("node-1", "127.0.0.1", "break things", 7), (error.NodeName, error.Host, error.Command, error.ExitCode));
        Assert.Equal(string.Join(Environment.NewLine, Enumerable.Range(11, 20).Select(i => $"line{i}")), error.StandardErrorTail);
        Assert.Equal(scratch.File("run.log"), error.LogPath);
        foreach (var part in new[] { "node-1", "127.0.0.1", "break things", "exit code 7", "line30", scratch.File("run.log") })
            Assert.Contains(part, error.Message);
        Assert.DoesNotContain("line10" + Environment.NewLine, error.Message);
    }

    [SshdFact]
    public async Task RunScriptAsync_ScriptEchoesARegisteredSecret_OutputLogAndErrorShowItRedacted()
    {
        await using var shell = NewShell();
        const string token = "abcdef.0123456789abcdef";
        shell.Redact(token);

        var printed = await shell.RunScriptAsync(Target(), "print token", $"echo 'token {token}'", allowFailure: false, CancellationToken.None);
        var error = await Assert.ThrowsAsync<SshCommandException>(() =>
            shell.RunScriptAsync(Target(), "fail with token", $"echo 'bad token {token}' >&2; exit 1", allowFailure: false, CancellationToken.None));

        Assert.Equal("token [redacted]\n", printed.StandardOutput);
        Assert.Contains("bad token [redacted]", error.Message);
        Assert.DoesNotContain(token, error.Message);
        var log = File.ReadAllText(scratch.File("run.log"));
        Assert.Contains("token [redacted]", log);
        Assert.DoesNotContain(token, log);
    }

    [SshdFact]
    public async Task RunScriptAsync_ManyScripts_OneHandshakeAndOneRoundTripEach()
    {
        await using var shell = NewShell();
        var before = server.AcceptedLogins;

        await shell.ConnectAsync(Target(), CancellationToken.None);
        for (var i = 0; i < 5; i++)
            await shell.RunScriptAsync(Target(), "step " + i, "true", allowFailure: false, CancellationToken.None);

        Assert.Equal(1, server.AcceptedLogins - before);
        Assert.Equal(6, shell.RoundTrips("node-1"));
    }

    [SshdFact]
    public async Task RunScriptAsync_ScriptCommandReadsStdin_RestOfScriptStillRuns()
    {
        await using var shell = NewShell();

        var result = await shell.RunScriptAsync(Target(), "read stdin", "cat\necho after-cat\nread -r x || echo no-input", allowFailure: false, CancellationToken.None);

        Assert.Equal("after-cat\nno-input\n", result.StandardOutput);
    }

    [SshdFact]
    public async Task RunScriptAsync_QuotesHeredocsAndUnicode_ArriveUnchanged()
    {
        await using var shell = NewShell();
        var script = "cat <<'EOF'\nsingle ' double \" dollar $HOME backtick ` backslash \\ – ü ✓\nEOF\nprintf '%s\\n' \"a  b\"";

        var result = await shell.RunScriptAsync(Target(), "quoting", script, allowFailure: false, CancellationToken.None);

        Assert.Equal("single ' double \" dollar $HOME backtick ` backslash \\ – ü ✓\na  b\n", result.StandardOutput);
    }

    [SshdFact]
    public async Task RunScriptAsync_Always_WritesFullOutputToRunLog()
    {
        await using var shell = NewShell();

        await shell.RunScriptAsync(Target(), "talkative step", "seq 1 500; echo to-stderr >&2", allowFailure: false, CancellationToken.None);

        var log = File.ReadAllText(scratch.File("run.log"));
        Assert.Contains("node-1 (root@127.0.0.1:" + server.Port + ") talkative step", log);
        Assert.Contains("\n1\n2\n", log);
        Assert.Contains("\n500\n", log);
        Assert.Contains("to-stderr", log);
        Assert.Contains("---- exit 0", log);
    }

    [SshdFact]
    public async Task ConnectAsync_FirstContact_LearnsServerKeyAndWritesKnownHosts()
    {
        await using var shell = NewShell();

        var key = await shell.ConnectAsync(Target(), CancellationToken.None);

        Assert.Equal(server.HostPublicKey, key.PublicKey);
        Assert.Equal(server.HostFingerprint, key.Fingerprint);
        Assert.Equal("node-1 " + server.HostPublicKey + "\n", File.ReadAllText(scratch.File("known_hosts")));
    }

    [SshdFact]
    public async Task ConnectAsync_ExpectedFingerprintDiffers_ThrowsHostKeyChanged()
    {
        await using var shell = NewShell();
        var target = Target() with { ExpectedFingerprint = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" };

        var error = await Assert.ThrowsAsync<SshHostKeyChangedException>(() => shell.ConnectAsync(target, CancellationToken.None));

        Assert.Equal(ErrorIds.SshHostKeyChanged, error.ErrorId);
        Assert.Contains(server.HostFingerprint, error.Message);
        Assert.Contains("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", error.Message);
    }

    [SshdFact]
    public async Task ConnectAsync_ExpectedFingerprintMatches_ReturnsKey()
    {
        await using var shell = NewShell();

        var key = await shell.ConnectAsync(Target() with { ExpectedFingerprint = server.HostFingerprint }, CancellationToken.None);

        Assert.Equal(server.HostFingerprint, key.Fingerprint);
    }

    [SshdFact]
    public async Task ConnectAsync_WrongClientKey_ThrowsAuthenticationFailedNamingUserHostAndKey()
    {
        await using var shell = NewShell();
        var otherKey = LocalTool.NewKey(scratch.File("other_ed25519"));

        var error = await Assert.ThrowsAsync<MultiCloudException>(() =>
            shell.ConnectAsync(Target() with { PrivateKeyPath = otherKey }, CancellationToken.None));

        Assert.Equal(ErrorIds.SshAuthenticationFailed, error.ErrorId);
        Assert.Contains("'root'", error.Message);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.Contains(otherKey, error.Message);
        Assert.Equal(1, shell.RoundTrips("node-1"));
    }

    [SshdFact]
    public async Task DisposeAsync_AfterCommands_ClosesMasterAndRemovesSocketFolder()
    {
        var controlDirectory = OpenSshShell.NewControlDirectory();
        var shell = new OpenSshShell(scratch.File("run.log"), controlDirectory, scratch.File("known_hosts"), NullEngineLog.Instance);
        await shell.RunScriptAsync(Target(), "touch", "true", allowFailure: false, CancellationToken.None);
        Assert.NotEmpty(Directory.GetFileSystemEntries(controlDirectory));

        await shell.DisposeAsync();

        Assert.False(Directory.Exists(controlDirectory));
    }

    private OpenSshShell NewShell() =>
        new(scratch.File("run.log"), OpenSshShell.NewControlDirectory(), scratch.File("known_hosts"), NullEngineLog.Instance);

    private SshTarget Target() => new()
    {
        NodeName = "node-1",
        Host = "127.0.0.1",
        Port = server.Port,
        PrivateKeyPath = server.ClientKeyPath,
    };
}
