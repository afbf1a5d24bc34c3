using Xunit;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Tests.Remote;

/// <summary>The in-process SSH transport against a real sshd on 127.0.0.1.</summary>
public sealed class SshNetShellTests : IClassFixture<SshServerFixture>, IDisposable
{
    private readonly TestSshServer server;
    private readonly ScratchFolder scratch = new();

    public SshNetShellTests(SshServerFixture fixture)
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
    public async Task RunScriptAsync_ScriptsInParallelOnOneNode_ShareOneConnection()
    {
        await using var shell = NewShell();
        var key = await shell.ConnectAsync(Target(), CancellationToken.None);
        var before = server.AcceptedLogins;

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            shell.RunScriptAsync(Target() with { PinnedHostKey = key.PublicKey }, "parallel " + i, $"sleep 0.2; echo {i}", allowFailure: false, CancellationToken.None)));

        Assert.Equal(Enumerable.Range(0, 6).Select(i => i + "\n"), results.Select(r => r.StandardOutput));
        Assert.Equal(0, server.AcceptedLogins - before);
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
    public async Task RunScriptAsync_LargeScriptAndOutput_ArriveWhole()
    {
        await using var shell = NewShell();
        var payload = string.Concat(Enumerable.Range(0, 20000).Select(i => $"line {i} of a generated configuration file\n"));
        var script = "wc -c <<'MC_EOF'\n" + payload + "MC_EOF\nseq 1 200000 | tail -n 1";

        var result = await shell.RunScriptAsync(Target(), "large", script, allowFailure: false, CancellationToken.None);

        Assert.Equal($"{System.Text.Encoding.UTF8.GetByteCount(payload)}\n200000\n", result.StandardOutput);
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
    public async Task RunScriptAsync_KeyHeldInMemory_LogsInWithoutAKeyFile()
    {
        await using var shell = NewShell();
        var key = SshPrivateKey.FromText(File.ReadAllText(server.ClientKeyPath).Replace("\n", "\r\n").TrimEnd(), "env:NODE_KEY");

        var result = await shell.RunScriptAsync(Target() with { PrivateKey = key }, "hello", "echo hello", allowFailure: false, CancellationToken.None);

        Assert.Equal("hello\n", result.StandardOutput);
        Assert.Equal(new[] { "run.log" }, Directory.GetFileSystemEntries(scratch.Path).Select(Path.GetFileName));
    }

    [SshdFact]
    public async Task ConnectAsync_FirstContact_LearnsTheServersKey()
    {
        await using var shell = NewShell();

        var key = await shell.ConnectAsync(Target(), CancellationToken.None);

        Assert.Equal(server.HostPublicKey, key.PublicKey);
        Assert.Equal(server.HostFingerprint, key.Fingerprint);
        Assert.Contains("learned host key " + server.HostFingerprint, File.ReadAllText(scratch.File("run.log")));
    }

    /// <summary>Issue 8: a fingerprint given in the manifest is compared inside the key exchange, before any login.</summary>
    [SshdFact]
    public async Task ConnectAsync_ExpectedFingerprintDiffers_RefusesBeforeLoggingIn()
    {
        await using var shell = NewShell();
        var target = Target() with { ExpectedFingerprint = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" };
        var before = server.AcceptedLogins;

        var error = await Assert.ThrowsAsync<SshHostKeyChangedException>(() => shell.ConnectAsync(target, CancellationToken.None));

        Assert.Equal(ErrorIds.SshHostKeyChanged, error.ErrorId);
        Assert.Equal(("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", server.HostFingerprint), (error.ExpectedFingerprint, error.PresentedFingerprint));
        Assert.Contains(server.HostFingerprint, error.Message);
        Assert.Contains("the fingerprint given in the manifest", error.Message);
        Assert.Equal(0, server.AcceptedLogins - before);
        Assert.Contains("nothing was sent to the node", File.ReadAllText(scratch.File("run.log")));
    }

    [SshdFact]
    public async Task RunScriptAsync_ExpectedFingerprintDiffers_NoScriptEverRuns()
    {
        await using var shell = NewShell();
        var marker = scratch.File("must-not-exist");
        var target = Target() with { ExpectedFingerprint = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" };

        await Assert.ThrowsAsync<SshHostKeyChangedException>(() =>
            shell.RunScriptAsync(target, "touch", "touch " + marker, allowFailure: false, CancellationToken.None));

        Assert.False(File.Exists(marker));
    }

    [SshdFact]
    public async Task ConnectAsync_ExpectedFingerprintMatches_ReturnsKey()
    {
        await using var shell = NewShell();

        var key = await shell.ConnectAsync(Target() with { ExpectedFingerprint = server.HostFingerprint }, CancellationToken.None);

        Assert.Equal(server.HostFingerprint, key.Fingerprint);
    }

    [SshdFact]
    public async Task ConnectAsync_WrongClientKey_ThrowsAuthenticationFailedNamingUserHostKeyAndItsPub()
    {
        await using var shell = NewShell();
        var otherKey = LocalTool.NewKey(scratch.File("other_ed25519"));

        var error = await Assert.ThrowsAsync<MultiCloudException>(() =>
            shell.ConnectAsync(Target() with { PrivateKey = SshPrivateKey.FromFile(otherKey) }, CancellationToken.None));

        Assert.Equal(ErrorIds.SshAuthenticationFailed, error.ErrorId);
        Assert.Contains("'root'", error.Message);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.Contains(otherKey, error.Message);
        Assert.Contains("it is in " + otherKey + ".pub", error.Message);
        Assert.Equal(1, shell.RoundTrips("node-1"));
    }

    /// <summary>Issue 8: the hint never names a .pub file that does not exist; it gives the public key itself.</summary>
    [SshdFact]
    public async Task ConnectAsync_WrongKeyWithoutPubFile_HintGivesThePublicKeyItself()
    {
        await using var shell = NewShell();
        var otherKey = LocalTool.NewKey(scratch.File("lonely_ed25519"));
        var publicKey = TestSshServer.PublicKeyOf(otherKey);
        File.Delete(otherKey + ".pub");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() =>
            shell.ConnectAsync(Target() with { PrivateKey = SshPrivateKey.FromFile(otherKey) }, CancellationToken.None));

        Assert.Equal(ErrorIds.SshAuthenticationFailed, error.ErrorId);
        Assert.DoesNotContain(".pub", error.Message);
        Assert.Contains(publicKey, error.Message);
        Assert.Contains("ssh-keygen -y -f " + otherKey, error.Message);
    }

    [SshdFact]
    public async Task ConnectAsync_WrongKeyFromEnvironment_HintGivesThePublicKeyAndNeverThePrivate()
    {
        await using var shell = NewShell();
        var otherKey = LocalTool.NewKey(scratch.File("env_ed25519"));
        var privateText = File.ReadAllText(otherKey);

        var error = await Assert.ThrowsAsync<MultiCloudException>(() =>
            shell.ConnectAsync(Target() with { PrivateKey = SshPrivateKey.FromText(privateText, "env:NODE_KEY") }, CancellationToken.None));

        Assert.Equal(ErrorIds.SshAuthenticationFailed, error.ErrorId);
        Assert.Contains("env:NODE_KEY", error.Message);
        Assert.Contains(TestSshServer.PublicKeyOf(otherKey), error.Message);
        Assert.DoesNotContain(".pub", error.Message);
        var secretLine = privateText.Split('\n')[1];
        Assert.DoesNotContain(secretLine, error.Message);
        Assert.DoesNotContain(secretLine, File.ReadAllText(scratch.File("run.log")));
    }

    [SshdFact]
    public async Task ConnectAsync_KeyTextIsNoKey_ThrowsSshKeyInvalidNamingTheReferenceOnly()
    {
        await using var shell = NewShell();

        var error = await Assert.ThrowsAsync<MultiCloudException>(() =>
            shell.ConnectAsync(Target() with { PrivateKey = SshPrivateKey.FromText("not a key, but secret-looking text", "env:NODE_KEY") }, CancellationToken.None));

        Assert.Equal(ErrorIds.SshKeyInvalid, error.ErrorId);
        Assert.Contains("env:NODE_KEY", error.Message);
        Assert.DoesNotContain("secret-looking", error.Message);
    }

    [SshdFact]
    public async Task ConnectAsync_KeyWithPassphrase_ThrowsSshKeyInvalidSayingSo()
    {
        await using var shell = NewShell();
        var locked = LocalTool.NewKey(scratch.File("locked_ed25519"), passphrase: "correct horse");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() =>
            shell.ConnectAsync(Target() with { PrivateKey = SshPrivateKey.FromFile(locked) }, CancellationToken.None));

        Assert.Equal(ErrorIds.SshKeyInvalid, error.ErrorId);
        Assert.Contains("passphrase", error.Message);
        Assert.Contains(locked, error.Message);
    }

    [SshdFact]
    public async Task RunScriptAsync_Cancelled_EndsPromptlyAndSignalsTheCommand()
    {
        await using var shell = NewShell();
        var started = scratch.File("started");
        var terminated = scratch.File("terminated");
        var script = $"trap 'touch {terminated}; exit 143' TERM\ntouch {started}\nsleep 60 &\nwait";
        using var cancel = new CancellationTokenSource();

        var running = shell.RunScriptAsync(Target(), "long", script, allowFailure: false, cancel.Token);
        await Eventually.TrueAsync(() => File.Exists(started));
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await Eventually.TrueAsync(() => File.Exists(terminated));
    }

    private SshNetShell NewShell() => new(scratch.File("run.log"), NullEngineLog.Instance);

    private SshTarget Target() => new()
    {
        NodeName = "node-1",
        Host = "127.0.0.1",
        Port = server.Port,
        PrivateKey = SshPrivateKey.FromFile(server.ClientKeyPath),
    };
}
