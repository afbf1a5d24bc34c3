using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;
using Xunit;
using static MultiCloud.Engine.Tests.Refresh.HostsSeen;

namespace MultiCloud.Engine.Tests.Views;

/// <summary>The Kubernetes layer of status: a node is Ready only when its Node's Ready condition says so, as a control node's kubectl saw it.</summary>
public sealed class KubernetesStatusTests
{
    [Fact]
    public void From_EveryNodeReadyInKubernetes_LayerHealthyAndNodesReady()
    {
        var state = Joined(Applied());

        var status = ClusterStatus.From(state, JoinedReport(state));

        Assert.Equal("Ready", status.Cluster.Status);
        Assert.Equal("Kubernetes: Healthy (3 of 3 nodes Ready, as control-1 saw them through the API endpoint)", status.Cluster.Layers.Last().ToString());
        Assert.Equal(new[] { "control-1 Ready", "workers-1 Ready", "workers-2 Ready", "lb-1 " }, status.Nodes.Select(n => $"{n.Name} {n.Kubernetes}"));
    }

    [Fact]
    public void From_NodeNotReadyWithItsKubeletStopped_DegradedNamingTheNodeAndWhatToStart()
    {
        var state = Joined(Applied());
        var report = JoinedReport(state,
            ("control-1", KubernetesAnswer(("control-1", "True", "KubeletReady"), ("workers-1", "Unknown", "NodeStatusUnknown"), ("workers-2", "True", "KubeletReady"))),
            ("workers-1", ServiceState("kubelet", "inactive")));

        var status = ClusterStatus.From(state, report);

        var problem = "workers-1 is not Ready in Kubernetes (Ready=Unknown, NodeStatusUnknown); kubelet is not active on the host: start it (systemctl start kubelet)";
        Assert.Equal("Degraded", status.Cluster.Status);
        Assert.Equal(new[] { problem }, status.Cluster.Problems);
        Assert.Equal("Kubernetes: Degraded (2 of 3 nodes Ready, as control-1 saw them through the API endpoint; " + problem + ")", status.Cluster.Layers.Last().ToString());
        var node = status.Nodes.Single(n => n.Name == "workers-1");
        Assert.Equal("NotReady", node.Kubernetes);
        Assert.Equal(new[] { problem }, node.Problems);
        // The host itself is fine as far as MultiCloud's own layers go.
        Assert.Equal("Healthy", status.Cluster.Layers.Single(l => l.Layer == "Nodes").Status);
    }

    [Fact]
    public void From_NodeNotReadyWithItsUnitsRunning_PointsAtTheKubeletLog()
    {
        var state = Joined(Applied());
        var report = JoinedReport(state, ("control-1", KubernetesAnswer(("control-1", "True", null), ("workers-1", "True", null), ("workers-2", "False", "KubeletNotReady"))));

        var node = ClusterStatus.From(state, report).Nodes.Single(n => n.Name == "workers-2");

        Assert.Equal(new[] { "workers-2 is not Ready in Kubernetes (Ready=False, KubeletNotReady); see `journalctl -u kubelet` on workers-2" }, node.Problems);
    }

    [Fact]
    public void From_JoinedNodeWithoutNodeObjectAndAnUnmanagedNode_MissingAndListed()
    {
        var state = Joined(Applied());
        var report = JoinedReport(state, ("control-1", KubernetesAnswer(("control-1", "True", null), ("workers-1", "True", null), ("by-hand", "True", null))));

        var status = ClusterStatus.From(state, report);

        Assert.Equal("Missing", status.Nodes.Single(n => n.Name == "workers-2").Kubernetes);
        Assert.Contains("workers-2 is joined but Kubernetes has no Node object for it (its kubelet never registered, or the Node was deleted)", status.Cluster.Problems);
        Assert.Contains("Kubernetes also lists Nodes MultiCloud does not manage: by-hand", status.Cluster.Layers.Last().Detail);
    }

    [Fact]
    public void From_KubectlFailsOnTheControlNode_DegradedWithTheApiProblemAndNodesUnknown()
    {
        var state = Joined(Applied());
        var report = JoinedReport(state, ("control-1", KubernetesError("The connection to the server 192.168.10.11:6443 was refused")));

        var status = ClusterStatus.From(state, report);

        var problem = "the Kubernetes API did not answer on any control node: control-1: The connection to the server 192.168.10.11:6443 was refused";
        Assert.Equal("Degraded", status.Cluster.Status);
        Assert.Equal(new[] { problem }, status.Cluster.Problems);
        Assert.Equal(LayerStatus.Degraded, status.Cluster.Layers.Last().Status);
        Assert.All(status.Nodes.Where(n => n.Role != "LoadBalancer"), node => Assert.Equal("Unknown", node.Kubernetes));
    }

    [Fact]
    public void From_ControlNodeUnreachable_KubernetesUnknownAndTheHostNamed()
    {
        var state = Joined(Applied());
        var report = JoinedReport(state, ("control-1", Unreachable("ssh: connect to host 192.168.10.11 port 22: No route to host")));

        var status = ClusterStatus.From(state, report);

        Assert.Equal("Degraded", status.Cluster.Status);
        Assert.Equal("Kubernetes: Unknown (0 of 3 nodes Ready known; the API was not asked or did not answer: control-1 not checked)", status.Cluster.Layers.Last().ToString());
        Assert.Single(status.Cluster.Problems, p => p.StartsWith("control-1 is unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public void From_NothingJoined_KubernetesNotApplied()
    {
        var state = Applied();

        var layer = ClusterStatus.From(state, Report(state)).Cluster.Layers.Last();

        Assert.Equal("Kubernetes: NotApplied (not applied to this cluster)", layer.ToString());
    }

    [Fact]
    public void AfterRun_NodesTheRunJoined_ReadyWithoutAnAnswer()
    {
        var before = Applied();
        var state = Joined(before);
        // The refresh before the run saw no joined node, so no control node was asked.
        var touched = new[] { "control-1", "workers-1", "workers-2" };

        var info = ClusterInfo.Build(state, ClusterHealth.AfterRun(state, Report(before), touched));

        Assert.Equal("Ready", info.Status);
        Assert.Equal("Kubernetes: Healthy (3 of 3 nodes Ready (every node joined or converged by this run))", info.Layers.Last().ToString());
    }

    [Fact]
    public void Plan_NodeNotReady_NoticeSaysSoAndNoTaskIsMade()
    {
        var state = Joined(Applied());
        var report = JoinedReport(state, ("control-1", KubernetesAnswer(("control-1", "True", null), ("workers-1", "False", "KubeletNotReady"), ("workers-2", "True", null))));

        var plan = Planner.Create(Spec(), state with { Until = ClusterLayer.LoadBalancers }, UpToLoadBalancers, report);

        var notice = Assert.Single(plan.Notices);
        Assert.Equal(PlanNoticeKind.KubernetesNotReady, notice.Kind);
        Assert.Equal("workers-1", notice.Subject);
        Assert.StartsWith("workers-1 is not Ready in Kubernetes (Ready=False, KubeletNotReady)", notice.Message);
    }
}
