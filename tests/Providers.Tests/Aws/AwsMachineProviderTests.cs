using MultiCloud.CloudDoubles.Aws;
using MultiCloud.Engine.Providers;
using Xunit;

namespace MultiCloud.Providers.Tests.Aws;

/// <summary>The AWS machine provider through AWSSDK.EC2 against the EC2 double: what it makes, finds and deletes.</summary>
public sealed class AwsMachineProviderTests : IAsyncLifetime
{
    internal static readonly ClusterIdentity Cluster = new("hybrid", "c0ffee00-1111-2222-3333-444444444444");
    internal const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh0ZXN0a2V5 multicloud";
    internal const string Region = "eu-central-1";
    internal const string Image = "ami-0b7fd829e7758b06d";
    private AwsTestCloud cloud = null!;

    public async Task InitializeAsync() => cloud = await AwsTestCloud.StartAsync();

    public async Task DisposeAsync() => await cloud.DisposeAsync();

    internal static NetworkRequest Network(ClusterIdentity cluster, string region = Region, int sshPort = 22, string pool = "compute-aws") => new()
    {
        Cluster = cluster,
        Region = region,
        SshPublicKey = SshKey,
        Firewalls = new Dictionary<string, IReadOnlyList<FirewallRule>>
        {
            [pool] = new[]
            {
                new FirewallRule(FirewallProtocol.Tcp, sshPort, new[] { "203.0.113.0/24" }, "ssh from the operator"),
                new FirewallRule(FirewallProtocol.Udp, 51820, new[] { "198.51.100.7", "198.51.100.8/32" }, "wireguard from the other nodes"),
            },
        },
    };

    internal static MachineRequest Machine(ClusterIdentity cluster, NetworkInfo network, string node = "compute-aws-1", string? zone = "eu-central-1a", string pool = "compute-aws") => new()
    {
        Cluster = cluster,
        Pool = pool,
        NodeName = node,
        Region = Region,
        Zone = zone,
        ServerType = "m6i.large",
        Image = Image,
        DiskSizeGb = 50,
        SshPublicKey = SshKey,
        AdminUser = "ubuntu",
        UserData = "#!/bin/sh\necho host-keys-go-here\n",
        Network = network,
    };

    internal static readonly string[] NetworkTypes = { "internet-gateway", "key-pair", "route-table", "security-group", "subnet", "vpc" };
    internal static readonly string[] MachineTypes = { "instance", "network-interface", "volume" };

    [Fact]
    public async Task CreateMachineAsync_NewCluster_MakesTaggedResourcesAndBootsWithTheUserData()
    {
        await using var provider = cloud.Machines();

        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var machine = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);

        Assert.StartsWith("198.51.100.", machine.PublicAddress);
        Assert.Equal("#!/bin/sh\necho host-keys-go-here\n", cloud.Backend.UserData["hybrid-compute-aws-1"]);
        var owned = cloud.Ledger.OwnedBy(Cluster.Id).Select(r => r.Type).OrderBy(t => t, StringComparer.Ordinal).ToList();
        Assert.Equal(NetworkTypes.Concat(MachineTypes).OrderBy(t => t, StringComparer.Ordinal), owned);
        Assert.Equal(owned.Count, cloud.Ledger.Resources.Count);
        Assert.All(cloud.Ledger.OwnedBy(Cluster.Id).Where(r => MachineTypes.Contains(r.Type)), r =>
        {
            Assert.Equal("compute-aws", r.Tags[ResourceTags.Pool]);
            Assert.Equal("compute-aws-1", r.Tags[ResourceTags.Node]);
        });
        Assert.Equal(new[] { "eip", "instance", "networkInterface", "volume" }.Where(k => k != "eip"), machine.Resources.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateMachineAsync_Request_ReachesEc2AsItTakesIt()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);

        var machine = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);

        var instance = Assert.Single(cloud.LiveInstances());
        Assert.Equal(machine.Resources["instance"], instance.Id);
        Assert.Equal("running", instance.State);
        Assert.Equal(("m6i.large", Image, "eu-central-1a", "hybrid-eu-central-1-key"), (instance.InstanceType, instance.ImageId, instance.Zone, instance.KeyName));
        Assert.Equal("required", instance.HttpTokens);
        Assert.Equal(new[] { network.Resources["firewall/compute-aws"] }, instance.SecurityGroups);
        Assert.Equal(50, cloud.Aws.Ec2.Resources.OfType<Ec2Volume>().Single(v => v.Id == machine.Resources["volume"]).SizeGb);
        Assert.StartsWith("mc-", instance.ClientToken);
        Assert.Equal("hybrid-compute-aws-1", instance.Tags["Name"]);
    }

    [Fact]
    public async Task CreateMachineAsync_Twice_OneInstanceAndTheSecondCallChangesNothing()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var first = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);
        var callsBefore = cloud.Ledger.Calls.Count;

        var second = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);

        Assert.Equal(first.PublicAddress, second.PublicAddress);
        Assert.Single(cloud.LiveInstances());
        Assert.DoesNotContain(cloud.Ledger.Calls.Skip(callsBefore), c => c.Mutating);
    }

    [Fact]
    public async Task DeleteMachineAsync_ThenDeleteNetwork_LeavesNothingOfTheClusterAndRepeatsAsSuccess()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);

        await provider.DeleteMachineAsync(Cluster, "compute-aws-1", CancellationToken.None);
        await provider.DeleteMachineAsync(Cluster, "compute-aws-1", CancellationToken.None);
        Assert.DoesNotContain(cloud.Ledger.Resources, r => MachineTypes.Contains(r.Type));
        Assert.Empty(cloud.LiveInstances());
        await provider.DeleteNetworkAsync(Cluster, Region, CancellationToken.None);
        await provider.DeleteNetworkAsync(Cluster, Region, CancellationToken.None);

        Assert.Empty(cloud.Ledger.OwnedBy(Cluster.Id));
        Assert.Empty(cloud.Ledger.Resources);
        Assert.Empty(await provider.FindMachinesAsync(Cluster, CancellationToken.None));
        cloud.AssertNoSecretIn();
    }

    [Fact]
    public async Task DeleteNetworkAsync_MachineLeft_RefusesNamingItAndDeletesNothing()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);
        var before = cloud.Ledger.Resources.Count;

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.DeleteNetworkAsync(Cluster, Region, CancellationToken.None));

        Assert.Contains("compute-aws-1", error.Message);
        Assert.Equal(before, cloud.Ledger.Resources.Count);
    }

    [Fact]
    public async Task FindMachinesAsync_MachinesOfTwoClustersAndRegions_ListsOnlyThisClustersWithAddresses()
    {
        var other = new ClusterIdentity("other", "0ddba11-0000-0000-0000-000000000000");
        await using var provider = cloud.Machines();
        foreach (var cluster in new[] { Cluster, other })
        {
            var network = await provider.EnsureNetworkAsync(Network(cluster), CancellationToken.None);
            await provider.CreateMachineAsync(Machine(cluster, network), CancellationToken.None);
        }
        var mine = await provider.CreateMachineAsync(Machine(Cluster, await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None), "compute-aws-2", zone: null), CancellationToken.None);

        await using var fresh = cloud.Machines();
        var found = await fresh.FindMachinesAsync(Cluster, CancellationToken.None);

        Assert.Equal(new[] { "compute-aws-1", "compute-aws-2" }, found.Select(m => m.NodeName));
        Assert.All(found, m => Assert.Equal(("compute-aws", Region), (m.Pool, m.Region)));
        Assert.Equal(mine.PublicAddress, found[1].PublicAddress);
        Assert.Contains(cloud.Ledger.Calls, c => c.Operation == "DescribeRegions");
    }

    [Fact]
    public async Task EnsureNetworkAsync_RulesChanged_RevokesAndAuthorizesOnlyTheDifference_UnchangedWritesNothing()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var callsBefore = cloud.Ledger.Calls.Count;

        await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        Assert.DoesNotContain(cloud.Ledger.Calls.Skip(callsBefore), c => c.Mutating);
        await provider.EnsureNetworkAsync(Network(Cluster, sshPort: 2222), CancellationToken.None);

        var group = cloud.Aws.Ec2.Resources.OfType<Ec2SecurityGroup>().Single(g => g.Id == network.Resources["firewall/compute-aws"]);
        Assert.Equal(new[] { ("tcp", 2222, "203.0.113.0/24"), ("udp", 51820, "198.51.100.7/32"), ("udp", 51820, "198.51.100.8/32") },
            group.Ingress.Select(p => (p.Protocol, p.FromPort, p.Cidr)).OrderBy(p => p.Item2).ThenBy(p => p.Cidr, StringComparer.Ordinal));
        var writes = cloud.Ledger.Calls.Skip(callsBefore).Where(c => c.Mutating).Select(c => c.Operation).ToList();
        Assert.Equal(new[] { "RevokeSecurityGroupIngress", "AuthorizeSecurityGroupIngress" }, writes);
    }

    [Fact]
    public async Task EnsureNetworkAsync_KeyPairOfAnotherClusterWithTheSameName_NameTakenAndNothingMade()
    {
        var impostor = new ClusterIdentity("hybrid", "feedface-0000-0000-0000-000000000000");
        await using var provider = cloud.Machines();
        await provider.EnsureNetworkAsync(Network(impostor), CancellationToken.None);
        var before = cloud.Ledger.Resources.ToList();

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None));
        await provider.DeleteNetworkAsync(Cluster, Region, CancellationToken.None);

        Assert.Equal(Engine.ErrorIds.CloudResourceNameTaken, error.ErrorId);
        Assert.Contains("hybrid-eu-central-1-key", error.Message);
        Assert.Equal(before, cloud.Ledger.Resources);
    }

    [Fact]
    public async Task CreateMachineAsync_PoolWithElasticIps_AddressIsTheEipAndDeleteReleasesIt()
    {
        var spec = cloud.Spec(extra: new Dictionary<string, string> { ["elasticIpPools"] = "lb-aws" });
        await using var provider = cloud.Machines(spec);
        var network = await provider.EnsureNetworkAsync(Network(Cluster, pool: "lb-aws"), CancellationToken.None);

        var machine = await provider.CreateMachineAsync(Machine(Cluster, network, "lb-aws-1", pool: "lb-aws"), CancellationToken.None);
        var again = await provider.CreateMachineAsync(Machine(Cluster, network, "lb-aws-1", pool: "lb-aws"), CancellationToken.None);

        var address = Assert.Single(cloud.Aws.Ec2.Resources.OfType<Ec2Address>());
        Assert.Equal((address.PublicIp, address.Id), (machine.PublicAddress, machine.Resources["eip"]));
        Assert.Equal(machine.PublicAddress, again.PublicAddress);
        Assert.Equal(machine.Resources["instance"], address.InstanceId);
        Assert.Equal("lb-aws-1", address.Tags[ResourceTags.Node]);
        Assert.Equal(machine.PublicAddress, (await provider.FindMachinesAsync(Cluster, CancellationToken.None)).Single().PublicAddress);

        await provider.DeleteMachineAsync(Cluster, "lb-aws-1", CancellationToken.None);
        Assert.Empty(cloud.Aws.Ec2.Resources.OfType<Ec2Address>());
    }

    [Fact]
    public async Task CreateMachineAsync_InstanceFoundStopped_StartsItInsteadOfMakingAnother()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var first = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);
        cloud.Aws.Ec2.Stop(first.Resources["instance"]);

        var again = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);

        Assert.Equal(first.Resources["instance"], again.Resources["instance"]);
        Assert.Equal("running", Assert.Single(cloud.LiveInstances()).State);
        Assert.Single(cloud.Ledger.Calls, c => c.Operation == "StartInstances");
    }
}
