using System.Text.RegularExpressions;
using MultiCloud.Cli.Output;
using MultiCloud.Engine.Manifest;
using Xunit;

namespace MultiCloud.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private const string BrokenManifest = """
        apiVersion: multicloud.io/v1
        kind: Cluster
        metadata:
          name: broken
        spec:
          providers:
            - name: cloud-a
              type: azur
          colour: blue
        """;

    private static readonly Regex DiagnosticLine = new(@"^.+:\d+:\d+: \S.*: .+$");
    private readonly CliSandbox _sandbox = new();

    [Fact]
    public async Task Validate_GoodManifest_ExitsZeroAndNamesClusters()
    {
        var file = _sandbox.WriteFile("good.yaml", ExampleManifests.Get(Commands.ManifestSource.DefaultExample));

        var result = await _sandbox.RunAsync("validate", file);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("valid", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Validate_BadManifest_ExitsTwoAndListsEveryDiagnostic()
    {
        var file = _sandbox.WriteFile("broken.yaml", BrokenManifest);

        var result = await _sandbox.RunAsync("validate", file);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        var lines = result.StderrLines;
        var header = Regex.Match(lines[0], @"^error ManifestInvalid: .*broken\.yaml has (\d+) problem\(s\):$");
        Assert.True(header.Success, lines[0]);
        var diagnostics = lines.Skip(1).ToList();
        Assert.Equal(int.Parse(header.Groups[1].Value), diagnostics.Count);
        Assert.True(diagnostics.Count >= 2, result.Stderr);
        Assert.All(diagnostics, line => Assert.Matches(DiagnosticLine, line));
        Assert.Contains(diagnostics, line => line.Contains("azur"));
        Assert.Contains(diagnostics, line => line.Contains("colour"));
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsTwoWithManifestNotFound()
    {
        var result = await _sandbox.RunAsync("validate", Path.Combine(_sandbox.Root, "absent.yaml"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error ManifestNotFound: ", result.Stderr);
    }

    [Fact]
    public async Task Validate_NoFile_ValidatesDefaultExample()
    {
        var result = await _sandbox.RunAsync("validate");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.StartsWith("example:" + Commands.ManifestSource.DefaultExample + ": valid", result.Stdout);
    }

    [Fact]
    public async Task Validate_UnknownExample_ExitsTwo()
    {
        var result = await _sandbox.RunAsync("validate", "--example", "no-such-example");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error ManifestNotFound: ", result.Stderr);
    }

    public void Dispose() => _sandbox.Dispose();
}
