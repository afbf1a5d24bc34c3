using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Tests.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Execution;

public sealed class DefaultCredentialResolverTests
{
    private readonly DefaultCredentialResolver resolver = new();

    [Fact]
    public async Task ResolveAsync_EnvironmentVariableSet_ReturnsItsValue()
    {
        var name = "MC_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "s3cr3t");
        try
        {
            Assert.Equal("s3cr3t", await resolver.ResolveAsync(new CredentialRef(CredentialSource.Env, name), CancellationToken.None));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task ResolveAsync_EnvironmentVariableMissing_FailsNamingTheVariable()
    {
        var name = "MC_TEST_MISSING_" + Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => resolver.ResolveAsync(new CredentialRef(CredentialSource.Env, name), CancellationToken.None));

        Assert.Equal(ErrorIds.CredentialNotFound, error.ErrorId);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public async Task ResolveAsync_FileWithTrailingNewline_ReturnsContentWithoutIt()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "token");
        File.WriteAllText(path, "tok-en\n");

        Assert.Equal("tok-en", await resolver.ResolveAsync(new CredentialRef(CredentialSource.File, path), CancellationToken.None));
    }

    [Theory]
    [InlineData("missing-file")]
    [InlineData("missing-folder/token")]
    public async Task ResolveAsync_FileMissing_FailsNamingThePath(string relative)
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, relative);

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => resolver.ResolveAsync(new CredentialRef(CredentialSource.File, path), CancellationToken.None));

        Assert.Equal(ErrorIds.CredentialNotFound, error.ErrorId);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task ResolveAsync_EmptyFile_FailsWithCredentialNotFound()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "empty");
        File.WriteAllText(path, "\n");

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => resolver.ResolveAsync(new CredentialRef(CredentialSource.File, path), CancellationToken.None));

        Assert.Equal(ErrorIds.CredentialNotFound, error.ErrorId);
    }

    [Theory]
    [InlineData("~", "")]
    [InlineData("~/.secrets/token", ".secrets/token")]
    public void ExpandHome_TildePath_StartsAtTheHomeFolder(string reference, string underHome)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.Equal(Path.Combine(home, underHome).TrimEnd(Path.DirectorySeparatorChar), DefaultCredentialResolver.ExpandHome(reference).TrimEnd(Path.DirectorySeparatorChar));
    }

    [Fact]
    public void ExpandHome_PathWithoutTilde_IsUnchanged()
    {
        Assert.Equal("/etc/token", DefaultCredentialResolver.ExpandHome("/etc/token"));
    }

    [Fact]
    public async Task ResolveAsync_SecretReference_FailsExplainingThatThePowerShellModuleResolvesIt()
    {
        var error = await Assert.ThrowsAsync<MultiCloudException>(() =>
            resolver.ResolveAsync(new CredentialRef(CredentialSource.Secret, "azure-sp", "corp"), CancellationToken.None));

        Assert.Equal(ErrorIds.CredentialSourceNotSupported, error.ErrorId);
        Assert.Equal(ErrorKind.NotSupported, error.Kind);
        Assert.Contains("secret:corp/azure-sp", error.Message);
        Assert.Contains("SecretManagement", error.Message);
    }
}
