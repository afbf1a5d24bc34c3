using System.Collections.Generic;
using System.Linq;

namespace MultiCloud.Engine.Model
{
    /// <summary>
    /// Pure edits of a cluster spec, behind Add-/Set-/Remove-MCNodePool and Set-/Remove-MCLoadBalancer.
    /// Each returns a new spec; the caller validates and applies it like any manifest.
    /// </summary>
    public static class SpecEdits
    {
        public static ClusterSpec AddNodePool(ClusterSpec spec, NodePoolSpec pool, NodeRole role, string? loadBalancer = null)
        {
            if (SpecQueries.FindPool(spec, pool.Name) is not null)
                throw new MultiCloudException(ErrorIds.NodePoolExists, ErrorKind.AlreadyExists,
                    $"cluster '{spec.Name}' already has a node pool named '{pool.Name}'") { Target = pool.Name };

            var pools = pool is DynamicNodePoolSpec
                ? spec.NodePools.OfType<DynamicNodePoolSpec>().Cast<NodePoolSpec>().Append(pool).Concat(spec.NodePools.OfType<StaticNodePoolSpec>())
                : spec.NodePools.Append(pool);
            var edited = spec with { NodePools = pools.ToList() };

            switch (role)
            {
                case NodeRole.Control:
                    return edited with { Kubernetes = edited.Kubernetes with { ControlPools = edited.Kubernetes.ControlPools.Append(pool.Name).ToList() } };
                case NodeRole.Compute:
                    return edited with { Kubernetes = edited.Kubernetes with { ComputePools = edited.Kubernetes.ComputePools.Append(pool.Name).ToList() } };
                default:
                    if (string.IsNullOrEmpty(loadBalancer))
                        throw new MultiCloudException(ErrorIds.InvalidEdit, ErrorKind.InvalidArgument,
                            $"node pool '{pool.Name}' has role LoadBalancer: name the load balancer it serves") { Target = pool.Name };
                    var lb = FindLoadBalancer(spec, loadBalancer!);
                    return SetLoadBalancer(edited, lb with { Pools = lb.Pools.Append(pool.Name).ToList() });
            }
        }

        /// <summary>Changes the size of a dynamic pool: a fixed count, or autoscaler bounds (one replaces the other).</summary>
        public static ClusterSpec SetNodePoolSize(ClusterSpec spec, string poolName, int? count, AutoscalerSpec? autoscaler)
        {
            var pool = FindPool(spec, poolName);
            if (pool is not DynamicNodePoolSpec dynamic)
                throw new MultiCloudException(ErrorIds.InvalidEdit, ErrorKind.InvalidArgument,
                    $"node pool '{poolName}' is static: its size is the list of its nodes; change them in the manifest") { Target = poolName };
            var resized = dynamic with { Count = count, Autoscaler = count is null ? autoscaler : null };
            return spec with { NodePools = spec.NodePools.Select(p => p.Name == poolName ? resized : p).ToList() };
        }

        public static ClusterSpec RemoveNodePool(ClusterSpec spec, string poolName)
        {
            FindPool(spec, poolName);
            return spec with
            {
                NodePools = spec.NodePools.Where(p => p.Name != poolName).ToList(),
                Kubernetes = spec.Kubernetes with
                {
                    ControlPools = spec.Kubernetes.ControlPools.Where(p => p != poolName).ToList(),
                    ComputePools = spec.Kubernetes.ComputePools.Where(p => p != poolName).ToList(),
                },
                LoadBalancers = spec.LoadBalancers.Select(lb => lb with
                {
                    Pools = lb.Pools.Where(p => p != poolName).ToList(),
                    Roles = lb.Roles.Select(r => r with { TargetPools = r.TargetPools.Where(p => p != poolName).ToList() }).ToList(),
                }).ToList(),
            };
        }

        /// <summary>
        /// Adds the load balancer, or replaces the one of the same name; with <paramref name="keepExistingPools"/> a
        /// replaced load balancer keeps the node pools it had (Set-MCLoadBalancer without -Pool).
        /// </summary>
        public static ClusterSpec SetLoadBalancer(ClusterSpec spec, LoadBalancerSpec loadBalancer, bool keepExistingPools = false)
        {
            var existing = spec.LoadBalancers.FirstOrDefault(lb => lb.Name == loadBalancer.Name);
            if (keepExistingPools && existing is not null) loadBalancer = loadBalancer with { Pools = existing.Pools };
            var replaced = spec.LoadBalancers.Any(lb => lb.Name == loadBalancer.Name)
                ? spec.LoadBalancers.Select(lb => lb.Name == loadBalancer.Name ? loadBalancer : lb)
                : spec.LoadBalancers.Append(loadBalancer);
            return spec with { LoadBalancers = replaced.ToList() };
        }

        /// <summary>Removes the load balancer; its node pools go with it, since they serve nothing else.</summary>
        public static ClusterSpec RemoveLoadBalancer(ClusterSpec spec, string name)
        {
            var lb = FindLoadBalancer(spec, name);
            var withoutPools = lb.Pools.Aggregate(spec, RemoveNodePool);
            return withoutPools with { LoadBalancers = withoutPools.LoadBalancers.Where(l => l.Name != name).ToList() };
        }

        public static LoadBalancerSpec FindLoadBalancer(ClusterSpec spec, string name) =>
            spec.LoadBalancers.FirstOrDefault(lb => lb.Name == name)
            ?? throw new MultiCloudException(ErrorIds.LoadBalancerNotFound, ErrorKind.NotFound,
                $"cluster '{spec.Name}' has no load balancer named '{name}'; it has: {Names(spec.LoadBalancers.Select(l => l.Name))}") { Target = name };

        private static NodePoolSpec FindPool(ClusterSpec spec, string name) =>
            SpecQueries.FindPool(spec, name)
            ?? throw new MultiCloudException(ErrorIds.NodePoolNotFound, ErrorKind.NotFound,
                $"cluster '{spec.Name}' has no node pool named '{name}'; it has: {Names(spec.NodePools.Select(p => p.Name))}") { Target = name };

        private static string Names(IEnumerable<string> names)
        {
            var list = names.ToList();
            return list.Count == 0 ? "none" : string.Join(", ", list);
        }
    }
}
