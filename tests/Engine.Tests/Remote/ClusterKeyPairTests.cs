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
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }
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

        Assert.Equal(publicKey.Split(' ')[1], ClusterKeyPair.ReadPublicKey(path).Split(' ')[1]);
    }
}
