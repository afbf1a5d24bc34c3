using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MultiCloud.Engine.Model
{
    /// <summary>
    /// The labels, annotations and taints a pool's Kubernetes nodes carry: the pool's own, plus the topology labels
    /// (region, zone), MultiCloud's pool and provider labels, and the Longhorn tag of the node's zone.
    /// </summary>
    public sealed record NodeMetadataSpec(
        IReadOnlyDictionary<string, string> Labels,
        IReadOnlyDictionary<string, string> Annotations,
        IReadOnlyList<TaintSpec> Taints)
    {
        public const string RegionLabel = "topology.kubernetes.io/region";
        public const string ZoneLabel = "topology.kubernetes.io/zone";
        public const string PoolLabel = "multicloud.io/pool";
        public const string ProviderLabel = "multicloud.io/provider";
        public const string LonghornTagsAnnotation = "node.longhorn.io/default-node-tags";
        public const string StaticProvider = "static";

        /// <summary>The metadata of the nodes of <paramref name="pool"/>; the pool's own labels win over the computed ones.</summary>
        public static NodeMetadataSpec For(ClusterSpec spec, NodePoolSpec pool)
        {
            var topology = PoolTopology.For(spec, pool);
            var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [RegionLabel] = topology.Region,
                [ZoneLabel] = topology.Zone,
                [PoolLabel] = pool.Name,
                [ProviderLabel] = topology.Provider,
            };
            foreach (var label in pool.Labels) labels[label.Key] = label.Value;
            var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [LonghornTagsAnnotation] = "[\"" + topology.StorageTag + "\"]",
            };
            foreach (var annotation in pool.Annotations) annotations[annotation.Key] = annotation.Value;
            return new NodeMetadataSpec(labels, annotations, pool.Taints);
        }
    }

    /// <summary>Where a pool's nodes are, as Kubernetes topology labels and the Longhorn storage zone name.</summary>
    public sealed record PoolTopology(string Provider, string Region, string Zone)
    {
        /// <summary>The zone as a DNS label: the Longhorn node tag and the suffix of the zone's storage class.</summary>
        public string StorageTag => DnsLabel(Zone);

        /// <summary>
        /// Region: the pool's region (dynamic) or "static". Zone: a zone that already names its region as it is
        /// (AWS "eu-central-1a"), otherwise region-zone (Azure "westeurope-1"), the region when the pool has no zone,
        /// the pool's name for static pools. Labels the pool sets itself override both.
        /// </summary>
        public static PoolTopology For(ClusterSpec spec, NodePoolSpec pool)
        {
            string provider, region, zone;
            if (pool is DynamicNodePoolSpec dynamic)
            {
                var type = spec.Providers.FirstOrDefault(p => p.Name == dynamic.Provider)?.Type;
                provider = type?.ToString().ToLowerInvariant() ?? dynamic.Provider;
                region = dynamic.Region;
                zone = dynamic.Zone is null ? dynamic.Region
                    : dynamic.Zone.StartsWith(dynamic.Region, StringComparison.Ordinal) ? dynamic.Zone
                    : dynamic.Region + "-" + dynamic.Zone;
            }
            else
            {
                provider = NodeMetadataSpec.StaticProvider;
                region = NodeMetadataSpec.StaticProvider;
                zone = pool.Name;
            }
            if (pool.Labels.TryGetValue(NodeMetadataSpec.RegionLabel, out var ownRegion)) region = ownRegion;
            if (pool.Labels.TryGetValue(NodeMetadataSpec.ZoneLabel, out var ownZone)) zone = ownZone;
            return new PoolTopology(provider, region, zone);
        }

        private static string DnsLabel(string text)
        {
            var label = new StringBuilder();
            foreach (var c in text.ToLowerInvariant())
                label.Append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-');
            var trimmed = label.ToString().Trim('-');
            if (trimmed.Length > 50) trimmed = trimmed.Substring(0, 50).TrimEnd('-');
            return trimmed.Length == 0 ? "zone" : trimmed;
        }
    }
}
