using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Gcp
{
    /// <summary>Google Cloud: known to manifests and Claudie import; no provider implementation yet.</summary>
    public static class GcpDescriptor
    {
        public static ProviderDescriptor Value { get; } = new ProviderDescriptor
        {
            Type = ProviderType.Gcp,
            ManifestName = "gcp",
            DisplayName = "GCP",
            Capabilities = ProviderCapabilities.Machines | ProviderCapabilities.Dns,
            OwnKeys = new[]
            {
                new ProviderKey("credentials", ProviderKeyKind.Credential, false, "the service account key (JSON)"),
                new ProviderKey("project", ProviderKeyKind.SettingOrCredential, false, "the project the resources live in"),
            },
            ClaudieSecretKeys = new[]
            {
                new ClaudieSecretKey("credentials", "credentials"),
                new ClaudieSecretKey("gcpproject", "project"),
            },
        };
    }
}
