using MultiCloud.CloudDoubles;
using MultiCloud.Engine;
using MultiCloud.Engine.Providers;
using Xunit;
using static MultiCloud.Providers.Tests.Aws.AwsMachineProviderTests;

namespace MultiCloud.Providers.Tests.Aws;

/// <summary>What the AWS provider makes of refusals: typed CloudExceptions naming what to fix, with EC2's request id, and no secret anywhere.</summary>
public sealed class AwsProviderErrorTests : IAsyncLifetime
{
    private AwsTestCloud cloud = null!;

    public async Task InitializeAsync() => cloud = await AwsTestCloud.StartAsync();

    public async Task DisposeAsync() => await cloud.DisposeAsync();

    [Fact]
    public async Task EnsureNetworkAsync_WrongSecretKey_AuthenticationFailedAndNothingCreated()
    {
        cloud.Credentials.Secrets["AWS_MAIN_SECRET_KEY"] = "not-the-secret/0123456789abcdefghijklmnop";
        await using var provider = cloud.Machines();

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudAuthenticationFailed, error.ErrorId);
        Assert.Equal("aws-main", error.Provider);
        Assert.Contains("SignatureDoesNotMatch", error.Message);
        Assert.Equal(403, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Empty(cloud.Ledger.Resources);
        Assert.All(cloud.Ledger.Calls, c => Assert.Equal(403, c.Status));
        cloud.AssertNoSecretIn(error);
        Assert.DoesNotContain("not-the-secret/0123456789abcdefghijklmnop", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureNetworkAsync_UnknownAccessKey_AuthenticationFailedWithEc2sAuthFailure()
    {
        cloud.Credentials.Secrets["AWS_MAIN_ACCESS_KEY"] = "AKIAUNKNOWNKEY000000";
        await using var provider = cloud.Machines();

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudAuthenticationFailed, error.ErrorId);
        Assert.Contains("AuthFailure", error.Message);
        Assert.Empty(cloud.Ledger.Resources);
        cloud.AssertNoSecretIn(error);
    }

    [Fact]
    public async Task CreateMachineAsync_PolicyWithoutRunInstances_AuthenticationFailedNamingTheActionAndNoInstance()
    {
        cloud.Aws.Identities.Deny(AwsTestCloud.AccessKeyId, "RunInstances");
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudAuthenticationFailed, error.ErrorId);
        Assert.Contains("UnauthorizedOperation", error.Message);
        Assert.Contains("ec2:RunInstances", error.Message);
        Assert.Contains(error.RequestId!, error.Message);
        Assert.Empty(cloud.LiveInstances());
    }

    [Fact]
    public async Task EnsureNetworkAsync_ThrottledTwice_RetriedWithBackoffAndSucceeds()
    {
        cloud.Aws.Failures.FailNext("CreateVpc", InjectedFailure.Throttled, times: 2);
        await using var provider = cloud.Machines();

        await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);

        Assert.Equal(new[] { 503, 503, 200 }, cloud.Ledger.Calls.Where(c => c.Operation == "CreateVpc").Select(c => c.Status));
        Assert.Single(cloud.Ledger.Resources, r => r.Type == "vpc");
    }

    [Fact]
    public async Task EnsureNetworkAsync_ThrottledBeyondTheRetries_CloudThrottledAndNoVpc()
    {
        cloud.Aws.Failures.FailNext("CreateVpc", InjectedFailure.Throttled, times: 20);
        await using var provider = cloud.Machines();

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudThrottled, error.ErrorId);
        Assert.Contains("RequestLimitExceeded", error.Message);
        Assert.Equal(1 + 4, cloud.Ledger.Calls.Count(c => c.Operation == "CreateVpc"));
        Assert.DoesNotContain(cloud.Ledger.Resources, r => r.Type == "vpc");
    }

    [Fact]
    public async Task CreateMachineAsync_VcpuLimitReached_QuotaExceededAndNoInstance()
    {
        cloud.Aws.Ec2.VcpuLimit = 1;
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudQuotaExceeded, error.ErrorId);
        Assert.Contains("VcpuLimitExceeded", error.Message);
        Assert.Contains("Service Quotas", error.Message);
        Assert.Empty(cloud.LiveInstances());
    }

    [Theory]
    [InlineData("RunInstances", "InstanceLimitExceeded")]
    [InlineData("AllocateAddress", "AddressLimitExceeded")]
    public async Task CreateMachineAsync_InjectedQuota_QuotaExceeded(string operation, string code)
    {
        await using var provider = cloud.Machines(cloud.Spec(extra: new Dictionary<string, string> { ["elasticIpPools"] = "*" }));
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        cloud.Aws.Failures.FailNext(operation, InjectedFailure.QuotaExceeded);

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudQuotaExceeded, error.ErrorId);
        Assert.Contains(code, error.Message);
    }

    public static IEnumerable<object[]> UnknownFields() => new[]
    {
        new object[] { new Func<MachineRequest, MachineRequest>(r => r with { ServerType = "m99.imaginary" }), "serverType" },
        new object[] { new Func<MachineRequest, MachineRequest>(r => r with { ServerType = "c7g.large", Zone = "eu-central-1c" }), "serverType" },
        new object[] { new Func<MachineRequest, MachineRequest>(r => r with { Image = "ami-0fffffffffffffff0" }), "image" },
        new object[] { new Func<MachineRequest, MachineRequest>(r => r with { Image = "ubuntu-24.04" }), "image" },
        new object[] { new Func<MachineRequest, MachineRequest>(r => r with { Zone = "eu-central-1z" }), "zone" },
    };

    [Theory]
    [MemberData(nameof(UnknownFields))]
    public async Task CreateMachineAsync_UnknownSizeImageOrZone_NotFoundNamingTheFieldBeforeAnythingOfTheMachineExists(Func<MachineRequest, MachineRequest> change, string field)
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.CreateMachineAsync(change(Machine(Cluster, network)), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudNotFound, error.ErrorId);
        Assert.Contains(field, error.Message);
        Assert.DoesNotContain(cloud.Ledger.Resources, r => r.Type is "subnet" or "instance");
        Assert.DoesNotContain(cloud.Ledger.Calls, c => c.Operation == "RunInstances");
    }

    [Fact]
    public async Task EnsureNetworkAsync_RegionNotEnabledForTheAccount_NotFoundNamingTheRegion()
    {
        await using var provider = cloud.Machines();

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureNetworkAsync(Network(Cluster, region: "ap-east-1"), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudNotFound, error.ErrorId);
        Assert.Contains("OptInRequired", error.Message);
        Assert.Contains("region 'ap-east-1'", error.Message);
        Assert.Empty(cloud.Ledger.Resources);
    }

    [Fact]
    public async Task EnsureNetworkAsync_UnknownRegionOnThePublicEndpoints_NotFoundBeforeAnyCall()
    {
        var spec = cloud.Spec();
        spec = spec with { Settings = spec.Settings.Where(s => s.Key != "ec2Endpoint").ToDictionary(s => s.Key, s => s.Value) };
        await using var provider = cloud.Machines(spec);

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureNetworkAsync(Network(Cluster, region: "atlantis-1"), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudNotFound, error.ErrorId);
        Assert.Contains("region field", error.Message);
        Assert.Empty(cloud.Ledger.Calls);
    }

    [Fact]
    public async Task CreateMachineAsync_DiskSmallerThanTheImage_ConfigurationInvalidNamingDiskSizeGb()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.CreateMachineAsync(Machine(Cluster, network) with { DiskSizeGb = 4 }, CancellationToken.None));

        Assert.Equal(ErrorIds.CloudConfigurationInvalid, error.ErrorId);
        Assert.Contains("diskSizeGb", error.Message);
        Assert.Empty(cloud.LiveInstances());
    }

    [Fact]
    public void Machines_SettingsMissingOrMalformed_ConfigurationInvalidNamingTheSetting()
    {
        var onlyAccessKey = cloud.Spec() with { Credentials = cloud.Spec().Credentials.Where(c => c.Key == "accessKey").ToDictionary(c => c.Key, c => c.Value) };
        var httpEndpoint = cloud.Spec(extra: new Dictionary<string, string> { ["ec2Endpoint"] = "http://ec2.example" });
        var badFlag = cloud.Spec(extra: new Dictionary<string, string> { ["route53WaitForSync"] = "sometimes" });

        var missing = Assert.Throws<MultiCloudException>(() => cloud.Machines(onlyAccessKey));
        var malformed = Assert.Throws<MultiCloudException>(() => cloud.Machines(httpEndpoint));
        var flag = Assert.Throws<MultiCloudException>(() => cloud.Dns(badFlag));

        Assert.All(new[] { missing, malformed, flag }, e => Assert.Equal(ErrorIds.CloudConfigurationInvalid, e.ErrorId));
        Assert.Contains("secretKey", missing.Message);
        Assert.Contains("ec2Endpoint", malformed.Message);
        Assert.Contains("route53WaitForSync", flag.Message);
    }

    [Fact]
    public async Task EnsureNetworkAsync_TemporaryCredentials_SessionTokenIsSentAndWithoutItRefused()
    {
        cloud.Aws.AddAccessKey("ASIATEMPORARYKEY0001", "temporary/secret/0123456789abcdefghij", sessionToken: "FwoGZXIvYXdzEXAMPLESESSIONTOKEN");
        cloud.Credentials.Secrets["AWS_MAIN_ACCESS_KEY"] = "ASIATEMPORARYKEY0001";
        cloud.Credentials.Secrets["AWS_MAIN_SECRET_KEY"] = "temporary/secret/0123456789abcdefghij";
        cloud.Credentials.Secrets["AWS_MAIN_SESSION_TOKEN"] = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

        await using (var withToken = cloud.Machines(cloud.Spec(sessionTokenVariable: "AWS_MAIN_SESSION_TOKEN")))
            await withToken.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        await using var withoutToken = cloud.Machines();
        var error = await Assert.ThrowsAsync<CloudException>(() => withoutToken.EnsureNetworkAsync(Network(Cluster), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudAuthenticationFailed, error.ErrorId);
        Assert.Single(cloud.Ledger.Resources, r => r.Type == "vpc");
        cloud.AssertNoSecretIn(error);
    }
}
