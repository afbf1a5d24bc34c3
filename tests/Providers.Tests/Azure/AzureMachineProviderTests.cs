using System.Text;
using MultiCloud.Engine.Providers;
using Xunit;

namespace MultiCloud.Providers.Tests.Azure;

/// <summary>The Azure machine provider through Azure.ResourceManager and Azure.Identity against the ARM and Entra ID doubles.</summary>
public sealed class AzureMachineProviderTests : IAsyncLifetime
{
    internal static readonly ClusterIdentity Cluster = new("hybrid", "c0ffee00-1111-2222-3333-444444444444");
    private const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh0ZXN0a2V5 multicloud";
    private AzureTestCloud cloud = null!;

    public async Task InitializeAsync() => cloud = await AzureTestCloud.StartAsync();

    public async Task DisposeAsync() => await cloud.DisposeAsync();

    internal static NetworkRequest Network(ClusterIdentity cluster, string region = "westeurope", int sshPort = 22, string pool = "control-az") => new()
    {
        Cluster = cluster,
        Region = region,
        SshPublicKey = SshKey,
        Firewalls = new Dictionary<string, IReadOnlyList<FirewallRule>>
        {
            [pool] = new[]
            {
                new FirewallRule(FirewallProtocol.Tcp, sshPort, new[] { "203.0.113.0/24" }, "ssh from the operator"),
                new FirewallRule(FirewallProtocol.Udp, 51820, new[] { "198.51.100.7/32", "198.51.100.8/32" }, "wireguard from the other nodes"),
            },
        },
    };

    internal static MachineRequest Machine(ClusterIdentity cluster, NetworkInfo network, string node = "control-az-1", string? zone = "1") => new()
    {
        Cluster = cluster,
        Pool = "control-az",
        NodeName = node,
        Region = "westeurope",
        Zone = zone,
        ServerType = "Standard_B2s",
        Image = "Canonical:ubuntu-24_04-lts:server:latest",
        DiskSizeGb = 50,
        SshPublicKey = SshKey,
        AdminUser = "multicloud",
        UserData = "#!/bin/sh\necho host-keys-go-here\n",
        Network = network,
    };

    internal static readonly string[] MachineTypes =
    {
        "Microsoft.Compute/disks", "Microsoft.Compute/virtualMachines", "Microsoft.Network/networkInterfaces", "Microsoft.Network/publicIPAddresses",
    };

    [Fact]
    public async Task CreateMachineAsync_NewCluster_MakesTaggedResourcesAndBootsWithTheUserData()
    {
        await using var provider = cloud.Machines();

        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var machine = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);

        Assert.StartsWith("198.51.100.", machine.PublicAddress);
        Assert.Equal("#!/bin/sh\necho host-keys-go-here\n", cloud.Backend.UserData["hybrid-control-az-1"]);
        var owned = cloud.Ledger.OwnedBy(Cluster.Id).Select(r => r.Type).OrderBy(t => t, StringComparer.Ordinal).ToList();
        Assert.Equal(MachineTypes.Concat(new[] { "Microsoft.Network/networkSecurityGroups", "Microsoft.Network/virtualNetworks", "Microsoft.Resources/resourceGroups" })
            .OrderBy(t => t, StringComparer.Ordinal), owned);
        Assert.Equal(owned.Count, cloud.Ledger.Resources.Count);
        Assert.All(cloud.Ledger.OwnedBy(Cluster.Id).Where(r => MachineTypes.Contains(r.Type)), r =>
        {
            Assert.Equal("control-az", r.Tags[ResourceTags.Pool]);
            Assert.Equal("control-az-1", r.Tags[ResourceTags.Node]);
        });
    }

    [Fact]
    public async Task CreateMachineAsync_ZoneDiskSizeAndKey_ReachTheVmAsArmTakesThem()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);

        var machine = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);

        var vm = cloud.Azure.Arm.Get(machine.Resources["vm"])!;
        Assert.Equal("1", vm["zones"]![0]!.ToString());
        Assert.Equal("1", cloud.Azure.Arm.Get(machine.Resources["publicIp"])!["zones"]![0]!.ToString());
        Assert.Equal(50, (int)vm["properties"]!["storageProfile"]!["osDisk"]!["diskSizeGB"]!);
        Assert.Equal("hybrid-control-az-1-disk", vm["properties"]!["storageProfile"]!["osDisk"]!["name"]!.ToString());
        Assert.Equal(SshKey, vm["properties"]!["osProfile"]!["linuxConfiguration"]!["ssh"]!["publicKeys"]![0]!["keyData"]!.ToString());
        Assert.Equal("#!/bin/sh\necho host-keys-go-here\n", Encoding.UTF8.GetString(Convert.FromBase64String(vm["properties"]!["osProfile"]!["customData"]!.ToString())));
        Assert.Equal("Succeeded", vm["properties"]!["provisioningState"]!.ToString());
    }

    [Fact]
    public async Task CreateMachineAsync_Twice_OneVmAndTheSecondCallChangesNothing()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var first = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);
        var callsBefore = cloud.Ledger.Calls.Count;

        var second = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);

        Assert.Equal(first.PublicAddress, second.PublicAddress);
        Assert.Single(cloud.Ledger.Resources, r => r.Type == "Microsoft.Compute/virtualMachines");
        Assert.DoesNotContain(cloud.Ledger.Calls.Skip(callsBefore), c => c.Mutating);
    }

    [Fact]
    public async Task CreateMachineAsync_RunCrashedBeforeTheVm_ReRunFinishesWithoutDuplicates()
    {
        await using (var crashed = cloud.Machines())
        {
            var network = await crashed.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
            cloud.Azure.Failures.FailNext("PUT virtualMachines", CloudDoubles.InjectedFailure.Unauthorized);
            await Assert.ThrowsAsync<CloudException>(() => crashed.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None));
        }
        Assert.DoesNotContain(cloud.Ledger.Resources, r => r.Type == "Microsoft.Compute/virtualMachines");

        await using var rerun = cloud.Machines();
        var again = await rerun.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var machine = await rerun.CreateMachineAsync(Machine(Cluster, again), CancellationToken.None);

        Assert.NotEmpty(machine.PublicAddress);
        foreach (var type in MachineTypes) Assert.Single(cloud.Ledger.Resources, r => r.Type == type);
    }

    [Fact]
    public async Task FindMachinesAsync_MachinesOfTwoClusters_ListsOnlyThisClustersWithAddresses()
    {
        var other = new ClusterIdentity("other", "0ddba11-0000-0000-0000-000000000000");
        await using var provider = cloud.Machines();
        foreach (var cluster in new[] { Cluster, other })
        {
            var network = await provider.EnsureNetworkAsync(Network(cluster), CancellationToken.None);
            await provider.CreateMachineAsync(Machine(cluster, network, "control-az-1"), CancellationToken.None);
        }
        var mine = await provider.CreateMachineAsync(Machine(Cluster, await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None), "control-az-2", zone: null), CancellationToken.None);

        var found = await provider.FindMachinesAsync(Cluster, CancellationToken.None);

        Assert.Equal(new[] { "control-az-1", "control-az-2" }, found.Select(m => m.NodeName));
        Assert.All(found, m => Assert.Equal("control-az", m.Pool));
        Assert.All(found, m => Assert.Equal("westeurope", m.Region));
        Assert.Equal(mine.PublicAddress, found[1].PublicAddress);
    }

    [Fact]
    public async Task DeleteMachineAsync_ThenDeleteNetwork_LeavesNothingOfTheClusterAndRepeatsAsSuccess()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);

        await provider.DeleteMachineAsync(Cluster, "control-az-1", CancellationToken.None);
        await provider.DeleteMachineAsync(Cluster, "control-az-1", CancellationToken.None);
        Assert.DoesNotContain(cloud.Ledger.Resources, r => MachineTypes.Contains(r.Type));
        await provider.DeleteNetworkAsync(Cluster, "westeurope", CancellationToken.None);
        await provider.DeleteNetworkAsync(Cluster, "westeurope", CancellationToken.None);

        Assert.Empty(cloud.Ledger.OwnedBy(Cluster.Id));
        Assert.Empty(cloud.Ledger.Resources);
        Assert.Empty(await provider.FindMachinesAsync(Cluster, CancellationToken.None));
        cloud.AssertNoSecretIn();
    }

    [Fact]
    public async Task DeleteNetworkAsync_MachineLeft_RefusesAndDeletesNothing()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);
        var before = cloud.Ledger.Resources.Count;

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.DeleteNetworkAsync(Cluster, "westeurope", CancellationToken.None));

        Assert.Contains("control-az-1", error.Message);
        Assert.Equal(before, cloud.Ledger.Resources.Count);
    }

    [Fact]
    public async Task EnsureNetworkAsync_RulesChanged_UpdatesTheSecurityGroupInPlace_UnchangedWritesNothing()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var callsBefore = cloud.Ledger.Calls.Count;

        await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        Assert.DoesNotContain(cloud.Ledger.Calls.Skip(callsBefore), c => c.Mutating);
        await provider.EnsureNetworkAsync(Network(Cluster, sshPort: 2222), CancellationToken.None);

        var group = cloud.Azure.Arm.Get(network.Resources["firewall/control-az"])!;
        var ports = group["properties"]!["securityRules"]!.AsArray().Select(r => r!["properties"]!["destinationPortRange"]!.ToString());
        Assert.Equal(new[] { "2222", "51820" }, ports);
        Assert.Single(cloud.Ledger.Resources, r => r.Type == "Microsoft.Network/networkSecurityGroups");
    }

    [Fact]
    public async Task EnsureNetworkAsync_GroupOfAnotherClusterWithTheSameName_NameTakenAndLeftAsItWas()
    {
        var impostor = new ClusterIdentity("hybrid", "feedface-0000-0000-0000-000000000000");
        await using var provider = cloud.Machines();
        await provider.EnsureNetworkAsync(Network(impostor), CancellationToken.None);
        var before = cloud.Ledger.Resources.ToList();

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None));
        var delete = await Assert.ThrowsAsync<CloudException>(() => provider.DeleteNetworkAsync(Cluster, "westeurope", CancellationToken.None));

        Assert.Equal(Engine.ErrorIds.CloudResourceNameTaken, error.ErrorId);
        Assert.Equal(Engine.ErrorIds.CloudResourceNameTaken, delete.ErrorId);
        Assert.Contains("hybrid-westeurope-rg", error.Message);
        Assert.Equal(before, cloud.Ledger.Resources);
    }

    [Fact]
    public async Task CreateMachineAsync_OperationsAnswerInProgressFirst_TheSdkPollsUntilTheyFinish()
    {
        cloud.Azure.Arm.PollsBeforeDone = 2;
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var polls = cloud.Ledger.Calls.Count(c => c.Operation == "GET operations");

        var machine = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);

        Assert.Equal("Succeeded", cloud.Azure.Arm.Get(machine.Resources["vm"])!["properties"]!["provisioningState"]!.ToString());
        Assert.Equal(3 * 3, cloud.Ledger.Calls.Count(c => c.Operation == "GET operations") - polls);
        cloud.AssertNoSecretIn();
    }
}
