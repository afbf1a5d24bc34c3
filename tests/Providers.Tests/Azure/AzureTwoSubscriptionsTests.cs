using MultiCloud.Engine.Providers;
using Xunit;
using static MultiCloud.Providers.Tests.Azure.AzureMachineProviderTests;

namespace MultiCloud.Providers.Tests.Azure;

/// <summary>
/// Two provider entries of type azure in one cluster, each with its own subscription and service principal (the case
/// Claudie #1296 failed on): each instance signs in with its own secret and gets its own token, used only in its own subscription.
/// </summary>
public sealed class AzureTwoSubscriptionsTests : IAsyncLifetime
{
    private const string NeuSubscription = "66666666-7777-8888-9999-000000000000";
    private const string NeuClient = "12121212-3434-5656-7878-909090909090";
    private const string NeuSecret = "neu-Secret~abcdefghij0123456789";
    private AzureTestCloud cloud = null!;

    public async Task InitializeAsync()
    {
        cloud = await AzureTestCloud.StartAsync();
        cloud.AddServicePrincipal(NeuSubscription, AzureTestCloud.Tenant, NeuClient, NeuSecret, "AZURE_NEU_CLIENT_SECRET");
    }

    public async Task DisposeAsync() => await cloud.DisposeAsync();

    [Fact]
    public async Task TwoProviders_TwoSubscriptionsAndServicePrincipals_EachMakesItsMachinesWithItsOwnToken()
    {
        await using var weu = cloud.Machines(cloud.Spec("azure-weu"));
        await using var neu = cloud.Machines(cloud.Spec("azure-neu", NeuSubscription, client: NeuClient, secretVariable: "AZURE_NEU_CLIENT_SECRET"));

        var weuNetwork = weu.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var neuNetwork = neu.EnsureNetworkAsync(Network(Cluster, region: "northeurope", pool: "compute-az"), CancellationToken.None);
        var networks = await Task.WhenAll(weuNetwork, neuNetwork);
        var machines = await Task.WhenAll(
            weu.CreateMachineAsync(Machine(Cluster, networks[0], "control-az-1"), CancellationToken.None),
            neu.CreateMachineAsync(Machine(Cluster, networks[1], "compute-az-1", zone: null) with { Pool = "compute-az", Region = "northeurope" }, CancellationToken.None));

        Assert.Contains($"/subscriptions/{AzureTestCloud.Subscription}/", machines[0].Resources["vm"]);
        Assert.Contains($"/subscriptions/{NeuSubscription}/", machines[1].Resources["vm"]);
        var tokens = cloud.Azure.Directory.Tokens.Values.ToList();
        Assert.Equal(1, tokens.Count(t => t.ClientId == AzureTestCloud.Client));
        Assert.Equal(1, tokens.Count(t => t.ClientId == NeuClient));
        Assert.Equal(new[] { "control-az-1" }, (await weu.FindMachinesAsync(Cluster, CancellationToken.None)).Select(m => m.NodeName));
        Assert.Equal(new[] { "compute-az-1" }, (await neu.FindMachinesAsync(Cluster, CancellationToken.None)).Select(m => m.NodeName));
        Assert.Equal(new[] { "AZURE_NEU_CLIENT_SECRET", "AZURE_WEU_CLIENT_SECRET" }, cloud.Credentials.Resolved.Distinct().OrderBy(r => r, StringComparer.Ordinal));
        cloud.AssertNoSecretIn();
    }

    [Fact]
    public async Task TwoProviders_OneSecretWrong_OnlyThatProviderFailsAndTheOtherWorks()
    {
        cloud.Credentials.Secrets["AZURE_NEU_CLIENT_SECRET"] = "stale-secret~0000000000";
        await using var weu = cloud.Machines(cloud.Spec("azure-weu"));
        await using var neu = cloud.Machines(cloud.Spec("azure-neu", NeuSubscription, client: NeuClient, secretVariable: "AZURE_NEU_CLIENT_SECRET"));

        await weu.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var error = await Assert.ThrowsAsync<CloudException>(() => neu.EnsureNetworkAsync(Network(Cluster, region: "northeurope"), CancellationToken.None));

        Assert.Equal("azure-neu", error.Provider);
        Assert.Equal(Engine.ErrorIds.CloudAuthenticationFailed, error.ErrorId);
        Assert.All(cloud.Ledger.Resources, r => Assert.Contains(AzureTestCloud.Subscription, r.Id));
        cloud.AssertNoSecretIn(error);
    }

    [Fact]
    public async Task Provider_IdsAsCredentialReferencesLikeAClaudieImport_ReadsThemAndWorks()
    {
        cloud.Credentials.Secrets["AZURE_SECRET_SUBSCRIPTIONID"] = NeuSubscription;
        cloud.Credentials.Secrets["AZURE_SECRET_TENANTID"] = AzureTestCloud.Tenant;
        cloud.Credentials.Secrets["AZURE_SECRET_CLIENTID"] = NeuClient;
        var spec = cloud.Spec("azure-imported", NeuSubscription, client: NeuClient, secretVariable: "AZURE_NEU_CLIENT_SECRET");
        spec = spec with
        {
            Settings = spec.Settings.Where(s => s.Key is not ("subscriptionId" or "tenantId" or "clientId")).ToDictionary(s => s.Key, s => s.Value),
            Credentials = new Dictionary<string, Engine.Model.CredentialRef>(spec.Credentials)
            {
                ["subscriptionId"] = new(Engine.Model.CredentialSource.Env, "AZURE_SECRET_SUBSCRIPTIONID"),
                ["tenantId"] = new(Engine.Model.CredentialSource.Env, "AZURE_SECRET_TENANTID"),
                ["clientId"] = new(Engine.Model.CredentialSource.Env, "AZURE_SECRET_CLIENTID"),
            },
        };
        await using var provider = cloud.Machines(spec);

        var network = await provider.EnsureNetworkAsync(Network(Cluster, region: "northeurope"), CancellationToken.None);

        Assert.Contains($"/subscriptions/{NeuSubscription}/", network.Resources["network"]);
    }
}
