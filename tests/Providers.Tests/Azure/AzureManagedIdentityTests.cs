using MultiCloud.CloudDoubles.Azure;
using MultiCloud.Engine.Providers;
using Xunit;
using static MultiCloud.Providers.Tests.Azure.AzureMachineProviderTests;

namespace MultiCloud.Providers.Tests.Azure;

/// <summary>
/// A provider entry with no clientSecret signs in with the managed identity, the way an Azure Automation runbook does:
/// Azure.Identity's ManagedIdentityCredential finds IDENTITY_ENDPOINT and IDENTITY_HEADER (set here to the Entra
/// double's managed-identity endpoint) and asks it for the ARM token. The variables are process-wide, but only this
/// test signs in without a secret.
/// </summary>
public sealed class AzureManagedIdentityTests : IAsyncLifetime
{
    private const string IdentityClient = "77777777-0000-4000-8000-000000000001";
    private const string IdentityHeader = "header-of-this-sandbox";
    private AzureTestCloud cloud = null!;

    public async Task InitializeAsync() => cloud = await AzureTestCloud.StartAsync();

    public async Task DisposeAsync() => await cloud.DisposeAsync();

    [Fact]
    public async Task EnsureNetworkAsync_NoSecretInTheManifest_SignsInWithTheManagedIdentity()
    {
        cloud.Azure.Directory.SetManagedIdentity(AzureTestCloud.Tenant, IdentityClient, IdentityHeader);
        cloud.Azure.Arm.Allow(AzureTestCloud.Subscription, IdentityClient);
        var spec = cloud.Spec("azure-runbook", secretVariable: null);
        spec = spec with { Settings = spec.Settings.Where(s => s.Key is not ("clientId" or "tenantId")).ToDictionary(s => s.Key, s => s.Value) };
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", new Uri(cloud.Azure.AuthorityHost, EntraIdDouble.ManagedIdentityPath.TrimStart('/')).AbsoluteUri);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", IdentityHeader);
        try
        {
            await using var provider = cloud.Machines(spec);

            var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);

            Assert.Contains("hybrid-westeurope-rg", network.Resources["resourceGroup"]);
            Assert.Equal(IdentityClient, Assert.Single(cloud.Azure.Directory.Tokens.Values).ClientId);
            Assert.Empty(cloud.Credentials.Resolved);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        }
    }
}
