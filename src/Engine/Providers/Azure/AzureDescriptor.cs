using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>Azure: VMs in one subscription (two subscriptions are two provider instances) and Azure DNS zones.</summary>
    public static class AzureDescriptor
    {
        public static ProviderDescriptor Value { get; } = new ProviderDescriptor
        {
            Type = ProviderType.Azure,
            ManifestName = "azure",
            DisplayName = "Azure",
            Capabilities = ProviderCapabilities.Machines | ProviderCapabilities.Dns,
            OwnKeys = new[]
            {
                new ProviderKey("subscriptionId", ProviderKeyKind.SettingOrCredential, true, "the subscription the cluster's resources live in"),
                new ProviderKey("tenantId", ProviderKeyKind.SettingOrCredential, false, "the Entra ID tenant of the service principal"),
                new ProviderKey("clientId", ProviderKeyKind.SettingOrCredential, false, "the service principal's application (client) id"),
                new ProviderKey("clientSecret", ProviderKeyKind.Credential, false, "the service principal's client secret; without it the default Azure credential (managed identity, environment) is used"),
            },
            ClaudieSecretKeys = new[]
            {
                new ClaudieSecretKey("subscriptionid", "subscriptionId"),
                new ClaudieSecretKey("tenantid", "tenantId"),
                new ClaudieSecretKey("clientid", "clientId"),
                new ClaudieSecretKey("clientsecret", "clientSecret"),
            },
        };
    }
}
