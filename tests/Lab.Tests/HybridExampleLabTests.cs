using k8s;
using MultiCloud.CloudDoubles;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Cloud;
using MultiCloud.Engine.Kubernetes;
using MultiCloud.Engine.Kubernetes.Api;
using MultiCloud.Engine.Model;
using MultiCloud.Lab.Tests.Checks;
using MultiCloud.Lab.Tests.Clusters;
using MultiCloud.Lab.Tests.Infrastructure;
using MultiCloud.Lab.Tests.Kubernetes;
using MultiCloud.Providers.Tests;
using MultiCloud.Providers.Tests.Clusters;
using Xunit;
using Xunit.Abstractions;

namespace MultiCloud.Lab.Tests;

/// <summary>
/// The shipped hybrid example (examples/hybrid.yaml) — two Azure subscriptions with different service principals, AWS,
/// an own machine, Hetzner load-balancer nodes and Cloudflare DNS — applied through every layer, Kubernetes and
/// Longhorn included, with every cloud an API double whose VMs are lab hosts, then destroyed. The manifest is the
/// shipped one; only what a user adapts to their own world differs: endpoints and the doubles' CA (settings a real
/// user has too), where secrets are read from, AWS credentials (the example uses the SDK's default chain), the
/// sshAllowedFrom example range (SSH comes from the lab's gateway here), the own machine's address and key, one
/// machine per pool (two load-balancer nodes, as shipped) to keep the lab small, and `kubernetes.sources` pointing at
/// the lab's package repository (a mirror, as an air-gapped site has) with the `version` that mirror serves (v1.32.3
/// for the example's v1.31.4). Outside the manifest, the example's DNS names resolve as public DNS would resolve them:
/// through the Cloudflare double's zone, served on the lab's gateway (<see cref="LabPublicDns"/>) — the nodes list it
/// as their resolver, and this process asks it for the engine's API connection and for the checks.
/// </summary>
[Collection(LabCollection.Name)]
public sealed partial class HybridExampleLabTests
{
    private const string ApiName = "k8s.example.com";
    private readonly LabFixture lab;
    private readonly ITestOutputHelper output;

    public HybridExampleLabTests(LabFixture lab, ITestOutputHelper output)
    {
        this.lab = lab;
        this.output = output;
    }

    [LabFact]
    public async Task Apply_ShippedHybridExampleOnTheDoubles_KubernetesOnEveryNodeServedThroughTheLoadBalancersAndTheirDnsName()
    {
        var (sources, missing) = KubernetesLabSources.From(await LabScript.ShowAsync(lab.Id));
        if (sources is null) throw new InvalidOperationException(missing);
        var folder = lab.NewScratchFolder("hybrid");
        LabPublicDns? dns = null;
        var machines = new LabMachineBackend(lab, folder, host => dns!.UseOnAsync(lab.Hosts, host));
        await using var hybrid = await HybridDoubles.StartAsync(folder, machines);
        await using var publicDns = dns = LabPublicDns.Start(hybrid.Doubles.Cloudflare, lab.Lab, DoublesEnvironment.Zone);
        var doubles = hybrid.Doubles;
        var onprem = await lab.AddHostAsync();
        await dns.UseOnAsync(lab.Hosts, onprem);
        var log = new RecordingLog();
        var client = new MultiCloudClient(new MultiCloudClientOptions
        {
            StateDirectory = Path.Combine(folder, "state"),
            Credentials = hybrid.Credentials,
            Log = log,
            Ssh = LabCluster.FastFailingSsh,
            Cloud = new CloudOptions { MachineReadyTimeout = TimeSpan.FromMinutes(3), MachineReadyInterval = TimeSpan.FromSeconds(1) },
            Composition = doubles.Compose(EngineComposition.Default) with { KubernetesApi = setup => new KubernetesClientApi(setup, dns.ResolveThroughTheZone) },
        });
        var adapted = hybrid.Adapt(client.LoadExample("hybrid").Single(), pool => OnePerPoolWithTheLabAsOwnMachine(pool, onprem, lab.Lab.KeyPath));
        var spec = adapted with { Kubernetes = adapted.Kubernetes with { Version = sources.Version, Sources = sources.Sources } };

        var result = await client.ApplyAsync(spec, null, null, default);

        var state = result.State!;
        output.WriteLine(string.Join("\n", state.Nodes.Select(n => $"{n.Name} {n.Pool} {n.SshUser}@{n.PublicAddress}")));
        Assert.Equal(new[] { "compute-aws-1", "compute-az-1", "control-az-1", "lb-hetzner-1", "lb-hetzner-2", "onprem-cp1" }, state.Nodes.Select(n => n.Name).Order());
        Assert.All(state.Nodes, node => Assert.True(node.Prepared, node.Name));
        Assert.All(state.Nodes.Where(n => n.Role != NodeRole.LoadBalancer), node => Assert.True(node.Joined, node.Name));
        Assert.Equal("multicloud", state.Nodes.Single(n => n.Name == "control-az-1").SshUser);
        var hosts = state.Nodes.Select(n => n.Name == "onprem-cp1" ? onprem : machines.Hosts.Values.Single(h => h.Address == n.PublicAddress)).ToList();
        await MeshChecks.AssertFullMeshPeersAsync(lab.Hosts, hosts);
        await MeshChecks.AssertEveryHostPingsEveryOtherAsync(lab.Hosts, hosts);

        var lbAddresses = state.Nodes.Where(n => n.Pool == "lb-hetzner").Select(n => n.PublicAddress!).Order().ToList();
        var records = doubles.Cloudflare.Zones.RecordsOf(DoublesEnvironment.Zone);
        Assert.Equal(lbAddresses, records.Where(r => r.Name == ApiName).Select(r => r.Content).Order());
        Assert.Equal(lbAddresses, records.Where(r => r.Name == "apps.example.com").Select(r => r.Content).Order());
        Assert.Equal(lbAddresses, (await dns.ResolveAsync(ApiName)).Select(a => a.ToString()).Order());

        var kubeconfig = await client.GetKubeconfigAsync(spec.Name, default);
        Assert.Contains("server: https://" + ApiName + ":6443", kubeconfig);
        Assert.DoesNotContain("insecure-skip-tls-verify", kubeconfig);
        using (var byName = ApiClient(kubeconfig, dns))
        {
            await AssertEveryKubernetesNodeReadyWithItsCloudsMetadataAsync(byName);
            await AssertOneStorageClassPinnedToEachComputeZoneAsync(byName);
        }
        foreach (var address in lbAddresses)
        {
            using var byAddress = ApiClient(Kubeconfigs.WithServer(kubeconfig, "https://" + address + ":6443"), null);
            Assert.Equal(4, (await byAddress.CoreV1.ListNodeAsync()).Items.Count);
        }
        Assert.Equal(4, (await KubectlOnAsync(onprem, kubeconfig, "get nodes -o name")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var owned = doubles.Ledger.OwnedBy(state.Id!);
        Assert.Equal(new[] { "arm", "cloudflare", "ec2", "hetzner" }, owned.Select(r => r.Api).Distinct().Order());
        Assert.Equal(5, machines.Booted);

        await client.DestroyAsync(spec.Name, null, null, default);

        Assert.Empty(doubles.Ledger.OwnedBy(state.Id!));
        Assert.Empty(machines.Hosts);
        Assert.Equal("released", (await lab.Hosts.OutputAsync(onprem,
            "if [ -e /etc/kubernetes/kubelet.conf ] || [ -d /var/lib/etcd/member ] || ip link show wg0 >/dev/null 2>&1; then echo kept; else echo released; fi\n")).Trim());
        Assert.DoesNotContain(log.Lines, line => hybrid.SecretValues.Any(secret => line.Contains(secret, StringComparison.Ordinal)));
    }

    /// <summary>One machine per pool (two load-balancer nodes, as shipped) and the lab host as the own machine.</summary>
    private static NodePoolSpec OnePerPoolWithTheLabAsOwnMachine(NodePoolSpec shipped, LabHost onprem, string labKey) => shipped switch
    {
        DynamicNodePoolSpec dynamic when dynamic.Name == "lb-hetzner" => dynamic,
        DynamicNodePoolSpec dynamic => dynamic with { Count = 1, Autoscaler = null },
        StaticNodePoolSpec own => own with
        {
            Nodes = own.Nodes.Select(node => node with
            {
                Endpoint = onprem.Address,
                User = "root",
                PrivateKey = new CredentialRef(CredentialSource.File, labKey),
                HostKeyFingerprint = null,
            }).ToList(),
        },
        _ => shipped,
    };
}
