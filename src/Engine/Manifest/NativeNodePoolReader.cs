using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using YamlDotNet.RepresentationModel;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>Reads spec.nodePools: dynamic pools first, then static ones, each in file order.</summary>
    internal static class NativeNodePoolReader
    {
        private static readonly string[] DynamicFields =
            { "name", "provider", "region", "zone", "serverType", "image", "count", "autoscaler", "diskSizeGb", "labels", "taints", "annotations" };

        private static readonly string[] StaticFields = { "name", "nodes", "labels", "taints", "annotations" };

        private static readonly string[] NodeFields = { "endpoint", "name", "user", "port", "privateKey", "hostKeyFingerprint" };

        public static IReadOnlyList<NodePoolSpec> Read(YamlFields spec, ReadContext context)
        {
            var pools = new List<NodePoolSpec>();
            var node = spec.Map("nodePools");
            if (node is null) return pools;
            var fields = new YamlFields(node, ManifestPaths.NodePools, context, "dynamic", "static");
            pools.AddRange(fields.MapItems("dynamic").Select(item => ReadDynamic(item.Path, item.Node, context)));
            pools.AddRange(fields.MapItems("static").Select(item => ReadStatic(item.Path, item.Node, context)));
            return pools;
        }

        private static DynamicNodePoolSpec ReadDynamic(string path, YamlMappingNode node, ReadContext context)
        {
            var fields = new YamlFields(node, path, context, DynamicFields);
            return new DynamicNodePoolSpec
            {
                Name = fields.Text("name", required: true) ?? string.Empty,
                Provider = fields.Text("provider", required: true) ?? string.Empty,
                Region = fields.Text("region", required: true) ?? string.Empty,
                Zone = fields.Text("zone"),
                ServerType = fields.Text("serverType", required: true) ?? string.Empty,
                Image = fields.Text("image", required: true) ?? string.Empty,
                Count = fields.Number("count"),
                Autoscaler = ReadAutoscaler(fields, context),
                DiskSizeGb = fields.Number("diskSizeGb"),
                Labels = fields.TextMap("labels"),
                Taints = ReadTaints(fields, context),
                Annotations = fields.TextMap("annotations"),
            };
        }

        private static AutoscalerSpec? ReadAutoscaler(YamlFields pool, ReadContext context)
        {
            var node = pool.Map("autoscaler");
            if (node is null) return null;
            var fields = new YamlFields(node, pool.PathOf("autoscaler"), context, "min", "max");
            var min = fields.Number("min", required: true);
            var max = fields.Number("max", required: true);
            // An autoscaler with an unusable bound is already reported; a zero stand-in would only add noise.
            return min is null || max is null ? new AutoscalerSpec(0, 0) : new AutoscalerSpec(min.Value, max.Value);
        }

        private static IReadOnlyList<TaintSpec> ReadTaints(YamlFields pool, ReadContext context)
        {
            var taints = new List<TaintSpec>();
            foreach (var (path, node) in pool.MapItems("taints"))
            {
                var fields = new YamlFields(node, path, context, "key", "value", "effect");
                var key = fields.Text("key", required: true) ?? string.Empty;
                var value = fields.Text("value");
                var effectText = fields.Text("effect", required: true);
                var effect = TaintEffect.NoSchedule;
                if (effectText != null && !ManifestVocabulary.TryParseTaintEffect(effectText, out effect))
                    context.Report(fields.PathOf("effect"), "unknown taint effect '" + effectText + "'", string.Join(", ", ManifestVocabulary.TaintEffects));
                taints.Add(new TaintSpec(key, value, effect));
            }
            return taints;
        }

        private static StaticNodePoolSpec ReadStatic(string path, YamlMappingNode node, ReadContext context)
        {
            var fields = new YamlFields(node, path, context, StaticFields);
            return new StaticNodePoolSpec
            {
                Name = fields.Text("name", required: true) ?? string.Empty,
                Nodes = fields.MapItems("nodes", required: true).Select(item => ReadNode(item.Path, item.Node, context)).ToList(),
                Labels = fields.TextMap("labels"),
                Taints = ReadTaints(fields, context),
                Annotations = fields.TextMap("annotations"),
            };
        }

        private static StaticNodeSpec ReadNode(string path, YamlMappingNode node, ReadContext context)
        {
            var fields = new YamlFields(node, path, context, NodeFields);
            var privateKey = fields.Value("privateKey");
            return new StaticNodeSpec
            {
                Endpoint = fields.Text("endpoint", required: true) ?? string.Empty,
                Name = fields.Text("name"),
                User = fields.Text("user") ?? "root",
                Port = fields.Number("port") ?? 22,
                PrivateKey = privateKey is null ? null : CredentialReader.Read(fields.PathOf("privateKey"), privateKey, context),
                HostKeyFingerprint = fields.Text("hostKeyFingerprint"),
            };
        }
    }
}
