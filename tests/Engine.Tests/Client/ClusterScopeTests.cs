using MultiCloud.Engine.Client;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Planning;
using MultiCloud.Engine.Tests.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Client;

/// <summary>A cluster keeps the scope of its latest run: re-runs that name none do not take it to further layers.</summary>
public sealed class ClusterScopeTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly LocalStateStore store;
    private readonly MultiCloudClient client;

    public ClusterScopeTests()
    {
        store = new LocalStateStore(folder.Path);
        client = new MultiCloudClient(store);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task PlanAsync_NoOptionsAndStateScopedToLoadBalancers_PlansNothingBeyondIt()
    {
        var spec = ClusterSpecs.Static();
        var upToLoadBalancers = new PlanOptions { Until = ClusterLayer.LoadBalancers };
        await SeedAsync(SimulatedApply.Plan(spec, null, upToLoadBalancers) with { Until = ClusterLayer.LoadBalancers });

        var kept = await client.PlanAsync(spec, null, CancellationToken.None);
        var everything = await client.PlanAsync(spec, PlanOptions.Default, CancellationToken.None);

        Assert.True(kept.IsEmpty);
        Assert.Equal(ClusterLayer.LoadBalancers, kept.Until);
        Assert.Contains(everything.Tasks, task => task.Kind == TaskKind.InitKubernetes);
    }

    [Fact]
    public async Task PlanAsync_NoOptionsAndNewCluster_PlansEveryLayer()
    {
        var plan = await client.PlanAsync(ClusterSpecs.Static(), null, CancellationToken.None);

        Assert.Equal(ClusterLayer.Storage, plan.Until);
        Assert.Contains(plan.Tasks, task => task.Kind == TaskKind.InitKubernetes);
    }

    [Fact]
    public void ScopeOf_StateWithoutScope_IsEveryLayer()
    {
        Assert.Equal(ClusterLayer.Storage, PlanOptions.ScopeOf(new ClusterState { Name = "c" }).Until);
        Assert.Equal(ClusterLayer.Mesh, PlanOptions.ScopeOf(new ClusterState { Name = "c", Until = ClusterLayer.Mesh }).Until);
    }

    private async Task SeedAsync(ClusterState state)
    {
        await using var lease = await store.AcquireLockAsync(state.Name, "test");
        await store.SaveAsync(lease, state with { Serial = 0 });
    }
}
