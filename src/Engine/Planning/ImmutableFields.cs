using System;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Refuses changes a live cluster cannot take: what a VM is built from, a pool's kind or role, the mesh network.
    /// Compared with the last applied spec (or the spec of the run in flight) and with the roles nodes have in state.
    /// Each error says what to do instead.
    /// </summary>
    internal static class ImmutableFields
    {
        public static void Check(PoolCatalog desired, ClusterState current)
        {
            var previous = current.AppliedSpec ?? current.Journal?.DesiredSpec;
            if (previous != null)
            {
                if (current.Nodes.Count > 0) CheckNetwork(previous.Kubernetes.Network, desired.Spec.Kubernetes.Network);
                CheckKubernetesNetworks(previous.Kubernetes, desired.Spec.Kubernetes, current);
                foreach (var pool in desired.Ordered)
                {
                    var old = previous.NodePools.FirstOrDefault(p => p.Name == pool.Name);
                    if (old is null) continue;
                    CheckPool(old, pool, HasMachines(current, pool.Name));
                    var oldRole = SpecQueries.RoleOf(previous, pool.Name);
                    if (oldRole is NodeRole role) CheckRole(pool.Name, role, desired.RoleOf(pool.Name));
                }
            }
            foreach (var node in current.Nodes.Where(n => desired.Contains(n.Pool)))
                CheckRole(node.Pool, node.Role, desired.RoleOf(node.Pool));
        }

        private static void CheckNetwork(string was, string now)
        {
            var same = MeshAddressAllocator.ParseNetwork(now).ToString() == (TryNormalize(was) ?? was);
            if (!same)
                throw PlanErrors.Immutable("kubernetes.network", "the cluster's mesh network", "kubernetes.network", was, now,
                    "keep the network: every node holds an address in it; a different network needs a new cluster");
        }

        /// <summary>
        /// The pod network is fixed once a node holds a /24 of it (its mesh peers route that /24), the service network
        /// once Kubernetes runs (kubeadm put it into the API server and the cluster's service IPs).
        /// </summary>
        private static void CheckKubernetesNetworks(KubernetesSpec was, KubernetesSpec now, ClusterState current)
        {
            const string instead = "changing it is not supported: it would need every node rebuilt; keep the value, or build a new cluster";
            if (current.Nodes.Any(n => n.PodCidr != null) && !SameNetwork(was.PodNetwork, now.PodNetwork))
                throw PlanErrors.Immutable("kubernetes.podNetwork", "the cluster's pod network", "kubernetes.podNetwork", was.PodNetwork, now.PodNetwork,
                    "every Kubernetes node holds a /24 of it; " + instead);
            if (current.Nodes.Any(n => n.Joined) && !SameNetwork(was.ServiceNetwork, now.ServiceNetwork))
                throw PlanErrors.Immutable("kubernetes.serviceNetwork", "the cluster's service network", "kubernetes.serviceNetwork", was.ServiceNetwork, now.ServiceNetwork,
                    "the API server and every service's cluster IP use it; " + instead);
        }

        private static bool SameNetwork(string was, string now) => (TryNormalize(was) ?? was) == (TryNormalize(now) ?? now);

        private static string? TryNormalize(string network)
        {
            try
            {
                return MeshAddressAllocator.ParseNetwork(network).ToString();
            }
            catch (MultiCloudException)
            {
                return null;
            }
        }

        private static void CheckRole(string pool, NodeRole was, NodeRole now)
        {
            if (was != now)
                throw PlanErrors.Immutable(pool, $"node pool '{pool}'", "role", Describe.Role(was), Describe.Role(now),
                    "add a new pool with the new role, apply, then remove this one");
        }

        /// <summary>
        /// True once a machine of the pool exists. Until then what the machines are built from can still change: a
        /// first run the cloud refused (a server type it does not have) must be fixable in the manifest.
        /// </summary>
        private static bool HasMachines(ClusterState current, string pool) => current.Nodes.Any(n => n.Pool == pool && n.PublicAddress != null);

        private static void CheckPool(NodePoolSpec was, NodePoolSpec now, bool hasMachines)
        {
            var what = $"node pool '{now.Name}'";
            if (was is DynamicNodePoolSpec oldDynamic && now is DynamicNodePoolSpec newDynamic)
            {
                if (!hasMachines) return;
                var instead = $"add a new pool with the new value, apply, then remove '{now.Name}'";
                Same(now.Name, what, "provider", oldDynamic.Provider, newDynamic.Provider, instead);
                Same(now.Name, what, "region", oldDynamic.Region, newDynamic.Region, instead);
                Same(now.Name, what, "zone", oldDynamic.Zone, newDynamic.Zone, instead);
                Same(now.Name, what, "serverType", oldDynamic.ServerType, newDynamic.ServerType, instead);
                Same(now.Name, what, "image", oldDynamic.Image, newDynamic.Image, instead);
                Same(now.Name, what, "diskSizeGb", oldDynamic.DiskSizeGb?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    newDynamic.DiskSizeGb?.ToString(System.Globalization.CultureInfo.InvariantCulture), instead);
            }
            else if (was.GetType() != now.GetType())
            {
                throw PlanErrors.Immutable(now.Name, what, "kind", Kind(was), Kind(now),
                    $"add a new {Kind(now)} pool under another name, apply, then remove '{now.Name}'");
            }
        }

        private static void Same(string pool, string what, string field, string? was, string? now, string instead)
        {
            if (!string.Equals(was, now, StringComparison.Ordinal)) throw PlanErrors.Immutable(pool, what, field, was, now, instead);
        }

        private static string Kind(NodePoolSpec pool) => pool is DynamicNodePoolSpec ? "dynamic" : "static";
    }
}
