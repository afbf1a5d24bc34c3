using System.Linq;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// Labels, taints and annotations of every pool, held to Kubernetes' syntax: they reach the Kubernetes API and
    /// node scripts, so what the API would refuse (or a script could misread) is refused here with its place.
    /// </summary>
    internal static class NodeMetadataRules
    {
        public const string AnnotationValueRule = "any text without NUL characters; all annotations of a pool at most 256 KiB";

        public static void Check(ClusterCheck check)
        {
            foreach (var (pool, path) in check.Pools)
            {
                var labels = ManifestPaths.Field(path, "labels");
                foreach (var label in pool.Labels.OrderBy(l => l.Key, System.StringComparer.Ordinal))
                {
                    var entry = ManifestPaths.Field(labels, label.Key);
                    Key(check, entry, "label", label.Key);
                    var problem = KubernetesNames.ValueProblem(label.Value);
                    if (problem != null) check.Report(entry, "label value '" + label.Value + "' " + problem, KubernetesNames.ValueRule);
                }

                var annotations = ManifestPaths.Field(path, "annotations");
                foreach (var annotation in pool.Annotations.OrderBy(a => a.Key, System.StringComparer.Ordinal))
                {
                    var entry = ManifestPaths.Field(annotations, annotation.Key);
                    Key(check, entry, "annotation", annotation.Key);
                    // Values travel as data (API objects, quoted script words); NUL alone cannot be carried by either.
                    if (annotation.Value.IndexOf('\0') >= 0)
                        check.Report(entry, "annotation value holds a NUL character", AnnotationValueRule);
                }
                var bytes = KubernetesNames.AnnotationBytes(pool.Annotations);
                if (bytes > KubernetesNames.MaxAnnotationBytes)
                    check.Report(annotations, "the annotations add up to " + ManifestLimits.Number(bytes) + " bytes", AnnotationValueRule);

                var taints = ManifestPaths.Field(path, "taints");
                for (var t = 0; t < pool.Taints.Count; t++)
                {
                    var taint = pool.Taints[t];
                    var taintPath = ManifestPaths.Item(taints, t);
                    Key(check, ManifestPaths.Field(taintPath, "key"), "taint", taint.Key);
                    var problem = taint.Value is null ? null : KubernetesNames.ValueProblem(taint.Value);
                    if (problem != null) check.Report(ManifestPaths.Field(taintPath, "value"), "taint value '" + taint.Value + "' " + problem, KubernetesNames.ValueRule);
                }
            }
        }

        private static void Key(ClusterCheck check, string path, string what, string key)
        {
            var problem = KubernetesNames.KeyProblem(key);
            if (problem is null) return;
            check.Report(path, key.Length == 0 ? what + " key is empty" : what + " key '" + key + "' " + problem, KubernetesNames.KeyRule);
        }
    }
}
