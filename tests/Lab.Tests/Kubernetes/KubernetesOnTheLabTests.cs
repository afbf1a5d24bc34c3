using k8s;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Kubernetes.Api;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using MultiCloud.Lab.Tests.Clusters;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.Lab.Tests.Kubernetes;

/// <summary>
/// Issue 6 §4 on the lab: Kubernetes built over the mesh from the lab's package repository (kubeadm and kubelet are
/// the lab's doubles, everything else real), checked on the hosts and through the API load balancer. Kept out of
/// the test command (trait Lab=Kubernetes, excluded in build.sh/build.ps1) until the lab repository exists; then
/// the exclusion goes and these run in CI like the other lab tests.
/// </summary>
[Trait("Lab", "Kubernetes")]
[Collection(KubernetesLabCollection.Name)]
[TestCaseOrderer(ScenarioOrderer.TypeName, ScenarioOrderer.AssemblyName)]
public sealed class KubernetesOnTheLabTests
{
    private const string ClusterName = "k8slab";
    private static string? failedScenario;
    private readonly KubernetesLabFixture lab;
    private readonly MultiCloudClient client;

    public KubernetesOnTheLabTests(KubernetesLabFixture lab)
    {
        this.lab = lab;
        client = new MultiCloudClient(new MultiCloudClientOptions { StateDirectory = lab.StateDirectory, Ssh = LabCluster.FastFailingSsh });
    }

    [LabFact, Scenario(1)]
    public Task Apply_FromNothing_AllNodesReadyEtcdHealthyMetadataAndStorageClasses() => Scenario(async () =>
    {
        var result = await client.ApplyAsync(Spec(lab.Host(5), lab.Host(6), lab.Host(3), lab.Host(4)), null, null, CancellationToken.None);

        using var api = await ApiAsync();
        foreach (var node in result.State!.Nodes.Where(n => n.Role != NodeRole.LoadBalancer))
            Assert.True((await api.GetNodeReadinessAsync(node.Name, CancellationToken.None))?.Ready, node.Name + " is not Ready");
        var health = await lab.Hosts.OutputAsync(lab.Host(2), Etcdctl("endpoint health --cluster"));
        Assert.Equal(3, health.Split('\n').Count(line => line.Contains("is healthy", StringComparison.Ordinal)));
        using var kubernetes = await RawClientAsync();
        var worker = await kubernetes.CoreV1.ReadNodeAsync(NameOf(result.State, lab.Host(5)));
        Assert.Equal("compute", worker.Metadata.Labels[NodeMetadataSpec.PoolLabel]);
        Assert.Equal("static", worker.Metadata.Labels[NodeMetadataSpec.RegionLabel]);
        Assert.Contains((await kubernetes.StorageV1.ListStorageClassAsync()).Items, c => c.Metadata.Name == "longhorn-compute");
    });

    [LabFact, Scenario(2)]
    public Task PodNetworks_MadeByTheBridgePlugin_ReachEachOtherAcrossTheMesh() => Scenario(async () =>
    {
        var hosts = new[] { 2, 3, 4, 5, 6 }.Select(lab.Host).ToList();
        var addresses = await lab.Hosts.OutputsAsync(hosts, _ => PodNamespace("ADD") + "ip netns exec mc-pod ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1\n");
        try
        {
            foreach (var target in hosts.Skip(1))
                await lab.Hosts.OutputAsync(hosts[0], "ip netns exec mc-pod ping -c 2 -W 3 " + addresses[target.Name].Trim() + "\n");
            foreach (var host in hosts)
                Assert.Equal("", (await lab.Hosts.OutputAsync(host, "ip -o link show type vxlan; ip -o link show type ipip\n")).Trim());
        }
        finally
        {
            await lab.Hosts.OutputsAsync(hosts, _ => PodNamespace("DEL"));
        }
    });

    [LabFact, Scenario(3)]
    public Task ApiThroughTheLoadBalancer_OneControlHostStopped_KeepsAnswering() => Scenario(async () =>
    {
        await LabScript.StopAsync(lab.Lab.Id, lab.Host(3));
        try
        {
            using var api = await ApiAsync();
            var state = (await client.Store.LoadAsync(ClusterName, CancellationToken.None))!;
            for (var i = 0; i < 5; i++)
                Assert.NotNull(await api.GetNodeReadinessAsync(NameOf(state, lab.Host(2)), CancellationToken.None));
        }
        finally
        {
            await LabScript.StartAsync(lab.Lab.Id, lab.Host(3));
        }
    });

    [LabFact, Scenario(4)]
    public Task Apply_Unchanged_PlansNothingAndTouchesNothing() => Scenario(async () =>
    {
        var result = await client.ApplyAsync(Spec(lab.Host(5), lab.Host(6), lab.Host(3), lab.Host(4)), null, null, CancellationToken.None);

        Assert.True(result.Plan.IsEmpty, string.Join("\n", result.Plan.Tasks.Select(t => t.Id)));
        Assert.Empty(result.RoundTrips);
    });

    [LabFact, Scenario(5)]
    public Task Apply_ComputeNodeRemoved_DrainsItAndDeletesItsNode() => Scenario(async () =>
    {
        var before = (await client.Store.LoadAsync(ClusterName, CancellationToken.None))!;
        var events = new EventRecorder();

        await client.ApplyAsync(Spec(lab.Host(5), null, lab.Host(3), lab.Host(4)), null, events, CancellationToken.None);

        Assert.Contains(events.Events, e => e.TaskId == "drain" && e.Kind == EngineEventKind.TaskFinished);
        using var api = await ApiAsync();
        Assert.Null(await api.GetNodeReadinessAsync(NameOf(before, lab.Host(6)), CancellationToken.None));
    });

    [LabFact, Scenario(6)]
    public Task Apply_ControlNodeRemoved_LeavesTwoEtcdMembersAndNoNodeObject() => Scenario(async () =>
    {
        var before = (await client.Store.LoadAsync(ClusterName, CancellationToken.None))!;

        await client.ApplyAsync(Spec(lab.Host(5), null, lab.Host(3), null), null, null, CancellationToken.None);

        var members = await lab.Hosts.OutputAsync(lab.Host(2), Etcdctl("member list"));
        Assert.Equal(2, members.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        using var api = await ApiAsync();
        Assert.Null(await api.GetNodeReadinessAsync(NameOf(before, lab.Host(4)), CancellationToken.None));
        Assert.Equal("", (await lab.Hosts.OutputAsync(lab.Host(4), "ls /etc/kubernetes /var/lib/etcd 2>/dev/null || true\n")).Trim());
    });

    private ClusterSpec Spec(LabHost compute1, LabHost? compute2, LabHost control2, LabHost? control3)
    {
        var sources = lab.Sources ?? throw new InvalidOperationException(lab.Missing);
        var topology = new LabTopology
        {
            ClusterName = ClusterName,
            PrivateKeyPath = lab.Lab.KeyPath,
            LoadBalancers = new[] { lab.Host(1) },
            Control = new[] { lab.Host(2), control2, control3 }.OfType<LabHost>().ToList(),
            Compute = new[] { compute1, compute2 }.OfType<LabHost>().ToList(),
        };
        var spec = topology.ToSpec();
        return spec with
        {
            Kubernetes = spec.Kubernetes with { Version = sources.Version, EtcdVersion = sources.EtcdVersion, Sources = sources.Sources },
            Storage = new StorageSpec { LonghornVersion = sources.LonghornVersion },
        };
    }

    private async Task<IKubernetesApi> ApiAsync() =>
        KubernetesClientApi.Connect(new KubernetesApiSetup(await client.GetKubeconfigAsync(ClusterName, CancellationToken.None), KubernetesOptions.Default, NullEngineLog.Instance));

    private async Task<k8s.Kubernetes> RawClientAsync()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(await client.GetKubeconfigAsync(ClusterName, CancellationToken.None)));
        return new k8s.Kubernetes(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(stream));
    }

    private static string NameOf(ClusterState state, LabHost host) => state.Nodes.Single(n => n.PublicAddress == host.Address).Name;

    private static string Etcdctl(string command) =>
        "/usr/local/bin/etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/etcd/pki/ca.crt --cert=/etc/etcd/pki/client.crt --key=/etc/etcd/pki/client.key " + command + "\n";

    /// <summary>A network namespace wired by the node's own CNI configuration through Debian's bridge plugin (ADD), or torn down (DEL).</summary>
    private static string PodNamespace(string command) =>
        (command == "ADD" ? "command -v jq >/dev/null || apt-get install -y -q jq >/dev/null\nip netns add mc-pod\n" : "") +
        "jq '.plugins[0] + {cniVersion: .cniVersion, name: .name}' /etc/cni/net.d/10-multicloud.conflist | " +
        "CNI_COMMAND=" + command + " CNI_CONTAINERID=mc-lab-test CNI_NETNS=/var/run/netns/mc-pod CNI_IFNAME=eth0 CNI_PATH=/usr/lib/cni /usr/lib/cni/bridge >/dev/null\n" +
        (command == "DEL" ? "ip netns del mc-pod\n" : "");

    /// <summary>Runs a scenario unless an earlier one failed (the cluster is then not what this one needs).</summary>
    private async Task Scenario(Func<Task> body)
    {
        if (lab.Sources is null) throw new InvalidOperationException(lab.Missing);
        if (failedScenario != null) throw new InvalidOperationException("an earlier scenario failed: " + failedScenario);
        try
        {
            await body();
        }
        catch (Exception e)
        {
            failedScenario ??= e.Message;
            throw;
        }
    }
}
