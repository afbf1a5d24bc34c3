using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Cloudflare
{
    /// <summary>Cloudflare: DNS records in zones of one account, through the REST API v4.</summary>
    public static class CloudflareDescriptor
    {
        public static ProviderDescriptor Value { get; } = new ProviderDescriptor
        {
            Type = ProviderType.Cloudflare,
            ManifestName = "cloudflare",
            DisplayName = "Cloudflare",
            Capabilities = ProviderCapabilities.Dns,
            OwnKeys = new[]
            {
                new ProviderKey("apiToken", ProviderKeyKind.Credential, true, "an API token with Zone:Read and DNS:Edit on the zones used"),
                new ProviderKey("accountId", ProviderKeyKind.SettingOrCredential, false, "the account that owns the zones; narrows the zone lookup"),
                new ProviderKey("endpoint", ProviderKeyKind.Setting, false, "the Cloudflare API base address (default https://api.cloudflare.com/client/v4)"),
            },
            ClaudieSecretKeys = new[]
            {
                new ClaudieSecretKey("apitoken", "apiToken"),
                new ClaudieSecretKey("accountid", "accountId"),
            },
        };
    }
}
