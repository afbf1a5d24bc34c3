using k8s;
using MultiCloud.Engine;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.Lab.Tests.Kubernetes;

/// <summary>
/// Issue 6 §4 on the lab: Kubernetes built over the mesh from the lab's package repository (kubeadm and kubelet are
/// the lab's doubles, everything else real), checked on the hosts and through the API load balancer. One lab and one
/// cluster for every scenario, in order: h1 load balancer, h2–h4 control, h5–h6 compute.
/// </summary>
[Trait("Lab", "Kubernetes")]
[Collection(KubernetesLabCollection.Name)]
[TestCaseOrderer(ScenarioOrderer.TypeName, ScenarioOrderer.AssemblyName)]
public sealed partial class KubernetesOnTheLabTests
{
    [LabFact, Scenario(1)]
    public Task Apply_PodNetworkOverlapsTheMesh_ManifestErrorBeforeAnyHostIsTouched() => Scenario(async () =>
    {
        var overlapping = Spec(Full) with { Kubernetes = Spec(Full).Kubernetes with { PodNetwork = "10.250.0.0/16" } };
        var manifest = Path.Combine(lab.StateDirectory, "overlapping.yaml");
        File.WriteAllText(manifest, ManifestWriter.ToYaml(new[] { overlapping }));
        var line = File.ReadAllLines(manifest).ToList().FindIndex(l => l.TrimStart().StartsWith("podNetwork:", StringComparison.Ordinal)) + 1;

        var error = Assert.Throws<ManifestException>(() => ManifestReader.ReadFile(manifest).ThrowIfInvalid());
        var direct = await Assert.ThrowsAsync<ManifestException>(() => client.ApplyAsync(overlapping, null, null, CancellationToken.None));

        Assert.Equal(ErrorIds.ManifestInvalid, error.ErrorId);
        Assert.Contains(manifest + ":" + line + ":", error.Message);
        Assert.Contains("spec.kubernetes.podNetwork: pod network 10.250.0.0/16 overlaps the mesh network 10.250.0.0/24", error.Message);
        Assert.Contains("such as 10.244.0.0/16", direct.Message);
        Assert.Null(await client.Store.LoadAsync(ClusterName, CancellationToken.None));
    });

    [LabFact, Scenario(3)]
    public Task Applied_AllNodesReadyEtcdHealthyMetadataStorageClassesAndKubectlThroughTheLoadBalancer() => Scenario(async () =>
    {
        var state = await StateAsync();
        using var api = await ApiAsync();
        foreach (var node in state.Nodes.Where(n => n.Role != NodeRole.LoadBalancer))
            Assert.True((await api.GetNodeReadinessAsync(node.Name, CancellationToken.None))?.Ready, node.Name + " is not Ready");
        var health = await lab.Hosts.OutputAsync(lab.Host(2), Etcdctl("endpoint health --cluster"));
        Assert.Equal(3, health.Split('\n').Count(line => line.Contains("is healthy", StringComparison.Ordinal)));

        using var kubernetes = await RawClientAsync();
        var worker = await kubernetes.CoreV1.ReadNodeAsync(NameOf(state, lab.Host(5)));
        Assert.Equal("compute", worker.Metadata.Labels[NodeMetadataSpec.PoolLabel]);
        Assert.Equal("static", worker.Metadata.Labels[NodeMetadataSpec.RegionLabel]);
        Assert.Equal("compute", worker.Metadata.Labels[NodeMetadataSpec.ZoneLabel]);
        var control = await kubernetes.CoreV1.ReadNodeAsync(NameOf(state, lab.Host(2)));
        Assert.Contains(control.Spec.Taints, t => t.Key == "node-role.kubernetes.io/control-plane" && t.Effect == "NoSchedule");
        Assert.Contains((await kubernetes.StorageV1.ListStorageClassAsync()).Items, c => c.Metadata.Name == "longhorn-compute" && c.Parameters["nodeSelector"] == "compute");

        // Debian's kubectl with the admin kubeconfig as the engine hands it out: server = the LB, CA verified.
        var nodes = await KubectlThroughTheLoadBalancerAsync("get nodes -o name");
        Assert.Equal(5, nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    });

    [LabFact, Scenario(4)]
    public Task PodNetworks_MadeByTheBridgePlugin_ReachEachOtherAcrossTheMesh() => Scenario(async () =>
    {
        var hosts = new[] { 2, 3, 4, 5, 6 }.Select(lab.Host).ToList();
        var addresses = await lab.Hosts.OutputsAsync(hosts, _ => PodNamespace("ADD") + "ip netns exec mc-pod ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1\n");
        try
        {
            foreach (var source in hosts)
                foreach (var target in hosts.Where(h => h != source))
                    await lab.Hosts.OutputAsync(source, "ip netns exec mc-pod ping -c 1 -W 3 " + addresses[target.Name].Trim() + " >/dev/null\n");
            foreach (var host in hosts)
                Assert.Equal("", (await lab.Hosts.OutputAsync(host, "ip -o link show type vxlan; ip -o link show type ipip\n")).Trim());
        }
        finally
        {
            await lab.Hosts.OutputsAsync(hosts, _ => PodNamespace("DEL"));
        }
    });

    [LabFact, Scenario(5)]
    public Task ApiThroughTheLoadBalancer_OneControlHostStopped_KeepsAnswering() => Scenario(async () =>
    {
        await LabScript.StopAsync(lab.Lab.Id, lab.Host(3));
        try
        {
            using var api = await ApiAsync();
            var state = await StateAsync();
            for (var i = 0; i < 5; i++)
                Assert.NotNull(await api.GetNodeReadinessAsync(NameOf(state, lab.Host(2)), CancellationToken.None));
            Assert.Contains(NameOf(state, lab.Host(5)), await KubectlThroughTheLoadBalancerAsync("get nodes -o name"));
        }
        finally
        {
            await LabScript.StartAsync(lab.Lab.Id, lab.Host(3));
        }
    });

    [LabFact, Scenario(6)]
    public Task Apply_Unchanged_PlansNothingAndTouchesNothing() => Scenario(async () =>
    {
        var result = await client.ApplyAsync(Spec(Full), null, null, CancellationToken.None);

        Assert.True(result.Plan.IsEmpty, string.Join("\n", result.Plan.Tasks.Select(t => t.Id)));
        // The refresh reads every host once; nothing else reaches a host.
        Assert.Equal(result.State!.Nodes.Select(n => n.Name).OrderBy(n => n, StringComparer.Ordinal), result.RoundTrips.Keys);
        Assert.All(result.RoundTrips, trips => Assert.Equal(1, trips.Value));
    });
}
