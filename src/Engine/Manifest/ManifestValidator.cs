using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MultiCloud.Engine.Model;

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

        /// <summary>
        /// The rules a spec kept in state is held to: all of them but the provider keys' (which keys a provider type
        /// knows and needs grows from release to release, and a cluster applied with an earlier one must stay readable).
        /// </summary>
        public static IReadOnlyList<ManifestDiagnostic> ValidateStored(ClusterSpec spec, string origin) =>
            ValidateCluster(new ManifestDocument(spec, new SourceMap(origin)), CancellationToken.None, storedSpec: true);

        internal static IReadOnlyList<ManifestDiagnostic> ValidateCluster(ManifestDocument document) => ValidateCluster(document, CancellationToken.None);

        internal static IReadOnlyList<ManifestDiagnostic> ValidateCluster(ManifestDocument document, CancellationToken cancellationToken, bool storedSpec = false)
        {
            var check = new ClusterCheck(document) { IsStoredSpec = storedSpec };
            var rules = new Action<ClusterCheck>[]
            {
                NamingRules.Check, ProviderRules.Check, PoolRules.Check, PoolUsageRules.Check, KubernetesRules.Check,
                ClusterNetworkRules.Check, KubernetesSourceRules.Check, LoadBalancerRules.Check, LimitRules.Check, NodeMetadataRules.Check, TextRules.Check,
            };
            foreach (var rule in rules)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rule(check);
            }
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
