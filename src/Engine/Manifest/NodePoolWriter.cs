using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>Writes spec.nodePools: dynamic pools, then static pools, each in spec order.</summary>
    internal static class NodePoolWriter
    {
        public static void Write(YamlEventWriter yaml, IReadOnlyList<NodePoolSpec> pools)
        {
            var dynamicPools = pools.OfType<DynamicNodePoolSpec>().ToList();
            var staticPools = pools.OfType<StaticNodePoolSpec>().ToList();
            if (dynamicPools.Count == 0 && staticPools.Count == 0) return;

            yaml.Key("nodePools");
            yaml.BeginMap();
            if (dynamicPools.Count > 0)
            {
                yaml.Key("dynamic");
                yaml.BeginList();
                foreach (var pool in dynamicPools) WriteDynamic(yaml, pool);
                yaml.EndList();
            }
            if (staticPools.Count > 0)
            {
                yaml.Key("static");
                yaml.BeginList();
                foreach (var pool in staticPools) WriteStatic(yaml, pool);
                yaml.EndList();
            }
            yaml.EndMap();
        }

        private static void WriteDynamic(YamlEventWriter yaml, DynamicNodePoolSpec pool)
        {
            yaml.BeginMap();
            yaml.Field("name", pool.Name);
            yaml.Field("provider", pool.Provider);
            yaml.Field("region", pool.Region);
            yaml.Field("zone", pool.Zone);
            yaml.Field("serverType", pool.ServerType);
            yaml.Field("image", pool.Image);
            yaml.Field("count", pool.Count);
            if (pool.Autoscaler is AutoscalerSpec autoscaler)
            {
                yaml.Key("autoscaler");
                yaml.BeginMap(flow: true);
                yaml.Field("min", autoscaler.Min);
                yaml.Field("max", autoscaler.Max);
                yaml.EndMap();
            }
            yaml.Field("diskSizeGb", pool.DiskSizeGb);
            WriteScheduling(yaml, pool);
            yaml.EndMap();
        }

        private static void WriteStatic(YamlEventWriter yaml, StaticNodePoolSpec pool)
        {
            yaml.BeginMap();
            yaml.Field("name", pool.Name);
            yaml.Key("nodes");
            yaml.BeginList();
            foreach (var node in pool.Nodes)
            {
                yaml.BeginMap();
                yaml.Field("endpoint", node.Endpoint);
                yaml.Field("name", node.Name);
                if (node.User != "root") yaml.Field("user", node.User);
                if (node.Port != 22) yaml.Field("port", node.Port);
                if (node.PrivateKey != null)
                {
                    yaml.Key("privateKey");
                    ManifestWriter.WriteCredential(yaml, node.PrivateKey);
                }
                yaml.Field("hostKeyFingerprint", node.HostKeyFingerprint);
                yaml.EndMap();
            }
            yaml.EndList();
            WriteScheduling(yaml, pool);
            yaml.EndMap();
        }

        private static void WriteScheduling(YamlEventWriter yaml, NodePoolSpec pool)
        {
            yaml.TextMap("labels", pool.Labels);
            if (pool.Taints.Count > 0)
            {
                yaml.Key("taints");
                yaml.BeginList();
                foreach (var taint in pool.Taints)
                {
                    yaml.BeginMap(flow: true);
                    yaml.Field("key", taint.Key);
                    yaml.Field("value", taint.Value);
                    yaml.Field("effect", taint.Effect.ToString());
                    yaml.EndMap();
                }
                yaml.EndList();
            }
            yaml.TextMap("annotations", pool.Annotations);
        }
    }
}
