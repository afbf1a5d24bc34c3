using MultiCloud.CloudDoubles;
using MultiCloud.CloudDoubles.Aws;
using MultiCloud.CloudDoubles.Azure;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Cloud;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Lab.Tests.Checks;
using MultiCloud.Lab.Tests.Clusters;
using MultiCloud.Lab.Tests.Infrastructure;
using MultiCloud.Providers.Tests;
using MultiCloud.Providers.Tests.Clusters;
using Xunit;
using Xunit.Abstractions;

namespace MultiCloud.Lab.Tests;

/// <summary>
/// The shipped hybrid example (examples/hybrid.yaml) — two Azure subscriptions with different service principals, AWS,
/// an own machine, Hetzner load-balancer nodes and Cloudflare DNS — applied up to the load balancers with every cloud
/// an API double whose VMs are lab hosts. The manifest is the shipped one; only what a user adapts to their own
/// world differs: endpoints and the doubles' CA (settings a real user has too), where secrets are read from, the
/// own machine's address and key, AWS credentials (the example uses the SDK's default chain), the sshAllowedFrom
/// example range (SSH comes from the lab's gateway here), and one machine per pool (two load-balancer nodes) to keep the
/// lab small.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class HybridExampleLabTests
{
    private readonly LabFixture lab;
    private readonly ITestOutputHelper output;

    public HybridExampleLabTests(LabFixture lab, ITestOutputHelper output)
    {
        this.lab = lab;
        this.output = output;
    }

    [LabFact]
    public async Task Apply_ShippedHybridExampleOnTheDoubles_MeshesEveryNodeServesTheApiAndPublishesTheLoadBalancers()
    {
        var folder = lab.NewScratchFolder("hybrid");
        var machines = new LabMachineBackend(lab, folder);
        await using var hybrid = await HybridDoubles.StartAsync(folder, machines);
        var doubles = hybrid.Doubles;
        var onprem = await lab.AddHostAsync();
        var log = new RecordingLog();
        var client = new MultiCloudClient(new MultiCloudClientOptions
        {
            StateDirectory = Path.Combine(folder, "state"),
            Credentials = hybrid.Credentials,
            Log = log,
            Ssh = LabCluster.FastFailingSsh,
            Cloud = new CloudOptions { MachineReadyTimeout = TimeSpan.FromMinutes(3), MachineReadyInterval = TimeSpan.FromSeconds(1) },
            Composition = doubles.Compose(EngineComposition.Default),
        });
        var spec = hybrid.Adapt(client.LoadExample("hybrid").Single(), pool => OnePerPoolWithTheLabAsOwnMachine(pool, onprem, lab.Lab.KeyPath));

        var result = await client.ApplyAsync(spec, new ApplyOptions { Plan = new PlanOptions { Until = ClusterLayer.LoadBalancers } }, null, default);

        var state = result.State!;
        output.WriteLine(string.Join("\n", state.Nodes.Select(n => $"{n.Name} {n.Pool} {n.SshUser}@{n.PublicAddress}")));
        Assert.Equal(new[] { "compute-aws-1", "compute-az-1", "control-az-1", "lb-hetzner-1", "lb-hetzner-2", "onprem-cp1" }, state.Nodes.Select(n => n.Name).Order());
        Assert.All(state.Nodes, node => Assert.True(node.Prepared, node.Name));
        Assert.Equal("multicloud", state.Nodes.Single(n => n.Name == "control-az-1").SshUser);
        var hosts = state.Nodes.Select(n => n.Name == "onprem-cp1" ? onprem : machines.Hosts.Values.Single(h => h.Address == n.PublicAddress)).ToList();
        await MeshChecks.AssertFullMeshPeersAsync(lab.Hosts, hosts);
        await MeshChecks.AssertEveryHostPingsEveryOtherAsync(lab.Hosts, hosts);

        var controlHosts = new[] { hosts[state.Nodes.ToList().FindIndex(n => n.Name == "control-az-1")], onprem };
        var mesh = await MeshChecks.MeshAddressesAsync(lab.Hosts, controlHosts);
        foreach (var host in controlHosts) await HostnameService.InstallAsync(lab.Hosts, host, mesh[host.Name], 6443);
        var lbAddresses = state.Nodes.Where(n => n.Pool == "lb-hetzner").Select(n => n.PublicAddress!).Order().ToList();
        foreach (var address in lbAddresses)
        {
            var answers = await HostnameService.ReadManyAsync(address, 6443, 4, TimeSpan.FromSeconds(15));
            Assert.All(answers, answer => Assert.Contains(answer.HostName, controlHosts.Select(h => h.Name)));
        }

        var records = doubles.Cloudflare.Zones.RecordsOf(DoublesEnvironment.Zone);
        Assert.Equal(lbAddresses, records.Where(r => r.Name == "k8s.example.com").Select(r => r.Content).Order());
        Assert.Equal(lbAddresses, records.Where(r => r.Name == "apps.example.com").Select(r => r.Content).Order());
        var owned = doubles.Ledger.OwnedBy(state.Id!);
        Assert.Equal(new[] { "arm", "cloudflare", "ec2", "hetzner" }, owned.Select(r => r.Api).Distinct().Order());
        Assert.Equal(5, machines.Booted);

        await client.DestroyAsync(spec.Name, null, null, default);

        Assert.Empty(doubles.Ledger.OwnedBy(state.Id!));
        Assert.Empty(machines.Hosts);
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
