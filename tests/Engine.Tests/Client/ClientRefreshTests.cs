using MultiCloud.Engine.Client;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Planning;
using MultiCloud.Engine.Tests.Refresh;
using MultiCloud.Engine.Tests.State;
using Xunit;
using static MultiCloud.Engine.Tests.Refresh.HostsSeen;

namespace MultiCloud.Engine.Tests.Client;

/// <summary>
/// The client's refresh: when it runs, how often each host is asked, which lock it takes, and what it writes, with
/// the hosts behind <see cref="FakeHosts"/> (the rest of the engine is real: store, planner, executor, handlers).
/// </summary>
public sealed class ClientRefreshTests : IDisposable
{
    private const string Refresh = "refresh";
    private static readonly string[] AllNodes = { "control-1", "lb-1", "workers-1", "workers-2" };

    private readonly TemporaryFolder folder = new();
    private readonly LocalStateStore store;
    private readonly FakeHosts hosts = new();
    private readonly MultiCloudClient client;
    private ClusterState seeded = null!;

    public ClientRefreshTests()
    {
        store = new LocalStateStore(folder.Path);
        var composition = EngineComposition.Default with { RemoteShell = _ => hosts.Shell() };
        client = new MultiCloudClient(store, new MultiCloudClientOptions { Composition = composition });
    }

    public void Dispose() => folder.Dispose();

    private async Task SeedAsync(params (string Node, Func<NodeObservation, NodeObservation> Change)[] drift)
    {
        var state = Applied();
        await using (var lease = await store.AcquireLockAsync(state.Name, "seed"))
            seeded = await store.SaveAsync(lease, state with { Serial = 0 });
        var report = Report(seeded, drift);
        foreach (var node in report.Nodes) hosts.Set(node.Node, () => node);
    }

    private async Task<string> StateOnDiskAsync() => StateJson.Serialize((await store.LoadAsync(seeded.Name))!);

    [Fact]
    public async Task PlanAsync_OneHostDrifted_AsksEachHostOnceAndPlansItsRepairAndWritesNoState()
    {
        await SeedAsync(("workers-1", ServiceState(ManagedOnHosts.WireGuardUnit, "inactive")));
        var before = await StateOnDiskAsync();

        var plan = await client.PlanAsync(Spec(), null, CancellationToken.None);

        Assert.Equal(new[] { "repair/mesh/workers-1" }, PlanSummary.TaskIds(plan));
        Assert.Equal(AllNodes, hosts.SentTo(Refresh));
        Assert.Equal(hosts.Sent.Count, hosts.SentTo(Refresh).Count);
        Assert.Equal(before, await StateOnDiskAsync());
        Assert.False(File.Exists(Path.Combine(folder.Path, seeded.Name, ClusterPaths.LockFileName)));
        Assert.False(Directory.Exists(Path.Combine(folder.Path, seeded.Name, "ssh")), "an unlocked refresh wrote into the cluster's ssh folder");
    }

    [Fact]
    public async Task PlanAsync_WhileAnApplyHoldsTheLock_DoesNotWaitForIt()
    {
        await SeedAsync();
        await using var running = await store.AcquireLockAsync(seeded.Name, "apply");

        var plan = await client.PlanAsync(Spec(), null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(plan.IsEmpty);
        Assert.Equal(AllNodes, hosts.SentTo(Refresh));
    }

    [Fact]
    public async Task ApplyAsync_ConfirmedPlan_RepairsOnlyTheDriftedHostWithoutAskingTheHostsAgain()
    {
        await SeedAsync(("workers-1", ServiceState(ManagedOnHosts.WireGuardUnit, "inactive")));
        var plan = await client.PlanAsync(Spec(), null, CancellationToken.None);

        var result = await client.ApplyAsync(Spec(), ApplyOptions.Confirmed(plan, null), null, CancellationToken.None);

        Assert.Equal(plan.Id, result.Plan.Id);
        Assert.Equal(AllNodes, hosts.SentTo(Refresh));
        Assert.Equal(new[] { (2, "workers-1", "write mesh config") }, hosts.Sent.Where(s => s.Description != Refresh));
        Assert.Equal(new Dictionary<string, int> { ["workers-1"] = 1 }, result.RoundTrips);
        var workers1 = result.State!.Nodes.Single(n => n.Name == "workers-1");
        Assert.Equal(FakeHosts.WrittenHash, workers1.ManagedFiles[ManagedOnHosts.WireGuardConfigPath]);
        Assert.Equal("Ready", result.Cluster!.Status);
    }

    [Fact]
    public async Task ApplyAsync_StateMovedSinceTheConfirmedPlan_AsksTheHostsAgain()
    {
        await SeedAsync(("lb-1", ServiceState(ManagedOnHosts.NginxUnit, "inactive")));
        var plan = await client.PlanAsync(Spec(), null, CancellationToken.None);
        await using (var lease = await store.AcquireLockAsync(seeded.Name, "another run"))
            await store.SaveAsync(lease, (await store.LoadAsync(seeded.Name))!);

        var result = await client.ApplyAsync(Spec(), ApplyOptions.Confirmed(plan, null), null, CancellationToken.None);

        Assert.Equal(plan.Id, result.Plan.Id);
        Assert.Equal(AllNodes.SelectMany(n => new[] { n, n }), hosts.SentTo(Refresh));
        Assert.Equal(2, result.RoundTrips["lb-1"]);
        Assert.Equal(1, result.RoundTrips["workers-1"]);
    }

    [Fact]
    public async Task ApplyAsync_UnchangedCluster_OneRoundTripPerHostAndNothingSaved()
    {
        await SeedAsync();
        var before = await StateOnDiskAsync();

        var result = await client.ApplyAsync(Spec(), null, null, CancellationToken.None);

        Assert.True(result.Plan.IsEmpty);
        Assert.Equal(AllNodes.ToDictionary(n => n, _ => 1), result.RoundTrips);
        Assert.Equal(before, await StateOnDiskAsync());
        Assert.Equal("Ready", result.Cluster!.Status);
    }

    [Fact]
    public async Task ApplyAsync_StateOnly_AsksNoHostAndSeesNoDrift()
    {
        await SeedAsync(("workers-1", ServiceState(ManagedOnHosts.WireGuardUnit, "inactive")));

        var result = await client.ApplyAsync(Spec(), new ApplyOptions { Refresh = RefreshMode.StateOnly }, null, CancellationToken.None);

        Assert.True(result.Plan.IsEmpty);
        Assert.Empty(hosts.Sent);
        Assert.Equal(0, hosts.Sessions);
        Assert.Equal("Unverified", result.Cluster!.Status);
    }

    [Fact]
    public async Task PlanAsync_OneHostUnreachable_NamesItAndStillChecksTheOthers()
    {
        await SeedAsync(("workers-2", Unreachable("ssh: connect to host 192.168.10.22 port 22: Connection timed out")),
            ("lb-1", FileHash(ManagedOnHosts.NginxStreamConfigPath, null)));

        var plan = await client.PlanAsync(Spec(), null, CancellationToken.None);

        Assert.Equal(new[] { "repair/lb/lb-1" }, PlanSummary.TaskIds(plan));
        var notice = Assert.Single(plan.Notices);
        Assert.Equal(PlanNoticeKind.Unreachable, notice.Kind);
        Assert.StartsWith("workers-2 is unreachable, so it was not checked: ssh: connect to host", notice.Message);
        Assert.Equal(new[] { HostCheck.Checked, HostCheck.Checked, HostCheck.Checked, HostCheck.Unreachable }, plan.Refresh!.Nodes.Select(n => n.Check));
        Assert.Equal(ErrorIds.SshConnectionFailed, plan.Refresh.Of("workers-2")!.ErrorId);
    }

    [Fact]
    public async Task GetStatusAsync_HealthyAndUnreachable_ReadyThenDegradedNamingTheHost()
    {
        await SeedAsync();
        var ready = Assert.Single(await client.GetStatusAsync(null, RefreshMode.CheckHosts, CancellationToken.None));
        hosts.Set("workers-2", () => Unreachable("no route to host")(Healthy(seeded, seeded.Nodes.Single(n => n.Name == "workers-2"))));

        var degraded = Assert.Single(await client.GetStatusAsync(null, RefreshMode.CheckHosts, CancellationToken.None));

        Assert.Equal("Ready", ready.Cluster.Status);
        Assert.Equal("Degraded", degraded.Cluster.Status);
        Assert.Equal(new[] { "workers-2 is unreachable: no route to host" }, degraded.Cluster.Problems);
        Assert.False(degraded.Nodes.Single(n => n.Name == "workers-2").Reachable);
        Assert.All(degraded.Nodes.Where(n => n.Name != "workers-2"), n => Assert.True(n.Reachable));
        Assert.Equal(AllNodes.SelectMany(n => new[] { n, n }), hosts.SentTo(Refresh));
    }

    [Fact]
    public async Task GetNodesAsync_Pattern_AsksOnlyTheMatchingHosts()
    {
        await SeedAsync();

        var nodes = await client.GetNodesAsync(seeded.Name, "workers-*", RefreshMode.CheckHosts, CancellationToken.None);

        Assert.Equal(new[] { "workers-1", "workers-2" }, nodes.Select(n => n.Name));
        Assert.Equal(new[] { "workers-1", "workers-2" }, hosts.SentTo(Refresh));
        Assert.All(nodes, n => Assert.Equal(RecentHandshake, n.MeshHandshakeAge));
    }

    [Fact]
    public async Task GetStatusAsync_StateOnly_UnverifiedAndNoHostAsked()
    {
        await SeedAsync();

        var status = Assert.Single(await client.GetStatusAsync(null, RefreshMode.StateOnly, CancellationToken.None));

        Assert.Equal("Unverified", status.Cluster.Status);
        Assert.All(status.Nodes, n => Assert.Null(n.Reachable));
        Assert.Equal(0, hosts.Sessions);
    }
}
