using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>Provider names, credential references, and the pools and DNS records that refer to providers.</summary>
    internal static class ProviderRules
    {
        public static void Check(ClusterCheck check)
        {
            var cluster = check.Cluster;
            for (var p = 0; p < cluster.Providers.Count; p++)
            {
                var provider = cluster.Providers[p];
                if (provider.Name.Length == 0)
                    check.Report(ManifestPaths.Field(ManifestPaths.Provider(p), "name"), "provider name is empty", "a name that pools and DNS records refer to");
                foreach (var credential in provider.Credentials)
                    CheckCredential(check, ManifestPaths.Credential(p, credential.Key), credential.Value);
                ProviderKeyRules.Check(check, provider, ManifestPaths.Provider(p));
            }
            check.RequireUnique(cluster.Providers.Select((provider, p) => (provider.Name, ManifestPaths.Field(ManifestPaths.Provider(p), "name"))), "provider");

            foreach (var (pool, path) in check.Pools)
            {
                if (pool is DynamicNodePoolSpec dynamicPool)
                    RequireProvider(check, ManifestPaths.Field(path, "provider"), dynamicPool.Provider, ManifestVocabulary.MachineProviderTypes, "cannot create machines");
            }

            for (var l = 0; l < cluster.LoadBalancers.Count; l++)
            {
                var dns = cluster.LoadBalancers[l].Dns;
                if (dns != null)
                    RequireProvider(check, ManifestPaths.Field(ManifestPaths.Dns(l), "provider"), dns.Provider, ManifestVocabulary.DnsProviderTypes, "cannot serve DNS records");
            }
        }

        /// <summary>A credential reference names something to read: an empty one, or a vault outside a secret, cannot be resolved.</summary>
        public static void CheckCredential(ClusterCheck check, string path, CredentialRef credential)
        {
            var source = CredentialReader.Name(credential.Source);
            var referencePath = ManifestPaths.Field(path, source);
            if (credential.Reference.Length == 0)
                check.Report(referencePath, source + " reference is empty", CredentialReader.Shape);
            else if (credential.Source == CredentialSource.Env && !SystemNames.IsEnvironmentVariable(credential.Reference))
                check.Report(referencePath, "'" + credential.Reference + "' is not an environment variable name", SystemNames.EnvironmentVariableRule);
            else
                TextRules.Require(check, referencePath, source + " reference", credential.Reference);
            if (credential.Vault != null) TextRules.Require(check, ManifestPaths.Field(path, "vault"), "vault", credential.Vault);
            if (credential.Vault != null && credential.Source != CredentialSource.Secret)
                check.Report(ManifestPaths.Field(path, "vault"), "vault only goes with secret", CredentialReader.Shape);
        }

        private static void RequireProvider(ClusterCheck check, string path, string name, IReadOnlyList<ProviderType> capable, string incapable)
        {
            var candidates = check.Cluster.Providers.Where(p => p.Name.Length > 0 && capable.Contains(p.Type)).Select(p => p.Name).Distinct().ToList();
            var allowed = candidates.Count > 0
                ? string.Join(", ", candidates)
                : "a provider of type " + ManifestVocabulary.OneOf(capable.Select(ManifestVocabulary.Name));
            var provider = check.FindProvider(name);
            if (provider is null)
                check.Report(path, "provider '" + name + "' does not exist", allowed);
            else if (!capable.Contains(provider.Type))
                check.Report(path, "provider '" + name + "' is of type " + ManifestVocabulary.Name(provider.Type) + ", which " + incapable, allowed);
        }
    }
}
