using MultiCloud.CloudDoubles;
using MultiCloud.Engine;
using MultiCloud.Engine.Providers;
using Xunit;

namespace MultiCloud.Providers.Tests.Cloudflare;

/// <summary>The Cloudflare DNS provider through its real REST client against the Cloudflare API double.</summary>
public sealed class CloudflareDnsProviderTests : IAsyncLifetime
{
    private static readonly ClusterIdentity Cluster = new("lab", "0123456789abcdef01234567");
    private static readonly ClusterIdentity Other = new("lab", "fedcba9876543210fedcba98");
    private CloudflareFixture fixture = null!;
    private IDnsProvider provider = null!;

    public async Task InitializeAsync()
    {
        fixture = await CloudflareFixture.StartAsync();
        provider = fixture.Provider();
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        await fixture.DisposeAsync();
    }

    private static DnsRecordSet Set(ClusterIdentity cluster, string name, params string[] addresses) =>
        new() { Cluster = cluster, Zone = CloudflareFixture.Zone, Name = name, Addresses = addresses };

    private IReadOnlyList<(string Type, string Name, string Content)> Records() =>
        fixture.Double.Zones.RecordsOf(CloudflareFixture.Zone).Select(r => (r.Type, r.Name, r.Content)).ToList();

    [Fact]
    public async Task EnsureRecords_Twice_CreatesOneRecordPerAddressAndTheSecondRunChangesNothing()
    {
        await provider.EnsureRecordsAsync(Set(Cluster, "k8s", "198.51.100.10", "198.51.100.11", "2001:db8::1"), default);
        var mutationsBefore = fixture.Ledger.Calls.Count(c => c.Mutating);

        await provider.EnsureRecordsAsync(Set(Cluster, "k8s", "198.51.100.11", "198.51.100.10", "2001:db8::1"), default);

        Assert.Equal(new[] { ("A", "k8s.example.com", "198.51.100.10"), ("A", "k8s.example.com", "198.51.100.11"), ("AAAA", "k8s.example.com", "2001:db8::1") }, Records());
        Assert.Equal(mutationsBefore, fixture.Ledger.Calls.Count(c => c.Mutating));
        Assert.All(fixture.Double.Zones.RecordsOf(CloudflareFixture.Zone), r => Assert.False(r.Proxied));
    }

    [Fact]
    public async Task EnsureRecords_FewerAddresses_DeletesOnlyTheOnesLeftOut()
    {
        await provider.EnsureRecordsAsync(Set(Cluster, "k8s", "198.51.100.10", "198.51.100.11"), default);

        await provider.EnsureRecordsAsync(Set(Cluster, "k8s", "198.51.100.11"), default);

        Assert.Equal(new[] { ("A", "k8s.example.com", "198.51.100.11") }, Records());
    }

    [Fact]
    public async Task EnsureRecords_NameHeldByAnotherOwner_RefusesAndChangesNothing()
    {
        fixture.Double.Zones.AddForeign(CloudflareFixture.Zone, "A", "k8s.example.com", "203.0.113.9");

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureRecordsAsync(Set(Cluster, "k8s", "198.51.100.10"), default));
        await provider.DeleteRecordsAsync(Cluster, CloudflareFixture.Zone, new[] { "k8s" }, default);

        Assert.Equal(ErrorIds.CloudResourceNameTaken, error.ErrorId);
        Assert.Equal(new[] { ("A", "k8s.example.com", "203.0.113.9") }, Records());
    }

    [Fact]
    public async Task FindRecords_TwoClustersInOneZone_GivesOnlyThisClustersSets()
    {
        await provider.EnsureRecordsAsync(Set(Cluster, "k8s", "198.51.100.10"), default);
        await provider.EnsureRecordsAsync(Set(Cluster, "@", "198.51.100.10"), default);
        await provider.EnsureRecordsAsync(Set(Other, "other", "198.51.100.20"), default);

        var found = await provider.FindRecordsAsync(Cluster, CloudflareFixture.Zone, default);

        Assert.Equal(new[] { "@", "k8s" }, found.Select(s => s.Name));
        Assert.Equal(new[] { "198.51.100.10" }, found[1].Addresses);
    }

    [Fact]
    public async Task DeleteRecords_OwnedAndAbsent_DeletesOwnedAndSucceedsForAbsent()
    {
        await provider.EnsureRecordsAsync(Set(Cluster, "k8s", "198.51.100.10"), default);
        await provider.EnsureRecordsAsync(Set(Other, "apps", "198.51.100.20"), default);

        await provider.DeleteRecordsAsync(Cluster, CloudflareFixture.Zone, new[] { "k8s", "apps", "gone" }, default);

        Assert.Equal(new[] { ("A", "apps.example.com", "198.51.100.20") }, Records());
    }

    [Fact]
    public async Task EnsureRecords_Throttled_RetriesAndSucceeds()
    {
        fixture.Failures.FailNext("POST /dns_records", InjectedFailure.Throttled, 2);

        await provider.EnsureRecordsAsync(Set(Cluster, "k8s", "198.51.100.10"), default);

        Assert.Equal(new[] { 429, 429, 200 }, fixture.Ledger.Calls.Where(c => c.Operation == "POST /dns_records").Select(c => c.Status));
        Assert.Single(Records());
    }

    [Fact]
    public async Task EnsureRecords_RecordQuota_FailsCloudQuotaExceeded()
    {
        fixture.Failures.FailNext("POST /dns_records", InjectedFailure.QuotaExceeded);

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureRecordsAsync(Set(Cluster, "k8s", "198.51.100.10"), default));

        Assert.Equal((ErrorIds.CloudQuotaExceeded, "81045"), (error.ErrorId, error.CloudCode));
        Assert.NotNull(error.RequestId);
        Assert.Empty(Records());
    }

    [Fact]
    public async Task EnsureRecords_WrongToken_FailsCloudAuthenticationFailedAndCreatesNothing()
    {
        await using var wrong = fixture.Provider(token: "not-the-token");

        var error = await Assert.ThrowsAsync<CloudException>(() => wrong.EnsureRecordsAsync(Set(Cluster, "k8s", "198.51.100.10"), default));

        Assert.Equal(ErrorIds.CloudAuthenticationFailed, error.ErrorId);
        Assert.Contains("credentials.apiToken", error.Message);
        Assert.DoesNotContain("not-the-token", error.Message);
        Assert.Empty(Records());
    }

    [Fact]
    public async Task EnsureRecords_UnknownZone_FailsCloudNotFoundNamingTheZone()
    {
        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureRecordsAsync(Set(Cluster, "k8s", "198.51.100.10") with { Zone = "example.org" }, default));

        Assert.Equal(ErrorIds.CloudNotFound, error.ErrorId);
        Assert.Contains("zone 'example.org'", error.Message);
    }

    [Fact]
    public async Task EnsureRecords_EmptyAddresses_RemovesTheName()
    {
        await provider.EnsureRecordsAsync(Set(Cluster, "k8s", "198.51.100.10"), default);

        await provider.EnsureRecordsAsync(Set(Cluster, "k8s"), default);

        Assert.Empty(Records());
        Assert.DoesNotContain(fixture.Log.Lines, line => line.Contains(CloudflareFixture.Token));
    }
}
