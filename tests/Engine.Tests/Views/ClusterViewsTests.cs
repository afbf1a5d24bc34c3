using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Views;
using Xunit;
using static MultiCloud.Engine.Tests.Refresh.HostsSeen;

namespace MultiCloud.Engine.Tests.Views;

/// <summary>What status, Get-MCCluster and Get-MCNode show of a refresh: per layer, per node, Ready only when it says so.</summary>
public sealed class ClusterViewsTests
{
    [Fact]
    public void From_StateAlone_UnverifiedWithoutLayersOrCheckTime()
    {
        var info = ClusterInfo.From(Applied());

        Assert.Equal("Unverified", info.Status);
        Assert.Null(info.CheckedAt);
        Assert.Empty(info.Layers);
        Assert.Empty(info.Problems);
    }

    [Fact]
    public void From_HealthyHosts_ReadyWithEveryLayerHealthy()
    {
        var state = Applied();

        var status = ClusterStatus.From(state, Report(state));

        Assert.Equal("Ready", status.Cluster.Status);
        Assert.Equal(Now, status.Cluster.CheckedAt);
        Assert.Empty(status.Cluster.Problems);
        Assert.Equal(new[]
        {
            "Nodes: Healthy (4 of 4 hosts answered)",
            "Mesh: Healthy (4 members, every pair handshaking, oldest latest handshake 40s ago)",
            "LoadBalancers: Healthy (nginx serving on lb-1)",
            "Kubernetes: NotApplied (not applied to this cluster)",
        }, status.Cluster.Layers.Select(l => l.ToString()));
        Assert.All(status.Nodes, node =>
        {
            Assert.True(node.Reachable);
            Assert.Equal(Now, node.CheckedAt);
            Assert.Equal(RecentHandshake, node.MeshHandshakeAge);
            Assert.Empty(node.Problems);
            Assert.Null(node.Kubernetes);
        });
        Assert.True(status.Nodes.Single(n => n.Name == "lb-1").LoadBalancerUp);
        Assert.Null(status.Nodes.Single(n => n.Name == "workers-1").LoadBalancerUp);
    }

    [Fact]
    public void From_DriftAndUnreachableHost_DegradedNamingEachNode()
    {
        var state = Applied();
        var report = Report(state,
            ("workers-1", ServiceState(ManagedOnHosts.WireGuardUnit, "inactive")),
            ("lb-1", FileHash(ManagedOnHosts.NginxStreamConfigPath, new string('f', 64))),
            ("workers-2", Unreachable("ssh: connect to host 192.168.10.22 port 22: Connection timed out")));

        var status = ClusterStatus.From(state, report);

        Assert.Equal("Degraded", status.Cluster.Status);
        Assert.Equal(new[]
        {
            "workers-2 is unreachable: ssh: connect to host 192.168.10.22 port 22: Connection timed out",
            "rewrite nginx stream config on lb-1: changed on the host",
            "restart wg-quick@wg0 on workers-1: service inactive",
        }, status.Cluster.Problems);
        var layers = status.Cluster.Layers.ToDictionary(l => l.Layer);
        Assert.Equal("3 of 4 hosts answered; not checked: workers-2 (unreachable)", layers["Nodes"].Detail);
        Assert.Equal(LayerStatus.Degraded, layers["Mesh"].Status);
        Assert.Equal("restart wg-quick@wg0 on workers-1: service inactive; workers-2 not checked", layers["Mesh"].Detail);
        Assert.Equal("rewrite nginx stream config on lb-1: changed on the host", layers["LoadBalancers"].Detail);
        var unreachable = status.Nodes.Single(n => n.Name == "workers-2");
        Assert.False(unreachable.Reachable);
        Assert.Equal("ssh: connect to host 192.168.10.22 port 22: Connection timed out", unreachable.NotChecked);
        Assert.Null(unreachable.MeshHandshakeAge);
        Assert.Equal(new[] { "restart wg-quick@wg0 on workers-1: service inactive" }, status.Nodes.Single(n => n.Name == "workers-1").Problems);
    }

    [Fact]
    public void From_NginxActiveButNotListening_LoadBalancerDown()
    {
        var state = Applied();

        var status = ClusterStatus.From(state, Report(state, ("lb-1", o => o with { Listening = new[] { "tcp/22" } })));

        var lb = status.Nodes.Single(n => n.Name == "lb-1");
        Assert.False(lb.LoadBalancerUp);
        Assert.Equal(new[] { "nginx is not listening on tcp/6443" }, lb.Problems);
        Assert.Equal(new[] { "nginx on lb-1 is not listening on tcp/6443" }, status.Cluster.Problems);
        Assert.Equal("not serving on lb-1", status.Cluster.Layers.Single(l => l.Layer == "LoadBalancers").Detail);
    }

    [Fact]
    public void From_StaleHandshake_BothEndsCarryTheProblem()
    {
        var state = Applied();

        var status = ClusterStatus.From(state, Report(state, ("control-1", PeerHandshake(KeyOf(state, "workers-2"), Now - TimeSpan.FromHours(2)))));

        const string expected = "no WireGuard handshake between control-1 and workers-2 for 2h (seen from control-1)";
        Assert.Equal(new[] { expected }, status.Cluster.Problems);
        Assert.Equal(new[] { expected }, status.Nodes.Single(n => n.Name == "control-1").Problems);
        Assert.Equal(new[] { expected }, status.Nodes.Single(n => n.Name == "workers-2").Problems);
        Assert.Equal(TimeSpan.FromHours(2), status.Nodes.Single(n => n.Name == "control-1").MeshHandshakeAge);
    }

    [Fact]
    public void From_RunInterrupted_InterruptedWhateverTheRefreshSaw()
    {
        var state = Applied() with { Journal = new JournalState { PlanId = "p", DesiredSpec = Spec() } };

        Assert.Equal("Interrupted", ClusterInfo.From(state, Report(state)).Status);
        Assert.Equal("Failed", ClusterInfo.From(state with { Journal = state.Journal! with { LastError = "x" } }, Report(state)).Status);
    }

    [Fact]
    public void AfterRun_RepairedDrift_Ready()
    {
        var state = Applied();
        var plan = Planner.Create(Spec(), state, UpToLoadBalancers, Report(state, ("workers-1", ServiceState(ManagedOnHosts.WireGuardUnit, "inactive"))));

        Assert.Equal("Ready", ClusterInfo.AfterRun(state, plan).Status);
    }

    [Fact]
    public void AfterRun_UnreachableHostTheRunDidNotTouch_StaysDegraded()
    {
        var state = Applied();
        var plan = Planner.Create(Spec(), state, UpToLoadBalancers, Report(state,
            ("workers-1", ServiceState(ManagedOnHosts.WireGuardUnit, "inactive")), ("workers-2", Unreachable("timed out"))));

        var info = ClusterInfo.AfterRun(state, plan);

        Assert.Equal("Degraded", info.Status);
        Assert.Equal(new[] { "workers-2 is unreachable: timed out" }, info.Problems);
    }

    [Fact]
    public void AfterRun_PlanMadeFromTheStateAlone_Unverified()
    {
        var state = Applied();

        Assert.Equal("Unverified", ClusterInfo.AfterRun(state, Planner.Create(Spec(), state, UpToLoadBalancers)).Status);
    }
}
