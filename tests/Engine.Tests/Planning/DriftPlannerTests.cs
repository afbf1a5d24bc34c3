using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Refresh;
using Xunit;
using static MultiCloud.Engine.Tests.Refresh.HostsSeen;

namespace MultiCloud.Engine.Tests.Planning;

/// <summary>
/// Drift → repair tasks, table-driven and pure: an applied cluster (lb-1, control-1, workers-1, workers-2), one thing
/// changed in what the refresh saw, and the exact tasks the plan gets ("task id: description").
/// </summary>
public sealed class DriftPlannerTests
{
    private const string Wg = ManagedOnHosts.WireGuardUnit;
    private const string WgConf = ManagedOnHosts.WireGuardConfigPath;
    private const string Stream = ManagedOnHosts.NginxStreamConfigPath;

    public static TheoryData<string, Func<ClusterState, RefreshReport>, string[]> Cases => new()
    {
        { "healthy hosts", state => Report(state), new string[0] },
        {
            "wg-quick stopped", state => Report(state, ("workers-1", ServiceState(Wg, "inactive"))),
            new[] { "repair/mesh/workers-1: restart wg-quick@wg0 on workers-1: service inactive" }
        },
        {
            "wg-quick failed and disabled", state => Report(state, ("workers-1", ServiceState(Wg, "failed", "disabled"))),
            new[] { "repair/mesh/workers-1: restart wg-quick@wg0 on workers-1: service failed; enable wg-quick@wg0 on workers-1: service disabled" }
        },
        {
            "wg0.conf edited", state => Report(state, ("control-1", FileHash(WgConf, new string('e', 64)))),
            new[] { "repair/mesh/control-1: rewrite WireGuard config /etc/wireguard/wg0.conf on control-1: changed on the host" }
        },
        {
            "wg0.conf deleted", state => Report(state, ("control-1", FileHash(WgConf, null))),
            new[] { "repair/mesh/control-1: rewrite WireGuard config /etc/wireguard/wg0.conf on control-1: missing on the host" }
        },
        {
            "peer removed with wg set", state => Report(state, ("workers-2", WithoutPeer(KeyOf(state, "control-1")))),
            new[] { "repair/mesh/workers-2: re-add peer control-1 on workers-2: missing from the live interface" }
        },
        {
            "interface deleted while the unit is active", state => Report(state, ("workers-2", o => o with { WireGuard = null })),
            new[] { "repair/mesh/workers-2: restart wg-quick@wg0 on workers-2: interface wg0 is gone" }
        },
        {
            "peer added by hand", state => Report(state, ("lb-1", o => o with
            {
                WireGuard = o.WireGuard! with { Peers = o.WireGuard.Peers.Append(new PeerObservation("intruder-key", null, "10.9.9.9/32", null)).ToList() },
            })),
            new[] { "repair/mesh/lb-1: remove peer intruder-key on lb-1: no member of the mesh has this key" }
        },
        {
            "nginx stream config edited", state => Report(state, ("lb-1", FileHash(Stream, new string('f', 64)))),
            new[] { "repair/lb/lb-1: rewrite nginx stream config on lb-1: changed on the host" }
        },
        {
            "nginx stopped", state => Report(state, ("lb-1", ServiceState(ManagedOnHosts.NginxUnit, "inactive"))),
            new[] { "repair/lb/lb-1: restart nginx on lb-1: service inactive" }
        },
        {
            "sysctl file edited", state => Report(state, ("workers-1", FileHash(ManagedOnHosts.SysctlPath, new string('1', 64)))),
            new[] { "repair/nodes/workers-1: rewrite sysctl settings on workers-1: changed on the host" }
        },
        {
            "the three drifts of the lab scenario", state => Report(state,
                ("workers-1", ServiceState(Wg, "inactive")),
                ("lb-1", FileHash(Stream, new string('f', 64))),
                ("workers-2", WithoutPeer(KeyOf(state, "control-1")))),
            new[]
            {
                "repair/mesh/workers-1: restart wg-quick@wg0 on workers-1: service inactive",
                "repair/mesh/workers-2: re-add peer control-1 on workers-2: missing from the live interface",
                "repair/lb/lb-1: rewrite nginx stream config on lb-1: changed on the host",
            }
        },
        {
            "stopped wg-quick hides the missing interface and peers it causes", state => Report(state,
                ("workers-1", ServiceState(Wg, "inactive")), ("workers-1", o => o with { WireGuard = null })),
            new[] { "repair/mesh/workers-1: restart wg-quick@wg0 on workers-1: service inactive" }
        },
        {
            "unreachable host: nothing to repair, nothing known", state => Report(state, ("workers-2", Unreachable("connection timed out"))),
            new string[0]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Create_WithRefresh_PlansExactlyTheRepairsOfWhatDrifted(string situation, Func<ClusterState, RefreshReport> seen, string[] expected)
    {
        var state = Applied();

        var plan = Planner.Create(Spec(), state, UpToLoadBalancers, seen(state));

        Assert.True(expected.SequenceEqual(plan.Tasks.Select(t => t.Id + ": " + t.Description)),
            $"{situation}: expected\n  {string.Join("\n  ", expected)}\nplanned\n  {string.Join("\n  ", plan.Tasks.Select(t => t.Id + ": " + t.Description))}");
        PlanSummary.AssertInvariants(plan);
        foreach (var task in plan.Tasks)
        {
            var step = Assert.Single(task.Steps);
            Assert.Equal(new[] { task.Targets.Single().Name }, step.Targets);
        }
    }

    [Fact]
    public void Create_HealthyHosts_SamePlanIdAsWithoutRefresh()
    {
        var state = Applied();

        var refreshed = Planner.Create(Spec(), state, UpToLoadBalancers, Report(state));
        var fromState = Planner.Create(Spec(), state, UpToLoadBalancers);

        Assert.True(refreshed.IsEmpty);
        Assert.Equal(fromState.Id, refreshed.Id);
        Assert.Same(refreshed.Refresh, refreshed.Refresh);
        Assert.NotNull(refreshed.Refresh);
        Assert.Null(fromState.Refresh);
    }

    [Fact]
    public void Create_DifferentDrift_DifferentPlanIds()
    {
        var state = Applied();

        var ids = new[]
        {
            Planner.Create(Spec(), state, UpToLoadBalancers, Report(state)).Id,
            Planner.Create(Spec(), state, UpToLoadBalancers, Report(state, ("workers-1", ServiceState(Wg, "inactive")))).Id,
            Planner.Create(Spec(), state, UpToLoadBalancers, Report(state, ("workers-2", ServiceState(Wg, "inactive")))).Id,
            Planner.Create(Spec(), state, UpToLoadBalancers, Report(state, ("lb-1", ServiceState(ManagedOnHosts.NginxUnit, "inactive")))).Id,
        };

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Create_MeshRepair_RewritesOneNodeWithTheWholePeerSet()
    {
        var state = Applied();

        var plan = Planner.Create(Spec(), state, UpToLoadBalancers, Report(state, ("workers-1", FileHash(WgConf, null))));

        var step = Assert.Single(Assert.Single(plan.Tasks).Steps);
        Assert.Equal(StepKind.WriteMeshConfig, step.Kind);
        Assert.Equal(new[] { "workers-1" }, step.Targets);
        Assert.Equal(plan.Nodes.Select(n => n.Name), step.MeshPeers);
        Assert.Equal(TaskKind.ConfigureMesh, plan.Tasks[0].Kind);
    }

    [Fact]
    public void Create_DriftOnANodeTheMeshTaskRewritesAnyway_NoRepairOfItsOwn()
    {
        var state = Applied();
        var mtuChange = Spec() with { Kubernetes = Spec().Kubernetes with { Mtu = 1280 } };

        var plan = Planner.Create(mtuChange, state, UpToLoadBalancers, Report(state, ("workers-1", ServiceState(Wg, "inactive"))));

        Assert.Equal(new[] { "mesh" }, PlanSummary.TaskIds(plan));
    }

    [Fact]
    public void Create_LoadBalancerDriftBeyondTheScope_NoRepair()
    {
        var state = Applied();

        var plan = Planner.Create(Spec(), state, new PlanOptions { Until = ClusterLayer.Mesh }, Report(state,
            ("lb-1", FileHash(Stream, new string('f', 64))), ("workers-1", ServiceState(Wg, "inactive"))));

        Assert.Equal(new[] { "repair/mesh/workers-1" }, PlanSummary.TaskIds(plan));
    }

    [Fact]
    public void Create_DriftOnANodeThePlanRemoves_NoRepair()
    {
        var state = Applied();
        var fewerWorkers = Spec().WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.21"));

        var plan = Planner.Create(fewerWorkers, state, UpToLoadBalancers, Report(state, ("workers-2", ServiceState(Wg, "inactive"))));

        Assert.DoesNotContain(plan.Tasks, t => t.Id.StartsWith("repair/", StringComparison.Ordinal));
        Assert.Contains("workers-2", plan.RemovedNodes);
    }

    [Fact]
    public void Create_StateFromBeforeRefresh_RewritesTheUnrecordedFilesOnce()
    {
        var state = Applied();
        var old = state with { Nodes = state.Nodes.Select(n => n.Name == "workers-1" ? n with { ManagedFiles = new Dictionary<string, string>() } : n).ToList() };

        var plan = Planner.Create(Spec(), old, UpToLoadBalancers, Report(state));

        Assert.Equal(new[] { "repair/nodes/workers-1", "repair/mesh/workers-1" }, PlanSummary.TaskIds(plan));
        Assert.EndsWith("no record of what MultiCloud wrote there (state from an earlier version)", plan.Tasks[1].Description);
    }

    [Fact]
    public void Create_UnreachableHost_NoticeNamesItAndTheTasksThatWillMeetIt()
    {
        var state = Applied();
        var mtuChange = Spec() with { Kubernetes = Spec().Kubernetes with { Mtu = 1280 } };

        var plan = Planner.Create(mtuChange, state, UpToLoadBalancers, Report(state, ("workers-2", Unreachable("ssh: connect to host 192.168.10.22 port 22: Connection timed out"))));

        var notice = Assert.Single(plan.Notices);
        Assert.Equal(PlanNoticeKind.Unreachable, notice.Kind);
        Assert.Equal("workers-2", notice.Subject);
        Assert.Equal("workers-2 is unreachable, so it was not checked: ssh: connect to host 192.168.10.22 port 22: Connection timed out; mesh will fail on it until it answers",
            notice.Message);
    }

    [Fact]
    public void Create_PeerWithoutRecentHandshake_NoticeNamesBothEndsAndPlansNothing()
    {
        var state = Applied();
        var old = Now - TimeSpan.FromMinutes(7);

        var plan = Planner.Create(Spec(), state, UpToLoadBalancers, Report(state,
            ("workers-1", PeerHandshake(KeyOf(state, "lb-1"), old)),
            ("lb-1", PeerHandshake(KeyOf(state, "workers-1"), null))));

        Assert.True(plan.IsEmpty);
        var notice = Assert.Single(plan.Notices);
        Assert.Equal(PlanNoticeKind.StaleHandshake, notice.Kind);
        Assert.Equal("no WireGuard handshake between lb-1 and workers-1 for 7m (seen from lb-1 and workers-1)", notice.Message);
    }

    [Fact]
    public void Create_TwoMembersShareAWireGuardKey_PlansWithoutFailingAndBlamesNeither()
    {
        var applied = Applied();
        var shared = KeyOf(applied, "workers-1");
        var state = applied with { Nodes = applied.Nodes.Select(n => n.Name == "workers-2" ? n with { WireGuardPublicKey = shared } : n).ToList() };

        var plan = Planner.Create(Spec(), state, UpToLoadBalancers, Report(state, ("control-1", PeerHandshake(shared, null))));

        Assert.DoesNotContain(plan.Notices, n => n.Kind == PlanNoticeKind.StaleHandshake);
    }

    [Fact]
    public void Create_HandshakeYoungerThanTheLimit_NoNotice()
    {
        var state = Applied();

        var plan = Planner.Create(Spec(), state, UpToLoadBalancers, Report(state,
            ("workers-1", PeerHandshake(KeyOf(state, "lb-1"), Now - MeshHandshakes.StaleAfter))));

        Assert.Empty(plan.Notices);
    }

    [Fact]
    public void Render_PlanWithRepairsAndNotices_MatchesGoldenFile()
    {
        var state = Applied();
        var plan = Planner.Create(Spec(), state, UpToLoadBalancers, Report(state,
            ("workers-1", ServiceState(Wg, "inactive")),
            ("lb-1", FileHash(Stream, new string('f', 64))),
            ("workers-2", WithoutPeer(KeyOf(state, "control-1"))),
            ("control-1", Unreachable("ssh: connect to host 192.168.10.11 port 22: No route to host"))));

        GoldenFile.AssertMatches("plans/static-drift-repairs.txt", PlanText.Render(plan));
    }

    [Fact]
    public void Render_EmptyPlanAfterRefresh_SaysTheHostsWereChecked()
    {
        var state = Applied();

        var text = PlanText.Render(Planner.Create(Spec(), state, UpToLoadBalancers, Report(state)));

        Assert.Contains("Nothing to do: the cluster matches its spec, and its hosts what MultiCloud configured there.", text);
        Assert.Contains("Refresh at 2026-12-02 10:00:00 UTC: 4 of 4 hosts checked", text);
    }
}
