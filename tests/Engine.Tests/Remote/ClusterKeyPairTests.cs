using Xunit;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Tests.Remote;

public sealed class ClusterKeyPairTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task EnsureAsync_NoKey_CreatesOwnerOnlyEd25519Pair()
    {
        var path = await ClusterKeyPair.EnsureAsync(scratch.Path, CancellationToken.None);

        Assert.Equal(Path.Combine(scratch.Path, "ssh", "id_ed25519"), path);
        Assert.StartsWith("ssh-ed25519 ", ClusterKeyPair.ReadPublicKey(path));
        Assert.EndsWith(" multicloud", ClusterKeyPair.ReadPublicKey(path));
        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }
        Assert.Equal(new[] { "id_ed25519", "id_ed25519.pub" }, Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task EnsureAsync_NewKey_OpenSshKeygenReadsItAndDerivesTheSamePublicKey()
    {
        var path = await ClusterKeyPair.EnsureAsync(scratch.Path, CancellationToken.None);

        var derived = LocalTool.Run("ssh-keygen", "-y", "-f", path).Trim();

        Assert.Equal(string.Join(' ', ClusterKeyPair.ReadPublicKey(path).Split(' ').Take(2)), string.Join(' ', derived.Split(' ').Take(2)));
        Assert.Equal(LocalTool.Fingerprint(path + ".pub"), HostKeyText.Fingerprint(ClusterKeyPair.ReadPublicKey(path)));
    }

    [SshdFact]
    public async Task EnsureAsync_NewKey_OpenSshClientLogsInWithIt()
    {
        await using var server = await TestSshServer.StartAsync(scratch.Path);
        var path = await ClusterKeyPair.EnsureAsync(scratch.File("cluster"), CancellationToken.None);
        server.Authorize(ClusterKeyPair.ReadPublicKey(path));

        var output = LocalTool.Run("ssh", "-F", "none", "-i", path, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "root@127.0.0.1", "echo logged-in");

        Assert.Equal("logged-in\n", output);
    }

    [Fact]
    public async Task EnsureAsync_KeyExists_KeepsIt()
    {
        var path = await ClusterKeyPair.EnsureAsync(scratch.Path, CancellationToken.None);
        var first = File.ReadAllText(path);

        await ClusterKeyPair.EnsureAsync(scratch.Path, CancellationToken.None);

        Assert.Equal(first, File.ReadAllText(path));
    }

    [Fact]
    public async Task EnsureAsync_PublicHalfMissing_DerivesItAgain()
    {
        var path = await ClusterKeyPair.EnsureAsync(scratch.Path, CancellationToken.None);
        var publicKey = ClusterKeyPair.ReadPublicKey(path);
        File.Delete(path + ".pub");

        await ClusterKeyPair.EnsureAsync(scratch.Path, CancellationToken.None);

        Assert.Equal(publicKey, ClusterKeyPair.ReadPublicKey(path));
    }

    [Fact]
    public async Task EnsureAsync_KeyMadeBySshKeygen_DerivesItsPublicHalf()
    {
        Directory.CreateDirectory(scratch.File("ssh"));
        var path = LocalTool.NewKey(scratch.File("ssh/id_ed25519"));
        var publicKey = TestSshServer.PublicKeyOf(path);
        File.Delete(path + ".pub");

        await ClusterKeyPair.EnsureAsync(scratch.Path, CancellationToken.None);

        Assert.StartsWith(publicKey + " ", ClusterKeyPair.ReadPublicKey(path));
    }

    [Fact]
    public async Task EnsureAsync_PrivateKeyUnreadable_ThrowsSshKeyGenerationFailedNamingIt()
    {
        Directory.CreateDirectory(scratch.File("ssh"));
        File.WriteAllText(scratch.File("ssh/id_ed25519"), "garbage");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => ClusterKeyPair.EnsureAsync(scratch.Path, CancellationToken.None));

        Assert.Equal(ErrorIds.SshKeyGenerationFailed, error.ErrorId);
        Assert.Contains(scratch.File("ssh/id_ed25519"), error.Message);
    }

    [Fact]
    public async Task EnsureAsync_KeyCopiesLeftByAnOlderVersion_RemovesThem()
    {
        Directory.CreateDirectory(scratch.File("ssh/run-keys"));
        File.WriteAllText(scratch.File("ssh/run-keys/compute-1.key"), "a private key copy");

        await ClusterKeyPair.EnsureAsync(scratch.Path, CancellationToken.None);

        Assert.False(Directory.Exists(scratch.File("ssh/run-keys")));
    }
}
