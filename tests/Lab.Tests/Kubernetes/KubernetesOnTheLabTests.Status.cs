using MultiCloud.Engine.Client;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Views;
using MultiCloud.Lab.Tests.Clusters;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.Lab.Tests.Kubernetes;

/// <summary>Status as Kubernetes reports it: a node is Ready only when its Node's Ready condition says so.</summary>
public sealed partial class KubernetesOnTheLabTests
{
    [LabFact, Scenario(20)]
    public Task Status_ContainerdStoppedOnACompute_NodeNotReadyNamedUntilItRunsAgain() => Scenario(async () =>
    {
        var state = await StateAsync();
        var joined = state.Nodes.Where(n => n.Joined).Select(n => n.Name).Order().ToList();
        var healthy = await StatusAsync();
        Assert.True(healthy.Cluster.Status == "Ready", string.Join("\n", healthy.Cluster.Problems));
        var layer = healthy.Cluster.Layers.Single(l => l.Layer == "Kubernetes");
        Assert.Equal(LayerStatus.Healthy, layer.Status);
        Assert.StartsWith($"{joined.Count} of {joined.Count} nodes Ready, as ", layer.Detail);
        Assert.Equal(joined.Select(n => n + " Ready"), healthy.Nodes.Where(n => n.Joined).Select(n => $"{n.Name} {n.Kubernetes}").Order());

        var compute = lab.Host(5);
        var name = NameOf(state, compute);
        await lab.Hosts.OutputAsync(compute, "systemctl stop containerd\n");
        try
        {
            var degraded = await StatusUntilAsync(s => s.Nodes.Single(n => n.Name == name).Kubernetes != "Ready");

            var node = degraded.Nodes.Single(n => n.Name == name);
            Assert.Equal("Degraded", degraded.Cluster.Status);
            Assert.Equal("NotReady", node.Kubernetes);
            var problem = Assert.Single(node.Problems);
            Assert.StartsWith(name + " is not Ready in Kubernetes (Ready=", problem);
            Assert.Contains("containerd", problem);
            Assert.Contains("systemctl start", problem);
            Assert.Equal(LayerStatus.Degraded, degraded.Cluster.Layers.Single(l => l.Layer == "Kubernetes").Status);
            var plan = await client.PlanAsync(Spec(CurrentMembers(state)), null, CancellationToken.None);
            Assert.Empty(plan.Tasks);
            Assert.Contains(plan.Notices, n => n.Kind == PlanNoticeKind.KubernetesNotReady && n.Subject == name);
        }
        finally
        {
            await lab.Hosts.OutputAsync(compute, "systemctl start containerd\n");
        }

        var again = await StatusUntilAsync(s => s.Cluster.Status == "Ready");
        Assert.Equal("Ready", again.Nodes.Single(n => n.Name == name).Kubernetes);
    });

    private async Task<ClusterStatus> StatusAsync() =>
        (await client.GetStatusAsync(ClusterName, RefreshMode.CheckHosts, CancellationToken.None)).Single();

    /// <summary>Refreshes until the status satisfies the condition (the kubelet posts its status every few seconds), at most two minutes.</summary>
    private async Task<ClusterStatus> StatusUntilAsync(Func<ClusterStatus, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var status = await StatusAsync();
            if (condition(status)) return status;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException("the status never reached the expected state: " + string.Join("; ", status.Cluster.Problems));
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
    }

    /// <summary>The control and compute hosts of the state, by lab host number.</summary>
    private Members CurrentMembers(Engine.State.ClusterState state)
    {
        int[] Numbers(string pool) => state.Nodes.Where(n => n.Pool == pool)
            .Select(n => lab.Lab.Hosts.ToList().FindIndex(h => h.Address == n.PublicAddress) + 1).Order().ToArray();
        return new Members(Numbers(LabTopology.ControlPool), Numbers(LabTopology.ComputePool));
    }
}
