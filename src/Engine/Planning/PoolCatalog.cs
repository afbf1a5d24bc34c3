using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// The desired pools with the role each plays, checked for the contradictions no plan can resolve (a pool with
    /// two roles or none, a reference to a pool or provider that does not exist). Pools are listed in planning order:
    /// control, compute, load balancer, then by name, so a reordered manifest plans the same.
    /// </summary>
    internal sealed class PoolCatalog
    {
        private readonly Dictionary<string, NodePoolSpec> _pools;
        private readonly Dictionary<string, NodeRole> _roles;

        private PoolCatalog(ClusterSpec spec, Dictionary<string, NodePoolSpec> pools, Dictionary<string, NodeRole> roles)
        {
            Spec = spec;
            _pools = pools;
            _roles = roles;
            Ordered = pools.Values.OrderBy(p => roles[p.Name]).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        }

        public ClusterSpec Spec { get; }

        /// <summary>Every pool of the spec in planning order.</summary>
        public IReadOnlyList<NodePoolSpec> Ordered { get; }

        public bool Contains(string pool) => _pools.ContainsKey(pool);

        public NodePoolSpec? Find(string pool) => _pools.TryGetValue(pool, out var spec) ? spec : null;

        public NodeRole RoleOf(string pool) => _roles[pool];

        public ProviderSpec ProviderOf(DynamicNodePoolSpec pool) => Spec.Providers.First(p => p.Name == pool.Provider);

        public static PoolCatalog From(ClusterSpec spec)
        {
            var pools = new Dictionary<string, NodePoolSpec>(StringComparer.Ordinal);
            foreach (var pool in spec.NodePools)
            {
                if (pools.ContainsKey(pool.Name))
                    throw PlanErrors.InvalidInput(pool.Name, $"node pool '{pool.Name}' is defined twice; pool names must be unique");
                pools.Add(pool.Name, pool);
                CheckPool(spec, pool);
            }

            var roles = new Dictionary<string, NodeRole>(StringComparer.Ordinal);
            Assign(roles, pools, spec.Kubernetes.ControlPools, NodeRole.Control, "kubernetes.controlPools");
            Assign(roles, pools, spec.Kubernetes.ComputePools, NodeRole.Compute, "kubernetes.computePools");
            var loadBalancerNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var loadBalancer in spec.LoadBalancers)
            {
                if (!loadBalancerNames.Add(loadBalancer.Name))
                    throw PlanErrors.InvalidInput(loadBalancer.Name, $"load balancer '{loadBalancer.Name}' is defined twice; load balancer names must be unique");
                Assign(roles, pools, loadBalancer.Pools, NodeRole.LoadBalancer, $"load balancer '{loadBalancer.Name}' pools");
                foreach (var role in loadBalancer.Roles)
                    foreach (var target in role.TargetPools.Where(t => !pools.ContainsKey(t)))
                        throw PlanErrors.InvalidInput(loadBalancer.Name, $"load balancer '{loadBalancer.Name}' role '{role.Name}' targets pool '{target}', which is not defined");
            }

            foreach (var pool in pools.Keys.Where(p => !roles.ContainsKey(p)))
                throw PlanErrors.InvalidInput(pool, $"node pool '{pool}' is listed in neither kubernetes.controlPools, kubernetes.computePools nor any load balancer's pools, so it has no role");
            return new PoolCatalog(spec, pools, roles);
        }

        private static void Assign(Dictionary<string, NodeRole> roles, Dictionary<string, NodePoolSpec> pools, IReadOnlyList<string> names, NodeRole role, string where)
        {
            foreach (var name in names)
            {
                if (!pools.ContainsKey(name))
                    throw PlanErrors.InvalidInput(name, $"{where} names pool '{name}', which is not defined");
                if (roles.TryGetValue(name, out var existing))
                    throw PlanErrors.InvalidInput(name, $"node pool '{name}' is used as {Describe.Role(existing)} and again in {where}; a pool has exactly one role");
                roles.Add(name, role);
            }
        }

        private static void CheckPool(ClusterSpec spec, NodePoolSpec pool)
        {
            if (!(pool is DynamicNodePoolSpec dynamic)) return;
            if (!spec.Providers.Any(p => p.Name == dynamic.Provider))
                throw PlanErrors.InvalidInput(pool.Name, $"node pool '{pool.Name}' uses provider '{dynamic.Provider}', which is not defined");
            if (dynamic.Count < 0 || dynamic.Autoscaler is { } scaler && (scaler.Min < 0 || scaler.Max < scaler.Min))
                throw PlanErrors.InvalidInput(pool.Name, $"node pool '{pool.Name}' has an impossible node count");
        }
    }
}
