using MultiCloud.Cli.Output;
using Xunit;

namespace MultiCloud.Cli.Tests;

public sealed class ConfirmationTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    [Fact]
    public async Task Apply_WithoutYesAndStdinRedirected_RefusesWithExitTwo()
    {
        var result = await _sandbox.RunAsync("apply");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("error ConfirmationRequired: ", result.Stderr);
        Assert.Contains("--yes", result.Stderr);
        Assert.False(Directory.Exists(_sandbox.StateDirectory) && Directory.EnumerateFileSystemEntries(_sandbox.StateDirectory).Any(),
            "a refused apply must leave no state behind");
    }

    [Fact]
    public async Task Destroy_WithoutYesAndStdinRedirected_RefusesAndKeepsState()
    {
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());

        var result = await _sandbox.RunAsync("destroy", "demo");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("error ConfirmationRequired: ", result.Stderr);
        var status = await _sandbox.RunAsync("status", "demo");
        Assert.Equal(ExitCodes.Success, status.ExitCode);
    }

    [Fact]
    public async Task Apply_InteractiveAnswerNo_ChangesNothing()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var terminal = new Terminal(stdout, stderr, new StringReader("n\n"), isInputInteractive: true, isErrorInteractive: false);

        using var interruption = new Interruption();
        var exit = await Program.RunAsync(new[] { "apply", "--state", _sandbox.StateDirectory }, terminal, interruption);

        Assert.Equal(ExitCodes.EngineError, exit);
        Assert.Contains("[y/N]", stderr.ToString());
        Assert.Contains("nothing was changed", stderr.ToString());
    }

    [Fact]
    public async Task Sync_PlanChangesSomethingWithoutYes_RefusesLikeApply()
    {
        // The saved spec lists no pools while the state has nodes: the sync plan removes them, so it must be confirmed.
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());

        var result = await _sandbox.RunAsync("sync", "demo");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("error ConfirmationRequired: ", result.Stderr);
        Assert.Contains("sync cluster 'demo'", result.Stderr);
    }

    [Fact]
    public async Task Destroy_InteractiveAnswerNo_AsksWhetherToDeleteAndKeepsState()
    {
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());
        var stderr = new StringWriter();
        var terminal = new Terminal(new StringWriter(), stderr, new StringReader("n\n"), isInputInteractive: true, isErrorInteractive: false);

        using var interruption = new Interruption();
        var exit = await Program.RunAsync(new[] { "destroy", "demo", "--state", _sandbox.StateDirectory }, terminal, interruption);

        Assert.Equal(ExitCodes.EngineError, exit);
        Assert.Contains("Delete cluster 'demo'", stderr.ToString());
        Assert.Contains("cannot be undone", stderr.ToString());
        Assert.Equal(ExitCodes.Success, (await _sandbox.RunAsync("status", "demo")).ExitCode);
    }

    public void Dispose() => _sandbox.Dispose();
}
