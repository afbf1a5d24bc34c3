using MultiCloud.Cli.Output;
using Xunit;

namespace MultiCloud.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("plan", "--output", "yaml")]
    [InlineData("plan", "--until", "Everything")]
    [InlineData("status", "a", "b")]
    [InlineData("nodes")]
    public async Task Run_InvalidCommandLine_ExitsTwoWithCommandLineInvalid(params string[] args)
    {
        var result = await _sandbox.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error CommandLineInvalid: ", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Run_NoVerb_ExitsTwo()
    {
        var stderr = new StringWriter();

        var exit = await Program.RunAsync(Array.Empty<string>(), new StringWriter(), stderr);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("CommandLineInvalid", stderr.ToString());
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("plan")]
    [InlineData("apply")]
    [InlineData("sync")]
    [InlineData("status")]
    [InlineData("nodes")]
    [InlineData("destroy")]
    [InlineData("kubeconfig")]
    [InlineData("import")]
    [InlineData("export")]
    [InlineData("unlock")]
    [InlineData("examples")]
    public async Task Help_EveryVerb_ExitsZeroAndShowsStateOption(string verb)
    {
        var result = await _sandbox.RunAsync(verb, "--help");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("multicloud " + verb, result.Stdout);
        Assert.Contains("--state", result.Stdout);
    }

    public void Dispose() => _sandbox.Dispose();
}
