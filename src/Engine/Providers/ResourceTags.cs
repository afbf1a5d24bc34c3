using System.Collections.Generic;

namespace MultiCloud.Engine.Providers
{
    /// <summary>
    /// The tags (labels) on every cloud resource MultiCloud makes. The keys use only letters and dashes, so every
    /// provider accepts them (Azure tag names refuse '/', Hetzner label values are DNS-label-like).
    /// </summary>
    public static class ResourceTags
    {
        /// <summary>The cluster's id: the proof of ownership. A resource without this tag, or with another value, is not ours.</summary>
        public const string ClusterId = "multicloud-cluster-id";
        public const string Cluster = "multicloud-cluster";
        public const string Pool = "multicloud-pool";
        public const string Node = "multicloud-node";

        /// <summary>On resources a region shares (firewalls, networks), for clouds whose such resources are global by name.</summary>
        public const string Region = "multicloud-region";

        public static IReadOnlyDictionary<string, string> For(ClusterIdentity cluster, string? pool = null, string? node = null)
        {
            var tags = new SortedDictionary<string, string>(System.StringComparer.Ordinal)
            {
                [ClusterId] = cluster.Id,
                [Cluster] = cluster.Name,
            };
            if (pool != null) tags[Pool] = pool;
            if (node != null) tags[Node] = node;
            return tags;
        }

        /// <summary>True when the tags say the resource belongs to this cluster.</summary>
        public static bool IsOwnedBy(IReadOnlyDictionary<string, string>? tags, ClusterIdentity cluster) =>
            tags != null && tags.TryGetValue(ClusterId, out var id) && id == cluster.Id;
    }

    /// <summary>
    /// Resource names derived only from cluster, pool, node and region, so a retry after a crash asks the cloud for
    /// the very names the crashed run used. Node names are unique in a cluster and contain their pool.
    /// </summary>
    public static class ResourceNames
    {
        public static string Machine(ClusterIdentity cluster, string nodeName) => cluster.Name + "-" + nodeName;

        /// <summary>A resource made for one machine: "&lt;machine&gt;-disk", "-nic", "-ip".</summary>
        public static string OfMachine(ClusterIdentity cluster, string nodeName, string kind) => Machine(cluster, nodeName) + "-" + kind;

        /// <summary>A resource the cluster shares in a region: "&lt;cluster&gt;-&lt;region&gt;-net", "-key".</summary>
        public static string OfRegion(ClusterIdentity cluster, string region, string kind) => cluster.Name + "-" + region + "-" + kind;

        /// <summary>A resource the cluster shares across regions: "&lt;cluster&gt;-ssh" for an SSH key a cloud keeps per project.</summary>
        public static string OfCluster(ClusterIdentity cluster, string kind) => cluster.Name + "-" + kind;

        /// <summary>A pool's firewall (security group) in its region.</summary>
        public static string Firewall(ClusterIdentity cluster, string pool) => cluster.Name + "-" + pool + "-fw";
    }
}
