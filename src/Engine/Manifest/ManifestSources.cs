using System.Runtime.CompilerServices;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// Remembers which manifest (and where in it) each loaded spec came from, so a problem found later — a cloud
    /// catalogue that lacks a pool's server type at plan time — still names file, line and field. Keyed by the spec
    /// instance and held weakly: an edited spec (a new instance) has no source and is named by its cluster instead.
    /// </summary>
    public static class ManifestSources
    {
        private static readonly ConditionalWeakTable<ClusterSpec, SourceMap> Sources = new ConditionalWeakTable<ClusterSpec, SourceMap>();

        public static void Remember(ManifestLoadResult result)
        {
            foreach (var document in result.Documents) Sources.AddOrUpdate(document.Cluster, document.Source);
        }

        public static SourceMap? Find(ClusterSpec spec) => Sources.TryGetValue(spec, out var source) ? source : null;
    }
}
