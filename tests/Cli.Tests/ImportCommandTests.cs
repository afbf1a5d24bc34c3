using MultiCloud.Cli.Output;
using Xunit;

namespace MultiCloud.Cli.Tests;

public sealed class ImportCommandTests : IDisposable
{
    private static readonly string ClaudieBase = Path.Combine(AppContext.BaseDirectory, "testdata", "claudie", "base.yaml");
    private readonly CliSandbox _sandbox = new();

    [Fact]
    public async Task Import_ClaudieManifest_PrintsNativeYaml()
    {
        var result = await _sandbox.RunAsync("import", ClaudieBase);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.StartsWith("apiVersion: multicloud.io/v1", result.Stdout);
        Assert.Contains("kind: Cluster", result.Stdout);
        Assert.DoesNotContain("claudie.io", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Import_ToFile_WritesManifestThatValidates()
    {
        var native = Path.Combine(_sandbox.Root, "out", "native.yaml");

        var imported = await _sandbox.RunAsync("import", ClaudieBase, "--out", native);
        var validated = await _sandbox.RunAsync("validate", native);

        Assert.Equal(ExitCodes.Success, imported.ExitCode);
        Assert.Equal("", imported.Stdout);
        Assert.Contains("wrote " + native, imported.Stderr);
        Assert.Equal(ExitCodes.Success, validated.ExitCode);
        Assert.Contains("valid", validated.Stdout);
    }

    [Fact]
    public async Task Import_InvalidClaudieManifest_ExitsTwoWithDiagnostics()
    {
        var broken = File.ReadAllText(ClaudieBase).Replace("providerType: hetzner", "providerType: hetznr");
        var file = _sandbox.WriteFile("broken-claudie.yaml", broken);

        var result = await _sandbox.RunAsync("import", file);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error ManifestInvalid: ", result.Stderr);
        Assert.Contains(result.StderrLines, line => line.StartsWith(file + ":") && line.Contains("hetznr"));
        Assert.Equal("", result.Stdout);
    }

    public void Dispose() => _sandbox.Dispose();
}
