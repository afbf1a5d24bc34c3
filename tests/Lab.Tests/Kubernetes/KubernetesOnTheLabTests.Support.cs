using MultiCloud.Engine.Client;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Kubernetes.Api;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;
using MultiCloud.Lab.Tests.Clusters;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.Lab.Tests.Kubernetes;

/// <summary>The cluster the scenarios share, and the checks they make on the hosts and through the API.</summary>
public sealed partial class KubernetesOnTheLabTests
{
    private const string ClusterName = "k8slab";
    private static readonly Members Full = new(new[] { 2, 3, 4 }, new[] { 5, 6 });
    private static string? failedScenario;
    private readonly KubernetesLabFixture lab;
    private readonly MultiCloudClient client;

    public KubernetesOnTheLabTests(KubernetesLabFixture lab)
    {
        this.lab = lab;
        client = ClientWith(KubernetesOptions.Default);
    }

    /// <summary>Lab host numbers of the control and compute pools (h1 is always the load balancer).</summary>
    private sealed record Members(IReadOnlyList<int> Control, IReadOnlyList<int> Compute);

    private MultiCloudClient ClientWith(KubernetesOptions kubernetes) =>
        new(new MultiCloudClientOptions { StateDirectory = lab.StateDirectory, Ssh = LabCluster.FastFailingSsh, Kubernetes = kubernetes });

    /// <summary>The cluster with the lab's package repository as its sources, as a user with a mirror writes it.</summary>
    private ClusterSpec Spec(Members members)
    {
        var sources = lab.Sources ?? throw new InvalidOperationException(lab.Missing);
        var spec = new LabTopology
        {
            ClusterName = ClusterName,
            PrivateKeyPath = lab.Lab.KeyPath,
            LoadBalancers = new[] { lab.Host(1) },
            Control = members.Control.Select(lab.Host).ToList(),
            Compute = members.Compute.Select(lab.Host).ToList(),
        }.ToSpec();
        return spec with
        {
            Kubernetes = spec.Kubernetes with { Version = sources.Version, Sources = sources.Sources },
        };
    }

    private async Task<ClusterState> StateAsync() =>
        await client.Store.LoadAsync(ClusterName, CancellationToken.None) ?? throw new InvalidOperationException("no state for " + ClusterName);

    private async Task<IKubernetesApi> ApiAsync() =>
        KubernetesClientApi.Connect(new KubernetesApiSetup(await client.GetKubeconfigAsync(ClusterName, CancellationToken.None), KubernetesOptions.Default, NullEngineLog.Instance));

    private async Task<k8s.Kubernetes> RawClientAsync()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(await client.GetKubeconfigAsync(ClusterName, CancellationToken.None)));
        return new k8s.Kubernetes(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(stream));
    }

    /// <summary>
    /// Debian's kubectl (installed on the compute host h5 from the lab repository) with the admin kubeconfig the engine
    /// hands out: its server is the load balancer, and the cluster CA in it is verified. The file goes when it is done.
    /// </summary>
    private async Task<string> KubectlThroughTheLoadBalancerAsync(string arguments)
    {
        var kubeconfig = await client.GetKubeconfigAsync(ClusterName, CancellationToken.None);
        Assert.Contains("server: https://" + lab.Host(1).Address + ":6443", kubeconfig);
        Assert.DoesNotContain("insecure-skip-tls-verify", kubeconfig);
        return await lab.Hosts.OutputAsync(lab.Host(5),
            "umask 077\nf=$(mktemp)\ntrap 'rm -f \"$f\"' EXIT\ncat >\"$f\" <<'LAB_EOF'\n" + kubeconfig.TrimEnd('\n') + "\nLAB_EOF\nkubectl --kubeconfig \"$f\" " + arguments + "\n");
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
