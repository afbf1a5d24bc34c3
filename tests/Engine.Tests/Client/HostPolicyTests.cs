using MultiCloud.Engine.Client;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Planning;
using MultiCloud.Engine.Tests.State;
using MultiCloud.Engine.Views;
using Xunit;

namespace MultiCloud.Engine.Tests.Client;

/// <summary>
/// Decisions both hosts (cmdlets, console host) take from the engine: when a run asks, what it asks, that the shown
/// plan is the one run, how a batch of clusters goes on after a failure, how names select, and that a stopped run is
/// Interrupted rather than Failed.
/// </summary>
public sealed class HostPolicyTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly LocalStateStore store;
    private readonly MultiCloudClient client;

    public HostPolicyTests()
    {
        store = new LocalStateStore(folder.Path);
        client = new MultiCloudClient(store);
    }

    public void Dispose() => folder.Dispose();

    private async Task SeedAsync(ClusterState state)
    {
        await using var lease = await store.AcquireLockAsync(state.Name, "seed");
        var serial = (await store.LoadAsync(state.Name))?.Serial ?? 0;
        await store.SaveAsync(lease, state with { Serial = serial });
    }

    [Fact]
    public async Task PlanSyncAsync_AppliedClusterUnchanged_NeedsNoConfirmation()
    {
        await SeedAsync(InterruptedRuns.Applied());

        var run = await client.PlanSyncAsync(InterruptedRuns.Applied().Name, null, CancellationToken.None);

        Assert.Equal(RunKind.Sync, run.Kind);
        Assert.True(run.Plan.IsEmpty);
        Assert.False(run.NeedsConfirmation);
    }

    [Fact]
    public async Task PlanSyncAsync_StoppedRun_AsksAboutItsTasks()
    {
        await SeedAsync(InterruptedRuns.StoppedWritingMesh());

        var run = await client.PlanSyncAsync(InterruptedRuns.Applied().Name, null, CancellationToken.None);

        Assert.True(run.NeedsConfirmation);
        Assert.Equal($"Sync cluster '{run.ClusterName}': {run.Plan.Tasks.Count} tasks?", run.Question);
    }

    [Fact]
    public async Task PlanDeleteAsync_ClusterWithoutMachines_StillAsksAndSaysItDeletes()
    {
        await SeedAsync(new ClusterState { Name = "ghost" });

        var run = await client.PlanDeleteAsync("ghost", CancellationToken.None);

        Assert.True(run.Plan.IsEmpty);
        Assert.True(run.NeedsConfirmation);
        Assert.StartsWith("Delete cluster 'ghost'", run.Question);
        Assert.Contains("cannot be undone", run.Question);
    }

    [Fact]
    public async Task RunAsync_StateMovedAfterThePlanWasShown_StopsWithPlanStale()
    {
        await SeedAsync(InterruptedRuns.Applied());
        var shown = await client.PlanEditAsync(InterruptedRuns.Applied().Name, _ => InterruptedRuns.Grown(), "Grow", null, CancellationToken.None);
        await SeedAsync(InterruptedRuns.StoppedWritingMesh());

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => client.RunAsync(shown, null, CancellationToken.None));

        Assert.Equal(ErrorIds.PlanStale, error.ErrorId);
    }

    [Fact]
    public void ForEach_OneClusterFails_RunsTheOthersAndReportsTheFailure()
    {
        var ran = new List<string>();
        var reported = new List<string>();

        var failures = ClusterBatch.ForEach(new[] { "a", "b", "c" }, name =>
        {
            ran.Add(name);
            if (name == "b") throw new MultiCloudException(ErrorIds.SshConnectionFailed, ErrorKind.Connection, "b is down");
        }, failure => reported.Add(failure.Message));

        Assert.Equal(new[] { "a", "b", "c" }, ran);
        Assert.Equal(new[] { "b is down" }, reported);
        Assert.Single(failures);
    }

    [Fact]
    public async Task ForEachAsync_Stopped_EndsTheBatchAtOnce()
    {
        var ran = new List<string>();

        await Assert.ThrowsAsync<MultiCloudException>(() => ClusterBatch.ForEachAsync(new[] { "a", "b" }, name =>
        {
            ran.Add(name);
            throw new MultiCloudException(ErrorIds.OperationCanceled, ErrorKind.Canceled, "stopped");
        }, _ => { }));

        Assert.Equal(new[] { "a" }, ran);
    }

    [Fact]
    public void Select_NamesPatternsAndMisses_SelectsOnceAndReportsEachPlainMiss()
    {
        var selection = NameSelection.Select(new[] { "compute", "control", "lb" }, n => n, new[] { "c*", "CONTROL", "gpu", "x*" },
            name => new MultiCloudException(ErrorIds.NodePoolNotFound, ErrorKind.NotFound, name));

        Assert.Equal(new[] { "compute", "control" }, selection.Items);
        Assert.Equal(new[] { "gpu" }, selection.NotFound.Select(e => e.Message));
    }

    [Fact]
    public async Task SelectNodesAsync_UnknownNodeName_IsNodeNotFoundAfterTheNodesFound()
    {
        var state = InterruptedRuns.Applied();
        await SeedAsync(state);

        var selection = await client.SelectNodesAsync(state.Name, new[] { "control-1", "nosuch" }, CancellationToken.None);

        Assert.Equal(new[] { "control-1" }, selection.Items.Select(n => n.Name));
        Assert.Equal(ErrorIds.NodeNotFound, Assert.Single(selection.NotFound).ErrorId);
    }

    [Fact]
    public async Task CompleteNamesAsync_PrefixOfPools_ListsMatchingPoolsSorted()
    {
        var state = InterruptedRuns.Applied();
        await SeedAsync(state);

        var names = await client.CompleteNamesAsync(NameKind.NodePool, state.Name, "W", CancellationToken.None);

        Assert.Equal(new[] { "workers" }, names);
        Assert.Empty(await client.CompleteNamesAsync(NameKind.Node, "nosuch", "", CancellationToken.None));
    }

    [Fact]
    public void StatusOf_JournalStoppedByCancellation_IsInterruptedNotFailed()
    {
        var stopped = InterruptedRuns.StoppedWritingMesh();
        var interrupted = stopped with { Journal = stopped.Journal! with { LastError = "OperationCanceled: stopped", Interrupted = true } };

        Assert.Equal("Failed", ClusterInfo.From(stopped).Status);
        Assert.Equal("Interrupted", ClusterInfo.From(interrupted).Status);
    }
}
