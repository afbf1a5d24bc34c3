using System.Linq;

namespace MultiCloud.Engine.Model
{
    /// <summary>Questions about a spec that several parts of the engine ask.</summary>
    public static class SpecQueries
    {
        /// <summary>The role a pool plays, from where the cluster lists it; null when it is listed nowhere.</summary>
        public static NodeRole? RoleOf(ClusterSpec spec, string poolName)
        {
            if (spec.Kubernetes.ControlPools.Contains(poolName)) return NodeRole.Control;
            if (spec.Kubernetes.ComputePools.Contains(poolName)) return NodeRole.Compute;
            if (spec.LoadBalancers.Any(lb => lb.Pools.Contains(poolName))) return NodeRole.LoadBalancer;
            return null;
        }

        public static NodePoolSpec? FindPool(ClusterSpec spec, string poolName) =>
            spec.NodePools.FirstOrDefault(p => p.Name == poolName);
    }
}
