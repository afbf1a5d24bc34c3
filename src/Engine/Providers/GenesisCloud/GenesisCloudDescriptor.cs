using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.GenesisCloud
{
    /// <summary>Genesis Cloud: known to manifests and Claudie import; no provider implementation yet.</summary>
    public static class GenesisCloudDescriptor
    {
        public static ProviderDescriptor Value { get; } = new ProviderDescriptor
        {
            Type = ProviderType.GenesisCloud,
            ManifestName = "genesiscloud",
            DisplayName = "Genesis Cloud",
            Capabilities = ProviderCapabilities.Machines,
            OwnKeys = new[]
            {
                new ProviderKey("apiToken", ProviderKeyKind.Credential, false, "the API token"),
            },
            ClaudieSecretKeys = new[]
            {
                new ClaudieSecretKey("apitoken", "apiToken"),
            },
        };
    }
}
