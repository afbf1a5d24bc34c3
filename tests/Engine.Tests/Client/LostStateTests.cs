using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Execution;
using MultiCloud.Engine.Tests.Nodes;
using MultiCloud.Engine.Tests.Planning;
using MultiCloud.Engine.Tests.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Client;

/// <summary>
/// state.json deleted while the cluster's folder still holds its history, keys and logs: the cluster must not
/// silently become new. Every entry point says so (StateMissing) until the user restores it or asks to start over.
/// </summary>
public sealed class LostStateTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly LocalStateStore store;
    private readonly TestCallLog calls = new();
    private readonly MultiCloudClient client;

    public LostStateTests()
    {
        store = new LocalStateStore(folder.Path);
        var handlers = Enum.GetValues<StepKind>().Select(kind => (IStepHandler)new RecordingTestStepHandler(kind, calls)).ToList();
        var composition = EngineComposition.Default with { RemoteShell = _ => new RecordingShell(), StepHandlers = _ => handlers };
        client = new MultiCloudClient(store, new MultiCloudClientOptions { Composition = composition });
    }

    public void Dispose() => folder.Dispose();

    private string ClusterFolder => Path.Combine(folder.Path, ClusterSpecs.Static().Name);

    /// <summary>A cluster saved twice (history/state.1.json), with a log, whose state.json is then deleted.</summary>
    private async Task LoseStateAsync()
    {
        var spec = ClusterSpecs.Static();
        await using (var lease = await store.AcquireLockAsync(spec.Name, "seed"))
        {
            var saved = await store.SaveAsync(lease, SimulatedApply.Plan(spec, null, new PlanOptions { Until = ClusterLayer.LoadBalancers }) with { Serial = 0 });
            await store.SaveAsync(lease, saved);
        }
        Directory.CreateDirectory(Path.Combine(ClusterFolder, "logs"));
        File.WriteAllText(Path.Combine(ClusterFolder, "logs", "run-1.log"), "log");
        File.Delete(Path.Combine(ClusterFolder, "state.json"));
    }

    [Fact]
    public async Task EveryEntryPoint_StateDeletedButHistoryAndLogsLeft_IsStateMissingSayingWhatIsLeft()
    {
        await LoseStateAsync();
        var spec = ClusterSpecs.Static();

        var errors = new[]
        {
            await Assert.ThrowsAsync<MultiCloudException>(() => client.PlanAsync(spec, null, CancellationToken.None)),
            await Assert.ThrowsAsync<MultiCloudException>(() => client.PlanNewAsync(spec, null, CancellationToken.None)),
            await Assert.ThrowsAsync<MultiCloudException>(() => client.ApplyAsync(spec, null, null, CancellationToken.None)),
            await Assert.ThrowsAsync<MultiCloudException>(() => client.GetClusterAsync(spec.Name, CancellationToken.None)),
            await Assert.ThrowsAsync<MultiCloudException>(() => client.SyncAsync(spec.Name, null, null, CancellationToken.None)),
        };

        foreach (var error in errors)
        {
            Assert.Equal(ErrorIds.StateMissing, error.ErrorId);
            Assert.Contains("history/ holds 1 earlier version(s), newest state.1.json", error.Message);
            Assert.Contains("logs/ holds 1 run log(s)", error.Message);
            Assert.Contains("--forget-lost-state", error.Message);
        }
        Assert.Empty(calls.Calls);
        Assert.False(File.Exists(Path.Combine(ClusterFolder, "lock.json")));
    }

    [Fact]
    public async Task ApplyAsync_ForgetLostState_BuildsTheClusterAsNewAndSetsTheOldHistoryAside()
    {
        await LoseStateAsync();
        var spec = ClusterSpecs.Static();
        var scope = new PlanOptions { Until = ClusterLayer.Infrastructure };

        var plan = await client.PlanAsync(spec, scope, forgetLostState: true, CancellationToken.None);
        var result = await client.ApplyAsync(spec, new ApplyOptions { Plan = scope, ForgetLostState = true, ExpectedPlanId = plan.Id }, null, CancellationToken.None);

        Assert.NotEmpty(calls.Calls);
        Assert.NotNull(result.State);
        var lost = Directory.GetDirectories(Path.Combine(ClusterFolder, "history"), "lost-*");
        Assert.True(File.Exists(Path.Combine(Assert.Single(lost), "state.1.json")));
        Assert.NotNull(await store.LoadAsync(spec.Name));
    }

    [Fact]
    public async Task PlanAsync_FolderWithNothingInIt_IsANewCluster()
    {
        Directory.CreateDirectory(ClusterFolder);

        var plan = await client.PlanAsync(ClusterSpecs.Static(), null, CancellationToken.None);

        Assert.False(plan.IsEmpty);
    }
}
