using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// The node limits of <see cref="ManifestLimits"/>: per pool (a count, an autoscaler's max, a static pool's
    /// machines) and per cluster, every pool at its largest. Planning is linear in nodes; these keep it bounded.
    /// </summary>
    internal static class LimitRules
    {
        private static readonly string PoolAllowed = "at most " + ManifestLimits.Number(ManifestLimits.MaxNodesPerPool) + " nodes per pool";
        private static readonly string ClusterAllowed = "at most " + ManifestLimits.Number(ManifestLimits.MaxNodesPerCluster) + " nodes per cluster, every pool at its largest";

        public static void Check(ClusterCheck check)
        {
            long total = 0;
            foreach (var (pool, path) in check.Pools)
            {
                switch (pool)
                {
                    case DynamicNodePoolSpec dynamicPool:
                        if (dynamicPool.Count > ManifestLimits.MaxNodesPerPool)
                            check.Report(ManifestPaths.Field(path, "count"), "count " + ManifestLimits.Number(dynamicPool.Count.Value) + " is too large", PoolAllowed);
                        if (dynamicPool.Autoscaler?.Max > ManifestLimits.MaxNodesPerPool)
                            check.Report(ManifestPaths.Field(ManifestPaths.Field(path, "autoscaler"), "max"), "max " + ManifestLimits.Number(dynamicPool.Autoscaler.Max) + " is too large", PoolAllowed);
                        total += System.Math.Max(0, dynamicPool.MaximumCount);
                        break;
                    case StaticNodePoolSpec staticPool:
                        if (staticPool.Nodes.Count > ManifestLimits.MaxNodesPerPool)
                            check.Report(ManifestPaths.Field(path, "nodes"), "the pool lists " + ManifestLimits.Number(staticPool.Nodes.Count) + " machines", PoolAllowed);
                        total += staticPool.Nodes.Count;
                        break;
                }
            }
            if (total > ManifestLimits.MaxNodesPerCluster)
                check.Report(ManifestPaths.NodePools, "the pools add up to " + ManifestLimits.Number(total) + " nodes", ClusterAllowed);
        }
    }
}
