using MultiCloud.Engine;
using MultiCloud.Engine.Providers;
using Xunit;
using static MultiCloud.Providers.Tests.Azure.AzureMachineProviderTests;

namespace MultiCloud.Providers.Tests.Azure;

/// <summary>The Azure DNS provider: record sets as generic resources with If-None-Match / If-Match and ownership in metadata.</summary>
public sealed class AzureDnsProviderTests : IAsyncLifetime
{
    private const string Zone = "example.com";
    private const string DnsGroup = "dns-rg";
    private AzureTestCloud cloud = null!;

    public async Task InitializeAsync()
    {
        cloud = await AzureTestCloud.StartAsync();
        cloud.Azure.Arm.AddDnsZone(AzureTestCloud.Subscription, DnsGroup, Zone);
    }

    public async Task DisposeAsync() => await cloud.DisposeAsync();

    private IDnsProvider Provider() => cloud.Dns(cloud.Spec("azure-dns", extra: new Dictionary<string, string> { ["dnsResourceGroup"] = DnsGroup }));

    private static string RecordId(string type, string name) =>
        $"/subscriptions/{AzureTestCloud.Subscription}/resourceGroups/{DnsGroup}/providers/Microsoft.Network/dnszones/{Zone}/{type}/{name}";

    private static DnsRecordSet Records(ClusterIdentity cluster, string name, params string[] addresses) =>
        new() { Cluster = cluster, Zone = Zone, Name = name, Addresses = addresses, TtlSeconds = 120 };

    [Fact]
    public async Task EnsureRecordsAsync_NewName_CreatesAAndAaaaWithTtlAndOwnershipMetadata()
    {
        await using var dns = Provider();

        await dns.EnsureRecordsAsync(Records(Cluster, "k8s", "198.51.100.10", "2001:db8::10", "198.51.100.11"), CancellationToken.None);

        var a = cloud.Azure.Arm.Get(RecordId("A", "k8s"))!;
        Assert.Equal(120, (long)a["properties"]!["TTL"]!);
        Assert.Equal(new[] { "198.51.100.10", "198.51.100.11" }, a["properties"]!["ARecords"]!.AsArray().Select(r => r!["ipv4Address"]!.ToString()));
        Assert.Equal(Cluster.Id, a["properties"]!["metadata"]![ResourceTags.ClusterId]!.ToString());
        Assert.Equal("2001:db8::10", cloud.Azure.Arm.Get(RecordId("AAAA", "k8s"))!["properties"]!["AAAARecords"]![0]!["ipv6Address"]!.ToString());
        Assert.Equal(2, cloud.Ledger.OwnedBy(Cluster.Id).Count);
    }

    [Fact]
    public async Task EnsureRecordsAsync_AddressesChangedThenSame_UpdatesOnceWithIfMatchThenWritesNothing()
    {
        await using var dns = Provider();
        await dns.EnsureRecordsAsync(Records(Cluster, "k8s", "198.51.100.10"), CancellationToken.None);
        var firstEtag = cloud.Azure.Arm.Get(RecordId("A", "k8s"))!["etag"]!.ToString();

        await dns.EnsureRecordsAsync(Records(Cluster, "k8s", "198.51.100.12"), CancellationToken.None);
        var calls = cloud.Ledger.Calls.Count;
        await dns.EnsureRecordsAsync(Records(Cluster, "k8s", "198.51.100.12"), CancellationToken.None);

        var a = cloud.Azure.Arm.Get(RecordId("A", "k8s"))!;
        Assert.Equal("198.51.100.12", a["properties"]!["ARecords"]![0]!["ipv4Address"]!.ToString());
        Assert.NotEqual(firstEtag, a["etag"]!.ToString());
        Assert.DoesNotContain(cloud.Ledger.Calls.Skip(calls), c => c.Mutating);
    }

    [Fact]
    public async Task EnsureRecordsAsync_SomeoneChangesTheRecordMeanwhile_ClearErrorAndNoOverwrite()
    {
        await using var dns = Provider();
        await dns.EnsureRecordsAsync(Records(Cluster, "k8s", "198.51.100.10"), CancellationToken.None);
        var touched = false;
        cloud.Azure.Arm.Requested += (method, path) =>
        {
            if (method == "PUT" && path.EndsWith("/A/k8s", StringComparison.Ordinal) && !touched)
            {
                touched = true;
                cloud.Azure.Arm.Touch(RecordId("A", "k8s"));
            }
        };

        var error = await Assert.ThrowsAsync<CloudException>(() => dns.EnsureRecordsAsync(Records(Cluster, "k8s", "198.51.100.99"), CancellationToken.None));

        Assert.Equal(412, error.StatusCode);
        Assert.Contains("ETag", error.Message);
        Assert.Equal("198.51.100.10", cloud.Azure.Arm.Get(RecordId("A", "k8s"))!["properties"]!["ARecords"]![0]!["ipv4Address"]!.ToString());
    }

    [Fact]
    public async Task EnsureRecordsAsync_RecordOfAnotherOwner_NameTakenAndLeftAsItWas()
    {
        var other = new ClusterIdentity("other", "0ddba11-0000-0000-0000-000000000000");
        await using var dns = Provider();
        await dns.EnsureRecordsAsync(Records(other, "k8s", "192.0.2.1"), CancellationToken.None);
        var before = cloud.Azure.Arm.Get(RecordId("A", "k8s"))!.ToJsonString();

        var ensure = await Assert.ThrowsAsync<CloudException>(() => dns.EnsureRecordsAsync(Records(Cluster, "k8s", "198.51.100.10"), CancellationToken.None));
        var delete = await Assert.ThrowsAsync<CloudException>(() => dns.DeleteRecordsAsync(Cluster, Zone, new[] { "k8s" }, CancellationToken.None));

        Assert.Equal(ErrorIds.CloudResourceNameTaken, ensure.ErrorId);
        Assert.Equal(ErrorIds.CloudResourceNameTaken, delete.ErrorId);
        Assert.Equal(before, cloud.Azure.Arm.Get(RecordId("A", "k8s"))!.ToJsonString());
    }

    [Fact]
    public async Task FindAndDeleteRecords_TwoNames_FindsOnlyOursAndDeletesThemAbsentBeingSuccess()
    {
        var other = new ClusterIdentity("other", "0ddba11-0000-0000-0000-000000000000");
        await using var dns = Provider();
        await dns.EnsureRecordsAsync(Records(Cluster, "k8s", "198.51.100.10", "2001:db8::10"), CancellationToken.None);
        await dns.EnsureRecordsAsync(Records(Cluster, "apps", "198.51.100.10"), CancellationToken.None);
        await dns.EnsureRecordsAsync(Records(other, "www", "192.0.2.1"), CancellationToken.None);

        var found = await dns.FindRecordsAsync(Cluster, Zone, CancellationToken.None);
        await dns.DeleteRecordsAsync(Cluster, Zone, new[] { "k8s", "apps", "never-made" }, CancellationToken.None);
        await dns.DeleteRecordsAsync(Cluster, Zone, new[] { "k8s" }, CancellationToken.None);

        Assert.Equal(new[] { "apps", "k8s" }, found.Select(r => r.Name));
        Assert.Equal(new[] { "198.51.100.10", "2001:db8::10" }, found[1].Addresses.OrderBy(a => a, StringComparer.Ordinal));
        Assert.Equal(120, found[1].TtlSeconds);
        Assert.Empty(cloud.Ledger.OwnedBy(Cluster.Id));
        Assert.Single(cloud.Ledger.OwnedBy(other.Id));
        Assert.Empty(await dns.FindRecordsAsync(Cluster, Zone, CancellationToken.None));
    }

    [Fact]
    public async Task EnsureRecordsAsync_NoAddressesLeft_DeletesTheRecordSets()
    {
        await using var dns = Provider();
        await dns.EnsureRecordsAsync(Records(Cluster, "k8s", "198.51.100.10"), CancellationToken.None);

        await dns.EnsureRecordsAsync(Records(Cluster, "k8s"), CancellationToken.None);

        Assert.Null(cloud.Azure.Arm.Get(RecordId("A", "k8s")));
        Assert.Empty(cloud.Ledger.OwnedBy(Cluster.Id));
    }

    [Fact]
    public async Task EnsureRecordsAsync_UnknownZone_NotFoundNamingTheZone()
    {
        await using var dns = Provider();

        var error = await Assert.ThrowsAsync<CloudException>(() => dns.EnsureRecordsAsync(Records(Cluster, "k8s", "198.51.100.10") with { Zone = "example.org" }, CancellationToken.None));

        Assert.Equal(ErrorIds.CloudNotFound, error.ErrorId);
        Assert.Contains("example.org", error.Message);
        Assert.Contains("dnsResourceGroup", error.Message);
    }

    [Fact]
    public void Dns_NoDnsResourceGroupSetting_ConfigurationInvalidNamingIt()
    {
        var error = Assert.Throws<MultiCloudException>(() => cloud.Dns(cloud.Spec("azure-dns")));

        Assert.Equal(ErrorIds.CloudConfigurationInvalid, error.ErrorId);
        Assert.Contains("dnsResourceGroup", error.Message);
    }
}
