using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.HetznerDns
{
    /// <summary>Hetzner DNS: known to manifests and Claudie import; no provider implementation yet.</summary>
    public static class HetznerDnsDescriptor
    {
        public static ProviderDescriptor Value { get; } = new ProviderDescriptor
        {
            Type = ProviderType.HetznerDns,
            ManifestName = "hetznerdns",
            DisplayName = "Hetzner DNS",
            Capabilities = ProviderCapabilities.Dns,
            OwnKeys = new[]
            {
                new ProviderKey("apiToken", ProviderKeyKind.Credential, false, "the DNS API token"),
            },
            ClaudieSecretKeys = new[]
            {
                new ClaudieSecretKey("apitoken", "apiToken"),
            },
        };
    }
}
