using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Decides which nodes the cluster ends with and which it loses: static machines by endpoint, dynamic pools by
    /// count (keeping the lowest indexes), pools gone from the spec entirely. New nodes get the lowest free
    /// "&lt;pool&gt;-&lt;n&gt;" name and the lowest free mesh address; names and addresses of nodes removed in the same
    /// plan are not reused by it.
    /// </summary>
    internal static class InventoryPlanner
    {
        public static Inventory Build(PoolCatalog catalog, ClusterState current)
        {
            var byPool = current.Nodes.GroupBy(n => n.Pool, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var staticSlots = StaticNodeMatcher.Match(catalog, current);
            var slotsByPool = staticSlots.ToLookup(s => s.Pool.Name, StringComparer.Ordinal);
            var names = new NodeNameAllocator(current.Nodes.Select(n => n.Name).Concat(staticSlots.Select(s => s.Machine.Name).OfType<string>()));

            var drafts = new List<NodeDraft>();
            var removed = new List<NodeState>();
            foreach (var pool in catalog.Ordered)
            {
                var observed = byPool.TryGetValue(pool.Name, out var list) ? list : new List<NodeState>();
                var role = catalog.RoleOf(pool.Name);
                var poolDrafts = pool is DynamicNodePoolSpec dynamic
                    ? PlanDynamic(dynamic, MachineUser(catalog, dynamic), role, observed, names, removed)
                    : PlanStatic(pool.Name, role, slotsByPool[pool.Name].ToList(), observed, names, removed);
                drafts.AddRange(poolDrafts.OrderBy(d => d.Name, NodeNameOrder.Instance));
            }
            removed.AddRange(current.Nodes.Where(n => !catalog.Contains(n.Pool)));

            var nodes = AssignAddresses(catalog, current, drafts);
            var removedInOrder = removed
                .OrderBy(n => n.Role).ThenBy(n => n.Pool, StringComparer.Ordinal).ThenBy(n => n.Name, NodeNameOrder.Instance)
                .ToList();
            return new Inventory(nodes, removedInOrder, current);
        }

        private static IEnumerable<NodeDraft> PlanStatic(string pool, NodeRole role, IReadOnlyList<StaticSlot> slots, List<NodeState> observed,
            NodeNameAllocator names, List<NodeState> removed)
        {
            var drafts = slots.Select(s => new NodeDraft(pool, role, s.FixedName ?? names.Next(pool), s.Match, s.Machine, null)).ToList();
            var matched = new HashSet<string>(slots.Select(s => s.Match?.Name).OfType<string>(), StringComparer.Ordinal);
            removed.AddRange(observed.Where(n => !matched.Contains(n.Name)));
            return drafts;
        }

        /// <summary>The user the engine logs in as on the pool's machines: what the provider type creates them with.</summary>
        private static string MachineUser(PoolCatalog catalog, DynamicNodePoolSpec pool) =>
            Providers.ProviderCatalog.Default.Describe(catalog.ProviderOf(pool).Type).MachineUser;

        private static IEnumerable<NodeDraft> PlanDynamic(DynamicNodePoolSpec pool, string user, NodeRole role, List<NodeState> observed,
            NodeNameAllocator names, List<NodeState> removed)
        {
            var existing = observed
                .OrderBy(n => NodeNameOrder.IndexIn(n.Name, pool.Name) ?? int.MaxValue)
                .ThenBy(n => n.Name, NodeNameOrder.Instance)
                .ToList();
            var wanted = TargetCount(pool, existing.Count);
            removed.AddRange(existing.Skip(wanted));
            var drafts = existing.Take(wanted).Select(n => new NodeDraft(pool.Name, role, n.Name, n, null, pool.Provider, user)).ToList();
            while (drafts.Count < wanted) drafts.Add(new NodeDraft(pool.Name, role, names.Next(pool.Name), null, null, pool.Provider, user));
            return drafts;
        }

        /// <summary>A fixed count is exact; an autoscaled pool keeps what the autoscaler chose, within its bounds.</summary>
        private static int TargetCount(DynamicNodePoolSpec pool, int existing)
        {
            if (pool.Count is int count) return count;
            if (pool.Autoscaler is null) return 0;
            return Math.Min(Math.Max(existing, pool.Autoscaler.Min), pool.Autoscaler.Max);
        }

        private static IReadOnlyList<PlannedNode> AssignAddresses(PoolCatalog catalog, ClusterState current, IReadOnlyList<NodeDraft> drafts)
        {
            var allocator = MeshAddressAllocator.For(catalog.Spec.Kubernetes.Network);
            foreach (var node in current.Nodes)
            {
                if (!allocator.Reserve(node.MeshAddress))
                    throw new MultiCloudException(ErrorIds.StateCorrupt, ErrorKind.InvalidData,
                        $"node '{node.Name}' of cluster '{current.Name}' has mesh address '{node.MeshAddress}' in its state, which is not an IPv4 address") { Target = node.Name };
            }
            var podCidrs = PodCidrAllocator.For(catalog.Spec.Kubernetes.PodNetwork);
            foreach (var node in current.Nodes) podCidrs.Reserve(node.PodCidr);
            var nodes = new List<PlannedNode>(drafts.Count);
            foreach (var draft in drafts)
            {
                var address = draft.Observed?.MeshAddress ?? allocator.Allocate(draft.Name);
                var podCidr = Inventory.IsKubernetes(draft.Role) ? draft.Observed?.PodCidr ?? podCidrs.Allocate(draft.Name) : null;
                if (draft.Observed != null && MeshAddressAllocator.TryParseAddress(address, out var parsed) && !allocator.Contains(parsed))
                    throw PlanErrors.InvalidInput(draft.Name,
                        $"node '{draft.Name}' has mesh address {address}, outside the mesh network {allocator.Network}; the network of a cluster with nodes cannot change");
                nodes.Add(draft.ToPlannedNode(address) with { PodCidr = podCidr });
            }
            return nodes;
        }

        /// <summary>A node before its mesh address is known.</summary>
        private sealed record NodeDraft(string Pool, NodeRole Role, string Name, NodeState? Observed, StaticNodeSpec? Machine, string? Provider, string MachineUser = "root")
        {
            public PlannedNode ToPlannedNode(string meshAddress) => new PlannedNode
            {
                Name = Name,
                Pool = Pool,
                Role = Role,
                MeshAddress = meshAddress,
                Provider = Provider,
                Endpoint = Machine?.Endpoint ?? Observed?.PublicAddress,
                User = Machine?.User ?? Observed?.SshUser ?? MachineUser,
                Port = Machine?.Port ?? Observed?.SshPort ?? 22,
                PrivateKey = Machine?.PrivateKey,
                HostKeyFingerprint = Machine?.HostKeyFingerprint ?? Observed?.SshHostKeyFingerprint,
                // A dynamic node the state lists without an address was recorded before its machine was asked for.
                IsNew = Observed is null || (Provider != null && Observed.PublicAddress is null),
            };
        }
    }
}
