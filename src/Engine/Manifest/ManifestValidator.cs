using System.Collections.Generic;
using System.Linq;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// Model-level rules for manifests: names, references between parts, pool roles, network size, ports, versions.
    /// Locations come from each document's <see cref="SourceMap"/>, so problems point into the user's own file.
    /// </summary>
    public static class ManifestValidator
    {
        public static IReadOnlyList<ManifestDiagnostic> Validate(IReadOnlyList<ManifestDocument> documents) =>
            documents.SelectMany(ValidateCluster).Concat(ValidateAcrossDocuments(documents)).ToList();

        internal static IReadOnlyList<ManifestDiagnostic> ValidateCluster(ManifestDocument document)
        {
            var check = new ClusterCheck(document);
            NamingRules.Check(check);
            ProviderRules.Check(check);
            PoolRules.Check(check);
            PoolUsageRules.Check(check);
            KubernetesRules.Check(check);
            ClusterNetworkRules.Check(check);
            KubernetesSourceRules.Check(check);
            LoadBalancerRules.Check(check);
            return check.Diagnostics;
        }

        /// <summary>Cluster names must differ between the documents read together.</summary>
        internal static IReadOnlyList<ManifestDiagnostic> ValidateAcrossDocuments(IReadOnlyList<ManifestDocument> documents)
        {
            var diagnostics = new List<ManifestDiagnostic>();
            var first = new Dictionary<string, ManifestDocument>();
            foreach (var document in documents)
            {
                var name = document.Cluster.Name;
                if (name.Length == 0) continue;
                if (!first.TryGetValue(name, out var earlier))
                {
                    first[name] = document;
                    continue;
                }
                var where = earlier.Source.Locate(ManifestPaths.MetadataName).Location;
                diagnostics.Add(document.Source.Diagnose(ManifestPaths.MetadataName,
                    "cluster name '" + name + "' is already used at " + where, "a name no other cluster in the file uses"));
            }
            return diagnostics;
        }
    }
}
