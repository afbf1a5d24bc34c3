using Xunit;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Tests.Remote;

public sealed class SshFailureTests
{
    [Theory]
    [InlineData(0, "", SshFailureKind.None)]
    [InlineData(3, "ssh: connect to host x port 22: Connection refused", SshFailureKind.None)]
    [InlineData(255, "some script's own message", SshFailureKind.None)]
    [InlineData(255, "ssh: connect to host 127.0.0.1 port 2298: Connection refused", SshFailureKind.Transient)]
    [InlineData(255, "ssh: connect to host 10.0.0.9 port 22: Connection timed out", SshFailureKind.Transient)]
    [InlineData(255, "Connection timed out during banner exchange", SshFailureKind.Transient)]
    [InlineData(255, "ssh: connect to host 10.0.0.9 port 22: No route to host", SshFailureKind.Transient)]
    [InlineData(255, "kex_exchange_identification: read: Connection reset by peer", SshFailureKind.Transient)]
    [InlineData(255, "Connection to 10.0.0.9 closed by remote host.", SshFailureKind.Transient)]
    [InlineData(255, "ssh: Could not resolve hostname typo: Temporary failure in name resolution", SshFailureKind.Transient)]
    [InlineData(255, "ssh: Could not resolve hostname typo.invalid: Name or service not known", SshFailureKind.Unreachable)]
    [InlineData(255, "root@127.0.0.1: Permission denied (publickey).", SshFailureKind.Authentication)]
    [InlineData(255, "@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\nHost key verification failed.", SshFailureKind.HostKey)]
    [InlineData(255, "No ED25519 host key is known for node-1 and you have requested strict checking.\nHost key verification failed.", SshFailureKind.HostKey)]
    [InlineData(97, "multicloud: sudo -n refused", SshFailureKind.Sudo)]
    [InlineData(97, "a script exiting 97 on its own", SshFailureKind.None)]
    internal void Classify_ExitAndStderr_TellsWhoFailed(int exitCode, string standardError, SshFailureKind expected)
    {
        Assert.Equal(expected, SshFailure.Classify(exitCode, standardError));
    }

    [Fact]
    public void PresentedFingerprint_ChangedKeyWarning_ReturnsTheFingerprint()
    {
        var stderr = "The fingerprint for the ED25519 key sent by the remote host is\nSHA256:rjNSAa6UGgJhbiTA/VFGBY3xzNHUZ0wEFdfcH7+VSEw.\nPlease contact";

        Assert.Equal("SHA256:rjNSAa6UGgJhbiTA/VFGBY3xzNHUZ0wEFdfcH7+VSEw", SshFailure.PresentedFingerprint(stderr));
    }

    [Fact]
    public void Tail_ManyLines_KeepsTheLastNonEmptyOnes()
    {
        Assert.Equal("b" + Environment.NewLine + "c", SshFailure.Tail("a\n\nb\r\nc\n\n", 2));
    }
}
