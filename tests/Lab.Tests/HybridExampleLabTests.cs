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
    private static readonly string[] Subscriptions = { "11111111-2222-3333-4444-555555555555", "66666666-7777-8888-9999-000000000000" };
    private const string Tenant = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private static readonly string[] Clients = { "99999999-8888-7777-6666-555555555555", "12121212-3434-5656-7878-909090909090" };

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
        await using var doubles = await DoublesEnvironment.StartAsync(Path.Combine(folder, "ca"), machines);
        using var authority = new TestCertificateAuthority(Path.Combine(folder, "ca-azure-aws"));
        await using var azure = await AzureCloudDouble.StartAsync(authority, doubles.Ledger, machines);
        await using var aws = await AwsCloudDouble.StartAsync(authority, doubles.Ledger, machines);
        var secrets = new Dictionary<string, string>
        {
            ["AZURE_WEU_CLIENT_SECRET"] = "weu-Secret~0123456789abcdefghij",
            ["azure-neu-client-secret"] = "neu-Secret~9876543210zyxwvutsrq",
            ["AWS_LAB_ACCESS_KEY"] = "AKIAMULTICLOUDLAB001",
            ["AWS_LAB_SECRET_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYLABSECRET1",
            ["~/.config/hcloud/token"] = DoublesEnvironment.HetznerToken,
            ["CLOUDFLARE_API_TOKEN"] = DoublesEnvironment.CloudflareToken,
        };
        azure.AddSubscription(Subscriptions[0], Tenant, Clients[0], secrets["AZURE_WEU_CLIENT_SECRET"]);
        azure.AddSubscription(Subscriptions[1], Tenant, Clients[1], secrets["azure-neu-client-secret"]);
        aws.AddAccessKey(secrets["AWS_LAB_ACCESS_KEY"], secrets["AWS_LAB_SECRET_KEY"]);
        var onprem = await lab.AddHostAsync();
        var log = new RecordingLog();
        var client = new MultiCloudClient(new MultiCloudClientOptions
        {
            StateDirectory = Path.Combine(folder, "state"),
            Credentials = new MemoryCredentials(secrets),
            Log = log,
            Ssh = LabCluster.FastFailingSsh,
            Cloud = new CloudOptions { MachineReadyTimeout = TimeSpan.FromMinutes(3), MachineReadyInterval = TimeSpan.FromSeconds(1) },
            Composition = doubles.Compose(EngineComposition.Default),
        });
        var spec = Adapt(client.LoadExample("hybrid").Single(), doubles, azure, aws, onprem, lab.Lab.KeyPath);

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
        Assert.DoesNotContain(log.Lines, line => secrets.Values.Any(secret => line.Contains(secret, StringComparison.Ordinal)));
    }

    /// <summary>The shipped example with what a user adapts to their world (see the class summary); its pools, roles and DNS stay as shipped.</summary>
    private static ClusterSpec Adapt(ClusterSpec example, DoublesEnvironment doubles, AzureCloudDouble azure, AwsCloudDouble aws, LabHost onprem, string labKey)
    {
        ProviderSpec Provider(ProviderSpec shipped) => shipped.Name switch
        {
            "azure-weu" => shipped with { Settings = Merge(shipped.Settings, azure.ProviderSettings(Subscriptions[0], Tenant, Clients[0])) },
            "azure-neu" => shipped with { Settings = Merge(shipped.Settings, azure.ProviderSettings(Subscriptions[1], Tenant, Clients[1])) },
            "aws-main" => shipped with
            {
                Settings = Merge(shipped.Settings, aws.ProviderSettings()),
                Credentials = new Dictionary<string, CredentialRef>
                {
                    ["accessKey"] = new(CredentialSource.Env, "AWS_LAB_ACCESS_KEY"),
                    ["secretKey"] = new(CredentialSource.Env, "AWS_LAB_SECRET_KEY"),
                },
            },
            "hetzner-lb" => shipped with { Settings = Merge(shipped.Settings.Where(s => s.Key != "sshAllowedFrom").ToDictionary(s => s.Key, s => s.Value), doubles.HetznerProvider().Settings) },
            "cloudflare-main" => shipped with { Settings = Merge(shipped.Settings, doubles.CloudflareProvider().Settings) },
            _ => shipped,
        };
        NodePoolSpec Pool(NodePoolSpec shipped) => shipped switch
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
        return example with { Providers = example.Providers.Select(Provider).ToList(), NodePools = example.NodePools.Select(Pool).ToList() };
    }

    private static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> shipped, IReadOnlyDictionary<string, string> adapted)
    {
        var merged = new Dictionary<string, string>(shipped);
        foreach (var (key, value) in adapted) merged[key] = value;
        return merged;
    }
}
