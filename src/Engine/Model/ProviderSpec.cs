using System.Collections.Generic;

namespace MultiCloud.Engine.Model
{
    public enum ProviderType
    {
        Azure,
        Aws,
        Hetzner,
        Gcp,
        Oci,
        GenesisCloud,
        Cloudflare,
        HetznerDns,
    }

    /// <summary>
    /// One provider instance: an account/subscription of a provider type. Several instances of one type in a
    /// cluster are normal (two Azure subscriptions). Holds references to secrets, never secrets.
    /// </summary>
    public sealed record ProviderSpec
    {
        public required string Name { get; init; }
        public required ProviderType Type { get; init; }

        /// <summary>Non-secret settings such as subscriptionId, tenantId, clientId, accountId.</summary>
        public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

        /// <summary>Secret name (clientSecret, accessKey, secretKey, token …) → where to read it. Empty means the provider's default credential chain.</summary>
        public IReadOnlyDictionary<string, CredentialRef> Credentials { get; init; } = new Dictionary<string, CredentialRef>();
    }

    public enum CredentialSource
    {
        /// <summary>An environment variable; Reference is its name.</summary>
        Env,
        /// <summary>A file; Reference is its path ("~" expands to the home folder).</summary>
        File,
        /// <summary>A SecretManagement vault secret; Reference is the secret name, Vault the vault (optional).</summary>
        Secret,
    }

    /// <summary>Where a secret lives. The secret itself is read only at the moment it is needed and never stored.</summary>
    public sealed record CredentialRef(CredentialSource Source, string Reference, string? Vault = null)
    {
        public override string ToString() => Source switch
        {
            CredentialSource.Env => "env:" + Reference,
            CredentialSource.File => "file:" + Reference,
            _ => "secret:" + (Vault is null ? Reference : Vault + "/" + Reference),
        };
    }
}
