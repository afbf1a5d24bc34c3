using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Hetzner
{
    /// <summary>Hetzner Cloud: servers in one project, reached through its REST API.</summary>
    public static class HetznerDescriptor
    {
        public static ProviderDescriptor Value { get; } = new ProviderDescriptor
        {
            Type = ProviderType.Hetzner,
            ManifestName = "hetzner",
            DisplayName = "Hetzner",
            Capabilities = ProviderCapabilities.Machines,
            OwnKeys = new[]
            {
                new ProviderKey("token", ProviderKeyKind.Credential, true, "the API token of the Hetzner Cloud project (read and write)"),
                new ProviderKey("endpoint", ProviderKeyKind.Setting, false, "the Hetzner Cloud API base address (default https://api.hetzner.cloud/v1)"),
            },
            ClaudieSecretKeys = new[]
            {
                new ClaudieSecretKey("credentials", "token"),
            },
        };
    }
}
