using Xunit;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Tests.Remote;

public sealed class HostKeyTextTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Fingerprint_GeneratedKey_MatchesSshKeygen()
    {
        var key = LocalTool.NewKey(scratch.File("k"));
        var publicKey = File.ReadAllText(key + ".pub");

        Assert.Equal(LocalTool.Fingerprint(key + ".pub"), HostKeyText.Fingerprint(publicKey));
    }

    [Theory]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEr9xjMYcpGsMQLph4lL9ier4LCM5EyrFHimBVNkT4pt root@x", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEr9xjMYcpGsMQLph4lL9ier4LCM5EyrFHimBVNkT4pt")]
    [InlineData("  ecdsa-sha2-nistp256\tAAAA  ", "ecdsa-sha2-nistp256 AAAA")]
    public void Normalize_KeyWithCommentOrSpaces_KeepsTypeAndBlob(string given, string expected)
    {
        Assert.Equal(expected, HostKeyText.Normalize(given));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAAC3NzaC1lZDI1NTE5")]
    [InlineData("rsa AAAA")]
    [InlineData("ssh-ed25519 not*base64")]
    public void Normalize_NotAKey_ThrowsFormatException(string given)
    {
        Assert.Throws<FormatException>(() => HostKeyText.Normalize(given));
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public void FromBlob_KeyBlob_GivesTheAuthorizedKeysForm(string type)
    {
        var publicKey = TestSshServer.PublicKeyOf(LocalTool.NewKey(scratch.File("k_" + type), type));

        Assert.Equal(publicKey, HostKeyText.FromBlob(Convert.FromBase64String(publicKey.Split(' ')[1])));
    }

    [Fact]
    public void FromBlob_Garbage_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => HostKeyText.FromBlob(new byte[] { 0, 0, 0, 9, 1, 2 }));
    }

    [Theory]
    [InlineData("SHA256:abc", "SHA256:abc", true)]
    [InlineData("abc", "SHA256:abc", true)]
    [InlineData("SHA256:abc=", "SHA256:abc", true)]
    [InlineData("SHA256:abd", "SHA256:abc", false)]
    public void SameFingerprint_Variants_ComparesExactly(string given, string actual, bool same)
    {
        Assert.Equal(same, HostKeyText.SameFingerprint(given, actual));
    }
}
