using MultiCloud.CloudDoubles;
using MultiCloud.Engine;
using MultiCloud.Engine.Providers;
using Xunit;
using static MultiCloud.Providers.Tests.Azure.AzureMachineProviderTests;

namespace MultiCloud.Providers.Tests.Azure;

/// <summary>What the Azure provider makes of refusals: typed CloudExceptions naming what to fix, with ARM's request id, and no secret anywhere.</summary>
public sealed class AzureProviderErrorTests : IAsyncLifetime
{
    private AzureTestCloud cloud = null!;

    public async Task InitializeAsync() => cloud = await AzureTestCloud.StartAsync();

    public async Task DisposeAsync() => await cloud.DisposeAsync();

    [Fact]
    public async Task EnsureNetworkAsync_WrongClientSecret_AuthenticationFailedNamingTheEntraCodeAndNothingCreated()
    {
        cloud.Credentials.Secrets["AZURE_WEU_CLIENT_SECRET"] = "not-the-secret~0123456789";
        await using var provider = cloud.Machines();

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudAuthenticationFailed, error.ErrorId);
        Assert.Equal("azure-weu", error.Provider);
        Assert.Contains("AADSTS7000215", error.Message);
        Assert.Empty(cloud.Ledger.Resources);
        Assert.DoesNotContain(cloud.Ledger.Calls, c => c.Api == "arm");
        cloud.AssertNoSecretIn(error);
        Assert.DoesNotContain("not-the-secret~0123456789", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureNetworkAsync_PrincipalNotAllowedInTheSubscription_AuthenticationFailedWithRequestId()
    {
        const string other = "22222222-2222-3333-4444-555555555555";
        cloud.Azure.Arm.AddSubscription(other, AzureTestCloud.Tenant);
        await using var provider = cloud.Machines(cloud.Spec(subscription: other));

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudAuthenticationFailed, error.ErrorId);
        Assert.Equal(403, error.StatusCode);
        Assert.Contains("AuthorizationFailed", error.Message);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Contains(error.RequestId!, error.Message);
        Assert.Empty(cloud.Ledger.Resources);
        cloud.AssertNoSecretIn(error);
    }

    [Fact]
    public async Task EnsureNetworkAsync_ThrottledOnce_RetriedAfterRetryAfterAndSucceeds()
    {
        cloud.Azure.Failures.FailNext("PUT virtualNetworks", InjectedFailure.Throttled);
        await using var provider = cloud.Machines();

        await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);

        var puts = cloud.Ledger.Calls.Where(c => c.Operation == "PUT virtualNetworks").Select(c => c.Status).ToList();
        Assert.Equal(new[] { 429, 201 }, puts);
        Assert.Single(cloud.Ledger.Resources, r => r.Type == "Microsoft.Network/virtualNetworks");
    }

    [Fact]
    public async Task EnsureNetworkAsync_ThrottledBeyondTheRetries_CloudThrottledAndNothingMadeByThatCall()
    {
        cloud.Azure.Arm.RetryAfterSeconds = 0;
        cloud.Azure.Failures.FailNext("PUT virtualNetworks", InjectedFailure.Throttled, times: 10);
        await using var provider = cloud.Machines();

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudThrottled, error.ErrorId);
        Assert.Equal(429, error.StatusCode);
        Assert.NotNull(error.RequestId);
        Assert.True(cloud.Ledger.Calls.Count(c => c.Operation == "PUT virtualNetworks") > 1);
        Assert.DoesNotContain(cloud.Ledger.Resources, r => r.Type == "Microsoft.Network/virtualNetworks");
    }

    [Fact]
    public async Task CreateMachineAsync_RegionalCoreQuotaReached_QuotaExceededAndNoVm()
    {
        cloud.Azure.Arm.SetCoreQuota(AzureTestCloud.Subscription, 1);
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudQuotaExceeded, error.ErrorId);
        Assert.Contains("quota", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(cloud.Ledger.Resources, r => r.Type == "Microsoft.Compute/virtualMachines");
    }

    [Fact]
    public async Task CreateMachineAsync_InjectedPublicIpQuota_QuotaExceeded()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        cloud.Azure.Failures.FailNext("PUT publicIPAddresses", InjectedFailure.QuotaExceeded);

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudQuotaExceeded, error.ErrorId);
        Assert.Contains("PublicIPCountLimitReached", error.Message);
    }

    [Fact]
    public async Task EnsureNetworkAsync_UnknownRegion_NotFoundNamingTheRegionAndNothingCreated()
    {
        await using var provider = cloud.Machines();

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.EnsureNetworkAsync(Network(Cluster, region: "atlantis"), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudNotFound, error.ErrorId);
        Assert.Contains("region 'atlantis'", error.Message);
        Assert.Empty(cloud.Ledger.Resources);
    }

    public static IEnumerable<object[]> UnknownFields() => new[]
    {
        new object[] { new Func<MachineRequest, MachineRequest>(r => r with { ServerType = "Standard_Imaginary_v9" }), "serverType" },
        new object[] { new Func<MachineRequest, MachineRequest>(r => r with { Image = "Canonical:ubuntu-99_04-lts:server:latest" }), "image" },
        new object[] { new Func<MachineRequest, MachineRequest>(r => r with { Image = "Canonical:ubuntu-24_04-lts:server:1.2.3" }), "image" },
        new object[] { new Func<MachineRequest, MachineRequest>(r => r with { Image = "ubuntu-24.04" }), "image" },
        new object[] { new Func<MachineRequest, MachineRequest>(r => r with { Zone = "7" }), "zone" },
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
        Assert.DoesNotContain(cloud.Ledger.Resources, r => MachineTypes.Contains(r.Type));
    }

    [Fact]
    public async Task CreateMachineAsync_SizeRestrictedForTheSubscription_NotFoundNamingServerType()
    {
        cloud.Azure.Arm.Catalog.Restricted.Add(("westeurope", "Standard_B2s"));
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None));

        Assert.Equal(ErrorIds.CloudNotFound, error.ErrorId);
        Assert.Contains("serverType", error.Message);
    }

    [Fact]
    public async Task CreateMachineAsync_RootAsAdminUser_ConfigurationInvalidBeforeAnyCall()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var calls = cloud.Ledger.Calls.Count;

        var error = await Assert.ThrowsAsync<CloudException>(() => provider.CreateMachineAsync(Machine(Cluster, network) with { AdminUser = "root" }, CancellationToken.None));

        Assert.Equal(ErrorIds.CloudConfigurationInvalid, error.ErrorId);
        Assert.Contains("'root'", error.Message);
        Assert.Equal(calls, cloud.Ledger.Calls.Count);
    }

    [Fact]
    public void Machines_SettingsMissingOrMalformed_ConfigurationInvalidNamingTheSetting()
    {
        var noSubscription = cloud.Spec() with { Settings = new Dictionary<string, string>(cloud.Spec().Settings.Where(s => s.Key != "subscriptionId")) };
        var badEndpoint = cloud.Spec(extra: new Dictionary<string, string> { ["armEndpoint"] = "http://management.example" });

        var missing = Assert.Throws<MultiCloudException>(() => cloud.Machines(noSubscription));
        var malformed = Assert.Throws<MultiCloudException>(() => cloud.Machines(badEndpoint));

        Assert.Equal(ErrorIds.CloudConfigurationInvalid, missing.ErrorId);
        Assert.Contains("subscriptionId", missing.Message);
        Assert.Equal(ErrorIds.CloudConfigurationInvalid, malformed.ErrorId);
        Assert.Contains("armEndpoint", malformed.Message);
    }
}
