using MultiCloud.CloudDoubles;
using MultiCloud.Engine;
using MultiCloud.Engine.Providers;
using Xunit;

namespace MultiCloud.Providers.Tests.Hetzner;

/// <summary>The Hetzner provider through its real REST client against the Hetzner API double.</summary>
public sealed class HetznerMachineProviderTests : IAsyncLifetime
{
    private static readonly ClusterIdentity Cluster = new("lab", "0123456789abcdef01234567");
    private static readonly ClusterIdentity OtherCluster = new("lab", "fedcba9876543210fedcba98");
    private HetznerFixture fixture = null!;
    private IMachineProvider provider = null!;

    public async Task InitializeAsync()
    {
        fixture = await HetznerFixture.StartAsync();
        provider = fixture.Provider();
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await fixture.DisposeAsync();
    }

    private static NetworkRequest Network(ClusterIdentity cluster, params (string Pool, int[] Ports)[] pools) => new()
    {
        Cluster = cluster,
        Region = "fsn1",
        SshPublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ1bGxzaGl0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0 multicloud",
        Firewalls = pools.ToDictionary(p => p.Pool, p => (IReadOnlyList<FirewallRule>)p.Ports
            .Select(port => new FirewallRule(FirewallProtocol.Tcp, port, new[] { "10.0.0.0/8" }, "test")).ToList()),
    };

    private static MachineRequest Machine(ClusterIdentity cluster, NetworkInfo network, string node, string serverType = "cx22", string region = "fsn1", string image = "ubuntu-24.04") => new()
    {
        Cluster = cluster,
        Pool = "lb",
        NodeName = node,
        Region = region,
        ServerType = serverType,
        Image = image,
        SshPublicKey = "ssh-ed25519 AAAA test",
        UserData = "#!/bin/sh\necho user data of " + node + "\n",
        Network = network,
    };

    private IReadOnlyList<LedgerEntry> Owned(string type) => fixture.Ledger.OwnedBy(Cluster.Id).Where(r => r.Type == type).ToList();

    [Fact]
    public async Task EnsureNetwork_Twice_MakesOneKeyAndOneFirewallPerPoolAndUpdatesRulesInPlace()
    {
        var first = await provider.EnsureNetworkAsync(Network(Cluster, ("lb", new[] { 22 }), ("control", new[] { 22 })), default);
        var second = await provider.EnsureNetworkAsync(Network(Cluster, ("lb", new[] { 22, 6443 }), ("control", new[] { 22 })), default);

        Assert.Equal(first.Resources, second.Resources);
        Assert.Single(fixture.Ledger.Resources, r => r.Type == "ssh_key");
        Assert.Equal(2, Owned("firewall").Count);
        var lb = fixture.Double.Project.Firewalls.Single(f => f.Name == "lab-lb-fw");
        Assert.Equal(new[] { "22", "6443" }, lb.Rules.Select(r => r!["port"]!.GetValue<string>()));
        Assert.Contains(fixture.Ledger.Calls, c => c.Operation == "POST /firewalls/actions/set_rules");
    }

    [Fact]
    public async Task CreateMachine_Twice_ReturnsTheSameServerWithTheUserDataAndLabels()
    {
        var network = await provider.EnsureNetworkAsync(Network(Cluster, ("lb", new[] { 22 })), default);

        var first = await provider.CreateMachineAsync(Machine(Cluster, network, "lb-1"), default);
        var again = await provider.CreateMachineAsync(Machine(Cluster, network, "lb-1"), default);

        Assert.Equal(first, again with { Resources = first.Resources });
        Assert.Equal(first.Resources, again.Resources);
        var server = Assert.Single(fixture.Double.Project.Servers);
        Assert.Equal("lab-lb-1", server.Name);
        Assert.Equal("#!/bin/sh\necho user data of lb-1\n", server.UserData);
        Assert.Equal(Cluster.Id, server.Labels[ResourceTags.ClusterId]);
        Assert.Equal(("lb-1", "lb", "fsn1"), (first.NodeName, first.Pool, first.Region));
        Assert.Equal(fixture.Backend.UserData["lab-lb-1"], server.UserData);
    }

    [Fact]
    public async Task CreateMachine_NameTakenByAnotherCluster_RefusesAndLeavesItAlone()
    {
        await using var other = fixture.Provider();
        var otherNetwork = await other.EnsureNetworkAsync(Network(OtherCluster, ("lb", new[] { 22 })) with { SshPublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG90aGVyLWNsdXN0ZXJzLWtleS1mb3ItdGVzdHMtb25seTEy other" }, default);
        await other.CreateMachineAsync(Machine(OtherCluster, otherNetwork, "lb-1"), default);

        var error = await Assert.ThrowsAsync<CloudException>(async () =>
            await provider.CreateMachineAsync(Machine(Cluster, otherNetwork, "lb-1"), default));
        await provider.DeleteMachineAsync(Cluster, "lb-1", default);

        Assert.Equal(ErrorIds.CloudResourceNameTaken, error.ErrorId);
        Assert.Contains("lab-lb-1", error.Message);
        Assert.Single(fixture.Double.Project.Servers);
        Assert.Empty(await provider.FindMachinesAsync(Cluster, default));
    }

    [Fact]
    public async Task CreateMachine_ThrottledTwice_RetriesAndSucceeds()
    {
        var network = await provider.EnsureNetworkAsync(Network(Cluster, ("lb", new[] { 22 })), default);
        fixture.Failures.FailNext("POST /servers", InjectedFailure.Throttled, 2);

        var machine = await provider.CreateMachineAsync(Machine(Cluster, network, "lb-1"), default);

        Assert.NotEmpty(machine.PublicAddress);
        Assert.Equal(new[] { 429, 429, 201 }, fixture.Ledger.Calls.Where(c => c.Operation == "POST /servers").Select(c => c.Status));
        Assert.Single(fixture.Double.Project.Servers);
    }

    [Fact]
    public async Task CreateMachine_ThrottledLongerThanTheRetries_FailsCloudThrottled()
    {
        var network = await provider.EnsureNetworkAsync(Network(Cluster, ("lb", new[] { 22 })), default);
        fixture.Failures.FailNext("POST /servers", InjectedFailure.Throttled, 10);

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.CreateMachineAsync(Machine(Cluster, network, "lb-1"), default));

        Assert.Equal((ErrorIds.CloudThrottled, 429, "rate_limit_exceeded"), (error.ErrorId, error.StatusCode, error.CloudCode));
        Assert.NotNull(error.RequestId);
        Assert.Empty(fixture.Double.Project.Servers);
    }

    [Fact]
    public async Task CreateMachine_QuotaExceeded_FailsCloudQuotaExceededWithoutRetryingOrCreating()
    {
        var network = await provider.EnsureNetworkAsync(Network(Cluster, ("lb", new[] { 22 })), default);
        fixture.Failures.FailNext("POST /servers", InjectedFailure.QuotaExceeded);

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.CreateMachineAsync(Machine(Cluster, network, "lb-1"), default));

        Assert.Equal(ErrorIds.CloudQuotaExceeded, error.ErrorId);
        Assert.Contains("server limit exceeded", error.Message);
        Assert.Single(fixture.Ledger.Calls, c => c.Operation == "POST /servers");
        Assert.Empty(fixture.Double.Project.Servers);
    }

    [Fact]
    public async Task EnsureNetwork_WrongToken_FailsCloudAuthenticationFailedAndCreatesNothing()
    {
        await using var wrong = fixture.Provider(token: "wrong");

        var error = await Assert.ThrowsAsync<CloudException>(() => wrong.EnsureNetworkAsync(Network(Cluster, ("lb", new[] { 22 })), default));

        Assert.Equal((ErrorIds.CloudAuthenticationFailed, ErrorKind.PermissionDenied, 401), (error.ErrorId, error.Kind, error.StatusCode));
        Assert.Contains("credentials.token", error.Message);
        Assert.Empty(fixture.Ledger.Resources);
        Assert.DoesNotContain("wrong-token-value", error.Message);
    }

    [Theory]
    [InlineData("cx999", "fsn1", "ubuntu-24.04", "server type 'cx999'", "serverType")]
    [InlineData("cx22", "ams9", "ubuntu-24.04", "location 'ams9'", "region")]
    [InlineData("cx22", "fsn1", "ubuntu-99.04", "image 'ubuntu-99.04'", "image")]
    public async Task CreateMachine_UnknownServerTypeLocationOrImage_FailsCloudNotFoundNamingTheField(string serverType, string region, string image, string what, string field)
    {
        var network = await provider.EnsureNetworkAsync(Network(Cluster, ("lb", new[] { 22 })), default);

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.CreateMachineAsync(Machine(Cluster, network, "lb-1", serverType, region, image), default));

        Assert.Equal(ErrorIds.CloudNotFound, error.ErrorId);
        Assert.Contains(what + " does not exist", error.Message);
        Assert.Contains("field " + field + " of node pool lb", error.Message);
        Assert.Empty(fixture.Double.Project.Servers);
    }

    [Fact]
    public async Task FindMachines_ManyServers_PagesThroughAllOfThisClustersOnly()
    {
        var network = await provider.EnsureNetworkAsync(Network(Cluster, ("lb", new[] { 22 })), default);
        foreach (var i in Enumerable.Range(1, 55)) await provider.CreateMachineAsync(Machine(Cluster, network, "lb-" + i), default);
        await using var other = fixture.Provider();
        await other.CreateMachineAsync(Machine(OtherCluster, network, "x-1"), default);

        var found = await provider.FindMachinesAsync(Cluster, default);

        Assert.Equal(55, found.Count);
        Assert.All(found, machine => Assert.Equal("lb", machine.Pool));
        Assert.True(fixture.Ledger.Calls.Count(c => c.Operation == "GET /servers") >= 2);
    }

    [Fact]
    public async Task DeleteMachineThenNetwork_EverythingOfTheCluster_LeavesNothingAndAbsentIsSuccess()
    {
        var network = await provider.EnsureNetworkAsync(Network(Cluster, ("lb", new[] { 22 })), default);
        await provider.CreateMachineAsync(Machine(Cluster, network, "lb-1"), default);

        await provider.DeleteMachineAsync(Cluster, "lb-1", default);
        await provider.DeleteMachineAsync(Cluster, "lb-1", default);
        await provider.DeleteNetworkAsync(Cluster, "fsn1", default);
        await provider.DeleteNetworkAsync(Cluster, "fsn1", default);

        Assert.Empty(fixture.Ledger.Resources);
        Assert.DoesNotContain(fixture.Ledger.Calls, c => c.Status >= 400);
    }

    [Fact]
    public async Task Calls_Logged_NeverShowTheTokenOrTheUserData()
    {
        var network = await provider.EnsureNetworkAsync(Network(Cluster, ("lb", new[] { 22 })), default);
        await provider.CreateMachineAsync(Machine(Cluster, network, "lb-1"), default);

        Assert.NotEmpty(fixture.Log.Lines);
        Assert.DoesNotContain(fixture.Log.Lines, line => line.Contains(HetznerFixture.Token) || line.Contains("user data of"));
    }
}
