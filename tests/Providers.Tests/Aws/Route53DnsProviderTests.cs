using MultiCloud.CloudDoubles;
using MultiCloud.CloudDoubles.Aws;
using MultiCloud.Engine;
using MultiCloud.Engine.Providers;
using Xunit;
using static MultiCloud.Providers.Tests.Aws.AwsMachineProviderTests;

namespace MultiCloud.Providers.Tests.Aws;

/// <summary>The Route53 DNS provider (REST signed with AWSSDK.Core's SigV4) against the Route53 double: records, TXT ownership, atomic batches.</summary>
public sealed class Route53DnsProviderTests : IAsyncLifetime
{
    private const string Zone = "example.com";
    private AwsTestCloud cloud = null!;
    private Route53Zone zone = null!;

    public async Task InitializeAsync()
    {
        cloud = await AwsTestCloud.StartAsync();
        zone = cloud.Aws.Route53.AddZone(AwsCloudDouble.DefaultAccount, Zone);
        cloud.Aws.Route53.AddZone(AwsCloudDouble.DefaultAccount, Zone, isPrivate: true);
    }

    public async Task DisposeAsync() => await cloud.DisposeAsync();

    private static DnsRecordSet Records(string name, params string[] addresses) => new() { Cluster = Cluster, Zone = Zone, Name = name, Addresses = addresses, TtlSeconds = 60 };

    private IReadOnlyList<Route53Set> Sets(string name) => cloud.Aws.Route53.Sets(zone).Where(s => s.Name == name).ToList();

    [Fact]
    public async Task EnsureRecordsAsync_NewName_CreatesAandAaaaWithTheOwnerTxtAndWaitsForInsync()
    {
        await using var dns = cloud.Dns();

        await dns.EnsureRecordsAsync(Records("k8s", "198.51.100.20", "198.51.100.10", "2001:db8::1"), CancellationToken.None);

        var sets = Sets("k8s.example.com.");
        Assert.Equal(new[] { "198.51.100.10", "198.51.100.20" }, sets.Single(s => s.Type == "A").Values);
        Assert.Equal(new[] { "2001:db8::1" }, sets.Single(s => s.Type == "AAAA").Values);
        Assert.Equal(new[] { $"\"multicloud-cluster-id={Cluster.Id}\"" }, sets.Single(s => s.Type == "TXT").Values);
        Assert.Single(cloud.Ledger.Calls, c => c.Operation == "ChangeResourceRecordSets");
        Assert.Equal(2, cloud.Ledger.Calls.Count(c => c.Operation == "GetChange"));
        Assert.Equal(3, cloud.Ledger.OwnedBy(Cluster.Id).Count);
        cloud.AssertNoSecretIn();
    }

    [Fact]
    public async Task EnsureRecordsAsync_SameAgain_NoChange_ThenNewAddresses_OneBatchThatReplacesTheSet()
    {
        await using var dns = cloud.Dns();
        await dns.EnsureRecordsAsync(Records("k8s", "198.51.100.10"), CancellationToken.None);

        await dns.EnsureRecordsAsync(Records("k8s", "198.51.100.10"), CancellationToken.None);
        Assert.Single(cloud.Ledger.Calls, c => c.Operation == "ChangeResourceRecordSets");
        await dns.EnsureRecordsAsync(Records("k8s", "198.51.100.11", "198.51.100.12"), CancellationToken.None);

        Assert.Equal(new[] { "198.51.100.11", "198.51.100.12" }, Sets("k8s.example.com.").Single(s => s.Type == "A").Values);
        Assert.Equal(2, cloud.Ledger.Calls.Count(c => c.Operation == "ChangeResourceRecordSets"));
    }

    [Fact]
    public async Task EnsureRecordsAsync_NoAddressesLeft_RemovesTheSetsAndTheOwnerValue()
    {
        await using var dns = cloud.Dns();
        await dns.EnsureRecordsAsync(Records("@", "198.51.100.10"), CancellationToken.None);

        await dns.EnsureRecordsAsync(Records("@"), CancellationToken.None);

        Assert.Empty(Sets("example.com."));
        Assert.Empty(cloud.Ledger.OwnedBy(Cluster.Id));
    }

    [Fact]
    public async Task FindRecordsAsync_RecordsOfTwoClusters_ListsOnlyThisClustersByRelativeName()
    {
        var other = new ClusterIdentity("other", "0ddba11-0000-0000-0000-000000000000");
        await using var dns = cloud.Dns();
        await dns.EnsureRecordsAsync(Records("k8s", "198.51.100.10"), CancellationToken.None);
        await dns.EnsureRecordsAsync(Records("@", "198.51.100.11", "2001:db8::2"), CancellationToken.None);
        await dns.EnsureRecordsAsync(Records("apps", "198.51.100.12") with { Cluster = other }, CancellationToken.None);

        var found = await dns.FindRecordsAsync(Cluster, Zone, CancellationToken.None);

        Assert.Equal(new[] { "@", "k8s" }, found.Select(r => r.Name));
        Assert.Equal(new[] { "198.51.100.11", "2001:db8::2" }, found[0].Addresses);
    }

    [Fact]
    public async Task EnsureRecordsAsync_NameOwnedByAnotherClusterOrByNobody_NameTakenAndUntouched()
    {
        cloud.Aws.Route53.Put(zone, new Route53Set("theirs.example.com", "TXT", 300, new[] { "\"multicloud-cluster-id=someone-else\"" }));
        cloud.Aws.Route53.Put(zone, new Route53Set("theirs.example.com", "A", 300, new[] { "192.0.2.1" }));
        cloud.Aws.Route53.Put(zone, new Route53Set("www.example.com", "A", 300, new[] { "192.0.2.2" }));
        var before = cloud.Aws.Route53.Sets(zone);
        await using var dns = cloud.Dns();

        var theirs = await Assert.ThrowsAsync<CloudException>(() => dns.EnsureRecordsAsync(Records("theirs", "198.51.100.10"), CancellationToken.None));
        var handMade = await Assert.ThrowsAsync<CloudException>(() => dns.EnsureRecordsAsync(Records("www", "198.51.100.10"), CancellationToken.None));
        var delete = await Assert.ThrowsAsync<CloudException>(() => dns.DeleteRecordsAsync(Cluster, Zone, new[] { "www" }, CancellationToken.None));

        Assert.All(new[] { theirs, handMade, delete }, e => Assert.Equal(ErrorIds.CloudResourceNameTaken, e.ErrorId));
        Assert.Contains("www.example.com.", handMade.Message);
        Assert.Equal(before, cloud.Aws.Route53.Sets(zone));
        Assert.DoesNotContain(cloud.Ledger.Calls, c => c.Operation == "ChangeResourceRecordSets");
    }

    [Fact]
    public async Task EnsureThenDelete_NameWithSomeoneElsesTxt_OwnerValueJoinsTheSetAndLeavesItAsItWas()
    {
        cloud.Aws.Route53.Put(zone, new Route53Set("example.com", "TXT", 3600, new[] { "\"v=spf1 -all\"" }));
        await using var dns = cloud.Dns();

        await dns.EnsureRecordsAsync(Records("@", "198.51.100.10"), CancellationToken.None);
        Assert.Equal(new[] { "\"v=spf1 -all\"", $"\"multicloud-cluster-id={Cluster.Id}\"" }, Sets("example.com.").Single(s => s.Type == "TXT").Values);
        await dns.DeleteRecordsAsync(Cluster, Zone, new[] { "@", "absent" }, CancellationToken.None);

        Assert.Equal(new[] { new Route53Set("example.com.", "TXT", 3600, new[] { "\"v=spf1 -all\"" }) }, Sets("example.com.").Select(s => s with { Values = s.Values.ToArray() }).ToList(), new SetComparer());
    }

    [Fact]
    public async Task EnsureRecordsAsync_SetChangedBetweenReadAndWrite_BatchRefusedAndTheOtherChangeKept()
    {
        await using var dns = cloud.Dns();
        await dns.EnsureRecordsAsync(Records("k8s", "198.51.100.10"), CancellationToken.None);
        cloud.Aws.Route53.Requested += operation =>
        {
            if (operation == "ChangeResourceRecordSets")
                cloud.Aws.Route53.Put(zone, new Route53Set("k8s.example.com", "A", 60, new[] { "192.0.2.99" }));
        };

        var error = await Assert.ThrowsAsync<CloudException>(() => dns.EnsureRecordsAsync(Records("k8s", "198.51.100.11"), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudRequestFailed, error.ErrorId);
        Assert.Contains("InvalidChangeBatch", error.Message);
        Assert.Contains("do not match the current values", error.Message);
        Assert.Equal(new[] { "192.0.2.99" }, Sets("k8s.example.com.").Single(s => s.Type == "A").Values);
    }

    [Fact]
    public async Task EnsureRecordsAsync_ThrottledOnce_RetriedAndApplied()
    {
        cloud.Aws.Failures.FailNext("ChangeResourceRecordSets", InjectedFailure.Throttled);
        await using var dns = cloud.Dns();

        await dns.EnsureRecordsAsync(Records("k8s", "198.51.100.10"), CancellationToken.None);

        Assert.Equal(new[] { 400, 200 }, cloud.Ledger.Calls.Where(c => c.Operation == "ChangeResourceRecordSets").Select(c => c.Status));
        Assert.Single(Sets("k8s.example.com."), s => s.Type == "A");
    }

    [Fact]
    public async Task EnsureRecordsAsync_ThrottledBeyondTheRetries_CloudThrottledWithTheRequestId()
    {
        cloud.Aws.Failures.FailNext("ListResourceRecordSets", InjectedFailure.Throttled, times: 20);
        await using var dns = cloud.Dns();

        var error = await Assert.ThrowsAsync<CloudException>(() => dns.EnsureRecordsAsync(Records("k8s", "198.51.100.10"), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudThrottled, error.ErrorId);
        Assert.Equal(1 + 4, cloud.Ledger.Calls.Count(c => c.Operation == "ListResourceRecordSets"));
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task EnsureRecordsAsync_ZoneMissingOrOnlyPrivate_NotFoundNamingTheZone()
    {
        cloud.Aws.Route53.AddZone(AwsCloudDouble.DefaultAccount, "internal.example", isPrivate: true);
        await using var dns = cloud.Dns();

        var missing = await Assert.ThrowsAsync<CloudException>(() => dns.EnsureRecordsAsync(Records("k8s") with { Zone = "example.org" }, CancellationToken.None));
        var privateOnly = await Assert.ThrowsAsync<CloudException>(() => dns.EnsureRecordsAsync(Records("k8s") with { Zone = "internal.example" }, CancellationToken.None));

        Assert.All(new[] { missing, privateOnly }, e => Assert.Equal(ErrorIds.CloudNotFound, e.ErrorId));
        Assert.Contains("'example.org'", missing.Message);
        Assert.Contains("dns.zone", privateOnly.Message);
    }

    [Fact]
    public async Task EnsureRecordsAsync_WrongSecretOrDeniedAction_AuthenticationFailedAndNothingChanged()
    {
        cloud.Aws.Identities.Deny(AwsTestCloud.AccessKeyId, "ChangeResourceRecordSets");
        await using (var denied = cloud.Dns())
        {
            var refused = await Assert.ThrowsAsync<CloudException>(() => denied.EnsureRecordsAsync(Records("k8s", "198.51.100.10"), CancellationToken.None));
            Assert.Equal(ErrorIds.CloudAuthenticationFailed, refused.ErrorId);
            Assert.Contains("AccessDenied", refused.Message);
        }
        cloud.Credentials.Secrets["AWS_MAIN_SECRET_KEY"] = "not-the-secret/0123456789abcdefghijklmnop";
        await using var wrong = cloud.Dns();

        var error = await Assert.ThrowsAsync<CloudException>(() => wrong.EnsureRecordsAsync(Records("k8s", "198.51.100.10"), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudAuthenticationFailed, error.ErrorId);
        Assert.Contains("SignatureDoesNotMatch", error.Message);
        Assert.Empty(cloud.Aws.Route53.Sets(zone));
        cloud.AssertNoSecretIn(error);
    }

    [Fact]
    public async Task EnsureRecordsAsync_WaitForSyncOff_DoesNotAskGetChange()
    {
        await using var dns = cloud.Dns(cloud.Spec(extra: new Dictionary<string, string> { ["route53WaitForSync"] = "false" }));

        await dns.EnsureRecordsAsync(Records("k8s", "198.51.100.10"), CancellationToken.None);

        Assert.DoesNotContain(cloud.Ledger.Calls, c => c.Operation == "GetChange");
    }

    private sealed class SetComparer : IEqualityComparer<Route53Set>
    {
        public bool Equals(Route53Set? x, Route53Set? y) => x!.Name == y!.Name && x.Type == y.Type && x.Ttl == y.Ttl && x.Values.SequenceEqual(y.Values);

        public int GetHashCode(Route53Set obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
