using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Refresh;
using MultiCloud.Lab.Tests.Checks;
using MultiCloud.Lab.Tests.Clusters;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.Lab.Tests;

/// <summary>Scenarios 9 and 10: drift made by hand on three hosts and repaired on those alone; a host cut off while refreshing.</summary>
public sealed partial class EvolvingClusterTests
{
    /// <summary>
    /// wg-quick stopped on one compute host, the LB host's stream configuration edited, and a peer removed from the
    /// live interface of another compute host. The plan holds exactly those three repairs; applying it (with the
    /// refresh it was made from) contacts only those three hosts, once each, and leaves every other host as it was.
    /// </summary>
    [LabFact, Scenario(9)]
    public async Task ApplyAsync_DriftOnThreeHosts_RepairsExactlyThoseAndTouchesNoOtherHost()
    {
        var (cluster, topology) = evolving.After(8);
        var lb = topology.LoadBalancers[0];
        var (stopped, peerless) = (topology.Compute[1], topology.Compute[2]);
        var others = topology.AllHosts.Except(new[] { lb, stopped, peerless }).ToList();
        var (lbNode, stoppedNode, peerlessNode) = ((await cluster.NodeOfAsync(lb)).Name, (await cluster.NodeOfAsync(stopped)).Name, (await cluster.NodeOfAsync(peerless)).Name);
        var removedPeer = await cluster.NodeOfAsync(topology.Control[0]);
        var streamBefore = await NginxChecks.StreamConfigAsync(Hosts, lb);

        await Hosts.OutputAsync(stopped, "systemctl stop wg-quick@wg0");
        await Hosts.OutputAsync(lb, $"echo '# edited by hand' >>{NginxChecks.StreamConfig}");
        await Hosts.OutputAsync(peerless, $"wg set wg0 peer {removedPeer.WireGuardPublicKey} remove");
        var othersBefore = await HostSnapshot.TakeAsync(Hosts, others);

        var degraded = await cluster.StatusAsync();
        var plan = await cluster.PlanAsync(topology);
        output.WriteLine(PlanText.Render(plan));

        Assert.Equal("Degraded", degraded.Cluster.Status);
        Assert.Equal(new[]
        {
            $"repair/mesh/{peerlessNode}: re-add peer {removedPeer.Name} on {peerlessNode}: missing from the live interface",
            $"repair/mesh/{stoppedNode}: restart wg-quick@wg0 on {stoppedNode}: service inactive",
            $"repair/lb/{lbNode}: rewrite nginx stream config on {lbNode}: changed on the host",
        }.OrderBy(line => line.StartsWith("repair/lb", StringComparison.Ordinal)).ThenBy(line => line, StringComparer.Ordinal),
            plan.Tasks.Select(t => t.Id + ": " + t.Description).OrderBy(line => line.StartsWith("repair/lb", StringComparison.Ordinal)).ThenBy(line => line, StringComparer.Ordinal));
        Assert.Equal(degraded.Cluster.Problems.OrderBy(p => p, StringComparer.Ordinal), plan.Tasks.Select(t => t.Description).OrderBy(p => p, StringComparer.Ordinal));

        var result = await Timed("repair of three drifted hosts", () => cluster.ApplyConfirmedAsync(topology, plan));

        output.WriteLine("round trips: " + string.Join(", ", result.RoundTrips.Select(p => p.Key + "=" + p.Value)));
        Assert.Equal(new[] { lbNode, peerlessNode, stoppedNode }.OrderBy(n => n, StringComparer.Ordinal), result.RoundTrips.Keys);
        Assert.All(result.RoundTrips, trips => Assert.Equal(1, trips.Value));
        var othersAfter = await HostSnapshot.TakeAsync(Hosts, others);
        foreach (var host in others) Assert.Equal(othersBefore[host.Name], othersAfter[host.Name]);
        Assert.Equal(streamBefore, await NginxChecks.StreamConfigAsync(Hosts, lb));
        await MeshChecks.AssertFullMeshPeersAsync(Hosts, topology.AllHosts);
        await MeshChecks.AssertEveryHostPingsEveryOtherAsync(Hosts, topology.AllHosts);
        var answers = await HostnameService.ReadManyAsync(lb.Address, LabTopology.ApiPort, 3, ConnectionLimit);
        Assert.All(answers, answer => Assert.Equal(topology.Control[0].Name, answer.HostName));

        var healthy = await cluster.StatusAsync();
        Assert.True(healthy.Cluster.Status == "Ready", "after the repairs: " + string.Join("; ", healthy.Cluster.Problems));
        Assert.True((await cluster.PlanAsync(topology)).IsEmpty);
        evolving.Passed(9, topology);
    }

    /// <summary>One host cut off: plan and status name it as unreachable, and every other host is still checked.</summary>
    [LabFact, Scenario(10)]
    public async Task PlanAndStatus_HostCutOff_NameItAndStillCheckTheRest()
    {
        var (cluster, topology) = evolving.After(9);
        var cutOff = topology.Compute[0];
        var cutOffNode = (await cluster.NodeOfAsync(cutOff)).Name;

        await LabScript.IsolateAsync(lab.Id, cutOff);
        Plan plan;
        Engine.Views.ClusterStatus status;
        try
        {
            plan = await Timed("plan with one host cut off", () => cluster.PlanAsync(topology));
            status = await Timed("status with one host cut off", () => cluster.StatusAsync());
        }
        finally
        {
            await LabScript.RestoreAsync(lab.Id, cutOff);
        }

        output.WriteLine(PlanText.Render(plan));
        Assert.True(plan.IsEmpty);
        var notice = Assert.Single(plan.Notices);
        Assert.Equal(PlanNoticeKind.Unreachable, notice.Kind);
        Assert.Equal(cutOffNode, notice.Subject);
        Assert.StartsWith(cutOffNode + " is unreachable, so it was not checked: ", notice.Message);
        Assert.Equal(Engine.ErrorIds.SshConnectionFailed, plan.Refresh!.Of(cutOffNode)!.ErrorId);
        Assert.All(plan.Refresh.Nodes.Where(n => n.Node != cutOffNode), node => Assert.Equal(HostCheck.Checked, node.Check));
        Assert.Contains(cutOffNode + " is unreachable, so it was not checked", PlanText.Render(plan));

        Assert.Equal("Degraded", status.Cluster.Status);
        Assert.StartsWith(cutOffNode + " is unreachable: ", Assert.Single(status.Cluster.Problems));
        Assert.StartsWith($"{topology.AllHosts.Count - 1} of {topology.AllHosts.Count} hosts answered; not checked: {cutOffNode} (unreachable)",
            status.Cluster.Layers.Single(l => l.Layer == "Nodes").Detail);
        Assert.False(status.Nodes.Single(n => n.Name == cutOffNode).Reachable);
        Assert.All(status.Nodes.Where(n => n.Name != cutOffNode), node => Assert.True(node.Reachable, node.Name));
        evolving.Passed(10, topology);
    }
}
