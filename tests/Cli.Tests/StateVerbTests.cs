using MultiCloud.Cli.Output;
using MultiCloud.Engine.Manifest;
using Xunit;

namespace MultiCloud.Cli.Tests;

/// <summary>The verbs that only read or tidy a saved state: export, unlock, kubeconfig, examples.</summary>
public sealed class StateVerbTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    [Fact]
    public async Task Export_SavedCluster_PrintsNativeManifestOfItsSpec()
    {
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());

        var result = await _sandbox.RunAsync("export", "demo");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.StartsWith("apiVersion: multicloud.io/v1", result.Stdout);
        Assert.Contains("name: demo", result.Stdout);
        Assert.Contains("v1.31.2", result.Stdout);
    }

    [Fact]
    public async Task Unlock_ClusterNotLocked_SaysSo()
    {
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());

        var result = await _sandbox.RunAsync("unlock", "demo");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("cluster demo was not locked", result.Stdout.Trim());
    }

    [Fact]
    public async Task Unlock_RunStillGoingOnThisHost_IsRefusedUnlessForced()
    {
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());
        var running = await new MultiCloud.Engine.State.LocalStateStore(_sandbox.StateDirectory).AcquireLockAsync("demo", "apply");

        var refused = await _sandbox.RunAsync("unlock", "demo");
        var forced = await _sandbox.RunAsync("unlock", "demo", "--force");

        Assert.Equal(ExitCodes.Busy, refused.ExitCode);
        Assert.StartsWith("error StateLocked: cluster 'demo' is locked by apply by ", refused.Stderr);
        Assert.Contains("still running on this host", refused.Stderr);
        Assert.Equal(ExitCodes.Success, forced.ExitCode);
        Assert.Equal($"cluster demo: removed the lock held by {running.Holder}", forced.Stdout.Trim());
    }

    [Fact]
    public async Task Kubeconfig_NoControlPlaneJoined_ExitsOneWithKubernetesNotReady()
    {
        await SavedClusters.SaveAsync(_sandbox.StateDirectory, SavedClusters.Demo());

        var result = await _sandbox.RunAsync("kubeconfig", "demo");

        Assert.Equal(ExitCodes.EngineError, result.ExitCode);
        Assert.StartsWith("error KubernetesNotReady: ", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Examples_NoName_ListsShippedExamplesAndMarksDefault()
    {
        var result = await _sandbox.RunAsync("examples");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(ExampleManifests.Names.Count, lines.Count);
        Assert.Contains(Commands.ManifestSource.DefaultExample + " (default)", lines);
    }

    [Fact]
    public async Task Examples_Name_PrintsThatManifest()
    {
        var result = await _sandbox.RunAsync("examples", Commands.ManifestSource.DefaultExample);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(ExampleManifests.Get(Commands.ManifestSource.DefaultExample).TrimEnd(), result.Stdout.TrimEnd());
    }

    public void Dispose() => _sandbox.Dispose();
}
