using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Planning;
using MultiCloud.Engine.Tests.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Client;

/// <summary>
/// The client's apply and plan paths that need no node: a local state store in a temporary folder, seeded with states
/// the planner finds complete. An apply that reached the executor would create the cluster's SSH key pair and a run
/// log; the tests check that neither exists.
/// </summary>
public sealed class MultiCloudClientApplyTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly LocalStateStore store;
    private readonly MultiCloudClient client;

    public MultiCloudClientApplyTests()
    {
        store = new LocalStateStore(folder.Path);
        client = new MultiCloudClient(store);
    }

    public void Dispose() => folder.Dispose();

    private string ClusterFolder(string name) => Path.Combine(folder.Path, name);

    /// <summary>
    /// A run that did all the work of the grown spec and stopped before it closed its journal: nodes and fingerprints
    /// match the grown spec, the applied spec is still the old one.
    /// </summary>
    private static ClusterState FinishedButNotClosed()
    {
        var applied = InterruptedRuns.Applied();
        return SimulatedApply.Plan(InterruptedRuns.Grown(), applied) with
        {
            AppliedSpec = applied.AppliedSpec,
            Journal = InterruptedRuns.StoppedWritingMesh().Journal,
        };
    }

    private async Task<ClusterState> SeedAsync(ClusterState state)
    {
        await using var lease = await store.AcquireLockAsync(state.Name, "seed");
        return await store.SaveAsync(lease, state with { Serial = 0 });
    }

    [Fact]
    public async Task ApplyAsync_EmptyPlanAndJournalOfTheDesiredSpec_ClosesTheJournalAndRecordsTheSpec()
    {
        var seeded = await SeedAsync(FinishedButNotClosed());
        var desired = InterruptedRuns.Grown();
        var events = new EventRecorder();

        var result = await client.ApplyAsync(desired, null, events, CancellationToken.None);

        Assert.True(result.Plan.IsEmpty);
        Assert.False(result.Changed);
        Assert.Empty(result.RoundTrips);
        var state = result.State!;
        Assert.Null(state.Journal);
        Assert.True(SpecIdentity.Same(desired, state.AppliedSpec!));
        Assert.Equal(seeded.Serial + 1, state.Serial);
        Assert.Equal(StateJson.Serialize(seeded with { Journal = null, AppliedSpec = desired, Serial = state.Serial, UpdatedAt = state.UpdatedAt }),
            StateJson.Serialize(state));
        var onDisk = (await store.LoadAsync(desired.Name))!;
        Assert.Equal(StateJson.Serialize(state), StateJson.Serialize(onDisk));
        var finished = Assert.Single(events.Received);
        Assert.Equal(EngineEventKind.RunFinished, finished.Kind);
        Assert.Equal(100, finished.PercentComplete);
        AssertNoLockAndNoRun(desired.Name);
    }

    [Fact]
    public async Task ApplyAsync_AfterTheJournalWasClosed_SpecIsTheDesiredOneAndTheNextApplySavesNothing()
    {
        await SeedAsync(FinishedButNotClosed());
        var desired = InterruptedRuns.Grown();
        var closed = (await client.ApplyAsync(desired, null, null, CancellationToken.None)).State!;

        var spec = await client.GetSpecAsync(desired.Name, CancellationToken.None);
        var again = await client.ApplyAsync(desired, null, null, CancellationToken.None);

        Assert.True(SpecIdentity.Same(desired, spec));
        Assert.True(again.Plan.IsEmpty);
        Assert.Equal(closed.Serial, again.State!.Serial);
        Assert.Equal(closed.Serial, (await store.LoadAsync(desired.Name))!.Serial);
        AssertNoLockAndNoRun(desired.Name);
    }

    [Fact]
    public async Task ApplyAsync_EmptyPlanWithoutJournal_SavesNothingAndReportsNothing()
    {
        var seeded = await SeedAsync(InterruptedRuns.Applied());
        var events = new EventRecorder();

        var result = await client.ApplyAsync(ClusterSpecs.Static(), null, events, CancellationToken.None);

        Assert.True(result.Plan.IsEmpty);
        Assert.Equal(seeded.Serial, result.State!.Serial);
        Assert.Equal(StateJson.Serialize(seeded), StateJson.Serialize((await store.LoadAsync(seeded.Name))!));
        Assert.Empty(events.Received);
        AssertNoLockAndNoRun(seeded.Name);
    }

    [Fact]
    public async Task PlanAsync_JournalOfAnAbandonedSpec_PlansMeshAndLoadBalancerAgainAndChangesNothing()
    {
        var abandoned = ClusterSpecs.Static() with { Kubernetes = ClusterSpecs.Static().Kubernetes with { Mtu = 1280 } };
        var seeded = await SeedAsync(InterruptedRuns.Applied() with
        {
            Journal = new JournalState { PlanId = "plan-of-the-mtu-change", DesiredSpec = abandoned },
        });

        var plan = await client.PlanAsync(ClusterSpecs.Static(), null, CancellationToken.None);

        Assert.Equal(
            new[]
            {
                "mesh write-mesh-config: control-1, workers-1, workers-2, lb-1",
                "lb/api write-lb-config: lb-1",
                "kubernetes/prepare prepare-kubernetes-nodes: control-1, workers-1, workers-2",
            },
            PlanSummary.Steps(plan));
        Assert.Equal(StateJson.Serialize(seeded), StateJson.Serialize((await store.LoadAsync(seeded.Name))!));
        AssertNoLockAndNoRun(seeded.Name);
    }

    private void AssertNoLockAndNoRun(string clusterName)
    {
        Assert.False(File.Exists(Path.Combine(ClusterFolder(clusterName), ClusterPaths.LockFileName)), "lock.json left behind");
        Assert.False(Directory.Exists(Path.Combine(ClusterFolder(clusterName), "ssh")), "the cluster key pair was created");
        Assert.False(Directory.Exists(Path.Combine(ClusterFolder(clusterName), "logs")), "a run log was started");
    }

    /// <summary>Keeps events in the order reported, on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class EventRecorder : IProgress<EngineEvent>
    {
        public List<EngineEvent> Received { get; } = new();

        public void Report(EngineEvent value) => Received.Add(value);
    }
}
