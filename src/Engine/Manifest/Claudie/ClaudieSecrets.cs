using System.Collections.Generic;
using System.Linq;
using System.Text;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Providers;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>
    /// Claudie keeps provider credentials in Kubernetes Secrets. Their values are not in the InputManifest, so each
    /// key of the Secret becomes an environment-variable reference named after the Secret and the key; the user sets
    /// those variables, or edits the references in the exported native manifest (see docs/claudie-import.md).
    /// </summary>
    internal static class ClaudieSecrets
    {
        /// <summary>The key of a static node's Secret that holds its SSH private key.</summary>
        public const string PrivateKeyKey = "privatekey";

        /// <summary>Claudie provider types MultiCloud knows, by their Claudie name (the same as the native one).</summary>
        public static IReadOnlyDictionary<string, ProviderType> ProviderTypes =>
            ProviderCatalog.Default.Descriptors.ToDictionary(d => d.ManifestName, d => d.Type);

        /// <summary>Claudie provider types that exist there but have no MultiCloud provider.</summary>
        public static readonly IReadOnlyCollection<string> UnsupportedProviderTypes = new[] { "cloudrift", "exoscale", "openstack", "ovh", "verda" };

        /// <summary>Keys of the Claudie Secret per provider type, each with the key it becomes in the native model.</summary>
        public static IReadOnlyList<ClaudieSecretKey> KeysOf(ProviderType type) => ProviderCatalog.Default.Describe(type).ClaudieSecretKeys;

        /// <summary>"azure-secret" and "clientsecret" give AZURE_SECRET_CLIENTSECRET.</summary>
        public static string EnvironmentVariable(string secretName, string key) => Prefix(secretName) + "_" + Normalize(key);

        public static CredentialRef Reference(string secretName, string key) =>
            new CredentialRef(CredentialSource.Env, EnvironmentVariable(secretName, key));

        /// <summary>The variable-name prefix of a Secret; two Secrets with one prefix would read the same variables.</summary>
        public static string Prefix(string secretName) => Normalize(secretName);

        private static string Normalize(string text)
        {
            var name = new StringBuilder(text.Length);
            foreach (var c in text.ToUpperInvariant()) name.Append(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ? c : '_');
            return name.ToString();
        }
    }
}
