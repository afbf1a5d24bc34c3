using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Planning
{
    /// <summary>The read-only inputs every task builder looks at: the desired spec, the observed state and the inventory.</summary>
    internal sealed class PlanningContext
    {
        public PlanningContext(PoolCatalog pools, ClusterState current, Inventory inventory, PlanOptions options, Refresh.RefreshReport? refresh,
            LoadBalancerHealth health)
        {
            Refresh = refresh;
            Health = health;
            Pools = pools;
            Current = current;
            Inventory = inventory;
            Options = options;
            // Without a control plane left the whole Kubernetes cluster goes, so nothing is drained into it.
            Leaving = inventory.HasControlPlane ? inventory.RemovedJoined : new NodeState[0];
        }

        public ClusterSpec Desired => Pools.Spec;
        public PoolCatalog Pools { get; }
        public ClusterState Current { get; }
        public Inventory Inventory { get; }
        public PlanOptions Options { get; }

        /// <summary>What a refresh saw on the hosts just before planning; null when planning from the state alone.</summary>
        public Refresh.RefreshReport? Refresh { get; }

        /// <summary>Which load-balancer nodes answered the probe before planning.</summary>
        public LoadBalancerHealth Health { get; }

        /// <summary>Notices the task builders found; they end up in <see cref="Plan.Notices"/>, before the refresh's.</summary>
        public List<PlanNotice> Notices { get; } = new List<PlanNotice>();

        /// <summary>Removed nodes that are Kubernetes members of a cluster that stays: they are drained and removed from it first.</summary>
        public IReadOnlyList<NodeState> Leaving { get; }

        /// <summary>The spec of the last finished apply, or of the run in flight.</summary>
        public ClusterSpec? Previous => Current.AppliedSpec ?? Current.Journal?.DesiredSpec;

        public bool Includes(ClusterLayer layer) => layer <= Options.Until;

        public string? Applied(string key) => Current.Applied.TryGetValue(key, out var value) ? value : null;

        /// <summary>Applied keys that start with the prefix, in order.</summary>
        public IReadOnlyList<string> AppliedKeysStartingWith(string prefix) =>
            Current.Applied.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal).ToList();

        public IReadOnlyList<string> NodesOfLoadBalancer(LoadBalancerSpec loadBalancer) =>
            Inventory.Nodes.Where(n => loadBalancer.Pools.Contains(n.Pool)).Select(n => n.Name).ToList();
    }
}
