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
            // Azure refuses "root" as a VM's admin user; the admin user it creates has passwordless sudo.
            MachineUser = "multicloud",
            OwnKeys = new[]
            {
                new ProviderKey(AzureSettings.SubscriptionIdSetting, ProviderKeyKind.SettingOrCredential, true, "the subscription the cluster's resources live in"),
                new ProviderKey(AzureSettings.TenantIdSetting, ProviderKeyKind.SettingOrCredential, false, "the Entra ID tenant of the service principal"),
                new ProviderKey(AzureSettings.ClientIdSetting, ProviderKeyKind.SettingOrCredential, false, "the service principal's application (client) id"),
                new ProviderKey(AzureSettings.ClientSecretCredential, ProviderKeyKind.Credential, false, "the service principal's client secret; without it the managed identity signs in"),
                new ProviderKey(AzureSettings.ArmEndpointSetting, ProviderKeyKind.Setting, false, "the Resource Manager endpoint (default https://management.azure.com/)"),
                new ProviderKey(AzureSettings.ArmAudienceSetting, ProviderKeyKind.Setting, false, "the token audience Resource Manager expects (default: armEndpoint)"),
                new ProviderKey(AzureSettings.AuthorityHostSetting, ProviderKeyKind.Setting, false, "the Entra ID authority (default https://login.microsoftonline.com/)"),
                new ProviderKey(AzureSettings.DnsResourceGroupSetting, ProviderKeyKind.Setting, false, "the resource group of the Azure DNS zone (needed for DNS)"),
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
