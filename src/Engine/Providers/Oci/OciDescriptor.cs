using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Providers.Oci
{
    /// <summary>Oracle Cloud Infrastructure: known to manifests and Claudie import; no provider implementation yet.</summary>
    public static class OciDescriptor
    {
        public static ProviderDescriptor Value { get; } = new ProviderDescriptor
        {
            Type = ProviderType.Oci,
            ManifestName = "oci",
            DisplayName = "OCI",
            Capabilities = ProviderCapabilities.Machines,
            OwnKeys = new[]
            {
                new ProviderKey("privateKey", ProviderKeyKind.Credential, false, "the API signing key"),
                new ProviderKey("keyFingerprint", ProviderKeyKind.SettingOrCredential, false, "the fingerprint of the API signing key"),
                new ProviderKey("tenancyOcid", ProviderKeyKind.SettingOrCredential, false, "the tenancy"),
                new ProviderKey("userOcid", ProviderKeyKind.SettingOrCredential, false, "the user the key belongs to"),
                new ProviderKey("compartmentOcid", ProviderKeyKind.SettingOrCredential, false, "the compartment the resources live in"),
            },
            ClaudieSecretKeys = new[]
            {
                new ClaudieSecretKey("privatekey", "privateKey"),
                new ClaudieSecretKey("keyfingerprint", "keyFingerprint"),
                new ClaudieSecretKey("tenancyocid", "tenancyOcid"),
                new ClaudieSecretKey("userocid", "userOcid"),
                new ClaudieSecretKey("compartmentocid", "compartmentOcid"),
            },
        };
    }
}
