using MultiCloud.Engine.Planning;
using MultiCloud.Lab.Tests.Checks;
using MultiCloud.Lab.Tests.Clusters;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.Lab.Tests;

/// <summary>Scenarios 4 and 5: a host joins the compute pool, then a control host leaves.</summary>
public sealed partial class EvolvingClusterTests
{
    [LabFact, Scenario(4)]
    public async Task ApplyAsync_HostAddedToComputePool_EveryPeerListsItAndTheLoadBalancerIsUntouched()
    {
        var (cluster, previous) = evolving.After(3);
        var lb = previous.LoadBalancers[0];
        var added = await lab.AddHostAsync();
        var topology = previous with { Compute = previous.Compute.Append(added).ToList() };
        var lbBefore = await NginxChecks.FingerprintAsync(Hosts, lb);

        var plan = await cluster.PlanAsync(topology);
        var result = await Timed("apply with one host added", () => cluster.ApplyAsync(topology));

        Assert.DoesNotContain(plan.Tasks, task => task.Kind == TaskKind.ConfigureLoadBalancers);
        var meshStep = plan.Tasks.Single(task => task.Id == "mesh").Steps.Single(step => step.Kind == StepKind.WriteMeshConfig);
        Assert.Equal(6, meshStep.Targets.Count);
        Assert.Null(result.State?.Journal);
        // The new node: register, prepare, make its key, write its mesh; every other node: its refresh and one mesh push.
        var addedNode = (await cluster.NodeOfAsync(added)).Name;
        output.WriteLine("round trips: " + string.Join(", ", result.RoundTrips.Select(p => p.Key + "=" + p.Value)));
        Assert.Equal(6, result.RoundTrips.Count);
        Assert.Equal(4, result.RoundTrips[addedNode]);
        Assert.Equal(5, result.RoundTrips.Count(p => p.Key != addedNode && p.Value == 2));
        await MeshChecks.AssertFullMeshPeersAsync(Hosts, topology.AllHosts);
        await MeshChecks.AssertEveryHostPingsEveryOtherAsync(Hosts, topology.AllHosts);
        Assert.Equal(lbBefore, await NginxChecks.FingerprintAsync(Hosts, lb));
        evolving.Passed(4, topology);
    }

    [LabFact, Scenario(5)]
    public async Task ApplyAsync_ControlHostRemovedFromPool_LeavesEveryPeerAndTheUpstreamsAndIsReleased()
    {
        var (cluster, previous) = evolving.After(4);
        var lb = previous.LoadBalancers[0];
        var (kept, removed) = (previous.Control[0], previous.Control[1]);
        var keptMesh = (await cluster.NodeOfAsync(kept)).MeshAddress;
        var removedMesh = (await cluster.NodeOfAsync(removed)).MeshAddress;
        var topology = previous with { Control = new[] { kept } };

        var result = await Timed("apply with one control host removed", () => cluster.ApplyAsync(topology));

        var state = Assert.IsType<Engine.State.ClusterState>(result.State);
        Assert.Null(state.Journal);
        Assert.DoesNotContain(state.Nodes, node => node.PublicAddress == removed.Address);
        await MeshChecks.AssertFullMeshPeersAsync(Hosts, topology.AllHosts);
        await MeshChecks.AssertEveryHostPingsEveryOtherAsync(Hosts, topology.AllHosts);
        var upstreams = await NginxChecks.UpstreamServersAsync(Hosts, lb);
        Assert.Equal(new[] { keptMesh + ":" + LabTopology.ApiPort }, upstreams);
        Assert.DoesNotContain(upstreams, server => server.StartsWith(removedMesh + ":", StringComparison.Ordinal));
        Assert.Equal("", await MeshChecks.WireGuardLeftoversAsync(Hosts, removed));
        var answers = await HostnameService.ReadManyAsync(lb.Address, LabTopology.ApiPort, 3, ConnectionLimit);
        Assert.All(answers, answer => Assert.Equal(kept.Name, answer.HostName));
        evolving.Released.Add(removed);
        evolving.Passed(5, topology);
    }
}
