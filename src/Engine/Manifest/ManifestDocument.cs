using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>One cluster read from a manifest, with the map back to where each field was written.</summary>
    public sealed record ManifestDocument(ClusterSpec Cluster, SourceMap Source);

    /// <summary>What reading (and validating) a manifest file produced: every cluster in it and every problem at once.</summary>
    public sealed record ManifestLoadResult(IReadOnlyList<ManifestDocument> Documents, IReadOnlyList<ManifestDiagnostic> Diagnostics)
    {
        public bool IsValid => Diagnostics.Count == 0;
        public IReadOnlyList<ClusterSpec> Clusters => Documents.Select(d => d.Cluster).ToList();
    }

    /// <summary>The two manifest dialects MultiCloud reads.</summary>
    public enum ManifestFormat
    {
        /// <summary>apiVersion multicloud.io/v1, kind Cluster.</summary>
        Native,
        /// <summary>Claudie's InputManifest, apiVersion claudie.io/v1beta1.</summary>
        Claudie,
    }
}

namespace MultiCloud.Engine.Manifest
{
    public static class ManifestLoadResultExtensions
    {
        /// <summary>Throws a <see cref="ManifestException"/> carrying every problem when the result has any; otherwise returns it.</summary>
        public static ManifestLoadResult ThrowIfInvalid(this ManifestLoadResult result)
        {
            if (result.IsValid) return result;
            throw new ManifestException(result.Diagnostics[0].Location.File, result.Diagnostics);
        }
    }
}
