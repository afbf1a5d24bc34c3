using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>Names that become DNS labels or node names, and names that must be unique within their kind.</summary>
    internal static class NamingRules
    {
        public static readonly string LabelAllowed = DnsNames.LabelRule + ", 1 to 63 characters";
        public static readonly string PoolLabelAllowed = DnsNames.LabelRule + ", 1 to 40 characters (node names add '-<n>')";

        public static void Check(ClusterCheck check)
        {
            var cluster = check.Cluster;
            RequireLabel(check, ManifestPaths.MetadataName, cluster.Name, "cluster", DnsNames.MaxLabelLength);

            foreach (var (pool, path) in check.Pools)
                RequireLabel(check, ManifestPaths.Field(path, "name"), pool.Name, "pool", DnsNames.MaxPoolNameLength);
            check.RequireUnique(check.Pools.Select(p => (p.Pool.Name, ManifestPaths.Field(p.Path, "name"))), "pool");

            var nodes = check.Pools
                .Where(p => p.Pool is StaticNodePoolSpec)
                .SelectMany(p => ((StaticNodePoolSpec)p.Pool).Nodes.Select((node, i) => (Node: node, Path: ManifestPaths.Item(ManifestPaths.Field(p.Path, "nodes"), i))))
                .Where(n => n.Node.Name != null)
                .ToList();
            foreach (var (node, path) in nodes)
                RequireLabel(check, ManifestPaths.Field(path, "name"), node.Name!, "node", DnsNames.MaxLabelLength);
            check.RequireUnique(nodes.Select(n => (n.Node.Name!, ManifestPaths.Field(n.Path, "name"))), "node");

            for (var l = 0; l < cluster.LoadBalancers.Count; l++)
            {
                var loadBalancer = cluster.LoadBalancers[l];
                RequireLabel(check, ManifestPaths.Field(ManifestPaths.LoadBalancer(l), "name"), loadBalancer.Name, "load balancer", DnsNames.MaxLabelLength);
                for (var r = 0; r < loadBalancer.Roles.Count; r++)
                    RequireLabel(check, ManifestPaths.Field(ManifestPaths.Role(l, r), "name"), loadBalancer.Roles[r].Name, "role", DnsNames.MaxLabelLength);
                check.RequireUnique(loadBalancer.Roles.Select((role, r) => (role.Name, ManifestPaths.Field(ManifestPaths.Role(l, r), "name"))), "role");
            }
            check.RequireUnique(cluster.LoadBalancers.Select((lb, l) => (lb.Name, ManifestPaths.Field(ManifestPaths.LoadBalancer(l), "name"))), "load balancer");
        }

        private static void RequireLabel(ClusterCheck check, string path, string name, string what, int maxLength)
        {
            var allowed = maxLength == DnsNames.MaxPoolNameLength ? PoolLabelAllowed : LabelAllowed;
            if (name.Length == 0)
                check.Report(path, what + " name is empty", allowed);
            else if (name.Length > maxLength)
                check.Report(path, what + " name '" + name + "' is " + ClusterCheck.Number(name.Length) + " characters long", allowed);
            else if (!DnsNames.IsLabel(name, maxLength))
                check.Report(path, what + " name '" + name + "' cannot be used as a DNS label", allowed);
        }
    }
}
