using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Turns a desired spec and the observed state into a <see cref="Plan"/>. Pure: no I/O, clock, randomness or
    /// credentials, so the same inputs always give the same plan and the same <see cref="Plan.Id"/>, and a new
    /// cluster plans offline. A spec and state that already agree give an empty plan.
    /// </summary>
    public static class Planner
    {
        /// <summary>
        /// Plans the way from <paramref name="current"/> (null for a new cluster) to <paramref name="desired"/>.
        /// Throws <see cref="MultiCloudException"/> with kind InvalidArgument for changes a live cluster cannot take
        /// (ImmutableFieldChanged, KubernetesVersionChangeUnsupported), a full mesh network (MeshNetworkFull), or a
        /// spec that contradicts itself (PlanInputInvalid).
        /// </summary>
        public static Plan Create(ClusterSpec desired, ClusterState? current, PlanOptions? options = null) =>
            Create(desired, current, options, null, null, CancellationToken.None);

        /// <summary>As above; the token bounds the time spent (it is checked between the phases of planning).</summary>
        public static Plan Create(ClusterSpec desired, ClusterState? current, PlanOptions? options, CancellationToken cancellationToken) =>
            Create(desired, current, options, null, null, cancellationToken);

        /// <summary>As <see cref="Create(ClusterSpec, ClusterState?, PlanOptions?, Refresh.RefreshReport?, LoadBalancerHealth?, CancellationToken)"/>, with no time bound and every load-balancer node taken to answer.</summary>
        public static Plan Create(ClusterSpec desired, ClusterState? current, PlanOptions? options, Refresh.RefreshReport? refreshed) =>
            Create(desired, current, options, refreshed, null, CancellationToken.None);

        /// <summary>As <see cref="Create(ClusterSpec, ClusterState?, PlanOptions?, Refresh.RefreshReport?, LoadBalancerHealth?, CancellationToken)"/>, with every load-balancer node taken to answer.</summary>
        public static Plan Create(ClusterSpec desired, ClusterState? current, PlanOptions? options, Refresh.RefreshReport? refreshed, CancellationToken cancellationToken) =>
            Create(desired, current, options, refreshed, null, cancellationToken);

        /// <summary>As <see cref="Create(ClusterSpec, ClusterState?, PlanOptions?, Refresh.RefreshReport?, LoadBalancerHealth?, CancellationToken)"/>, with no time bound and no refresh.</summary>
        public static Plan Create(ClusterSpec desired, ClusterState? current, PlanOptions? options, LoadBalancerHealth? health) =>
            Create(desired, current, options, null, health, CancellationToken.None);

        /// <summary>
        /// Plans as <see cref="Create(ClusterSpec, ClusterState?, PlanOptions?)"/>, and also repairs what
        /// <paramref name="refreshed"/> found drifted on the hosts (see <see cref="DriftTasks"/>); the plan carries the
        /// report and notices of what no task repairs (nodes not checked, stale mesh pairs). The token bounds the time
        /// spent (it is checked between the phases of planning).
        /// </summary>
        /// <param name="health">What the probe of load-balancer nodes found; null plans as if every node answered.</param>
        public static Plan Create(ClusterSpec desired, ClusterState? current, PlanOptions? options, Refresh.RefreshReport? refreshed,
            LoadBalancerHealth? health, CancellationToken cancellationToken)
        {
            if (desired is null) throw new ArgumentNullException(nameof(desired));
            var observed = current ?? new ClusterState { Name = desired.Name };
            if (observed.Name != desired.Name)
                throw PlanErrors.InvalidInput(desired.Name, $"the spec is for cluster '{desired.Name}' but the state is of cluster '{observed.Name}'");

            var pools = PoolCatalog.From(desired);
            ImmutableFields.Check(pools, observed);
            cancellationToken.ThrowIfCancellationRequested();
            var inventory = InventoryPlanner.Build(pools, observed);
            cancellationToken.ThrowIfCancellationRequested();
            CheckControlPlane(desired, observed, inventory);
            var context = new PlanningContext(pools, observed, inventory, options ?? PlanOptions.Default, refreshed, health ?? LoadBalancerHealth.AllHealthy);
            var firewalls = FirewallTasks.Create(context);

            var prepare = PrepareTask.Create(context);
            var mesh = MeshTasks.Create(context);
            var loadBalancers = LoadBalancerTasks.Create(context).ToList();
            var kubernetes = KubernetesTasks.Create(context);
            var repairs = DriftTasks.Create(context, new[] { prepare, mesh.Connect }.Concat(loadBalancers).Concat(kubernetes.Tasks));
            var tasks = new List<PlanTask?>();
            tasks.AddRange(InfrastructureTasks.Create(context));
            tasks.Add(firewalls.Open);
            tasks.Add(prepare);
            tasks.AddRange(repairs.Of(ClusterLayer.Nodes));
            tasks.Add(mesh.Connect);
            tasks.AddRange(repairs.Of(ClusterLayer.Mesh));
            tasks.AddRange(loadBalancers);
            tasks.AddRange(repairs.Of(ClusterLayer.LoadBalancers));
            tasks.AddRange(kubernetes.Tasks);
            tasks.AddRange(repairs.Of(ClusterLayer.Kubernetes));
            tasks.Add(StorageTask.Create(context));
            tasks.AddRange(RemovalTasks.LeaveKubernetes(context));
            tasks.Add(mesh.Prune);
            tasks.AddRange(RemovalTasks.Delete(inventory.Removed, desired, context.Previous, resetKubernetes: !inventory.HasControlPlane));
            tasks.Add(firewalls.Prune);
            tasks.Add(NetworkCleanupTask.Create(context));
            tasks.Add(CleanupTask.Create(context, kubernetes.Unattached));
            cancellationToken.ThrowIfCancellationRequested();
            var plan = PlanIdentity.Assemble(desired, false, tasks, inventory.Nodes, inventory.Removed.Select(n => n.Name).ToList(), context.Health);
            return plan with
            {
                Until = (options ?? PlanOptions.Default).Until,
                Refresh = refreshed,
                Notices = context.Notices.Concat(RefreshNotices.Create(context, plan.Tasks)).ToList(),
            };
        }

        /// <summary>
        /// Plans the removal of the whole cluster: every pool's VMs deleted or machines released, DNS records deleted.
        /// No drain: nothing is left to drain into.
        /// </summary>
        public static Plan CreateDestroy(ClusterState current)
        {
            if (current is null) throw new ArgumentNullException(nameof(current));
            var spec = current.AppliedSpec ?? current.Journal?.DesiredSpec ?? PlaceholderSpec(current.Name);
            var removed = current.Nodes
                .OrderBy(n => n.Role).ThenBy(n => n.Pool, StringComparer.Ordinal).ThenBy(n => n.Name, NodeNameOrder.Instance)
                .ToList();

            var tasks = new List<PlanTask?>();
            tasks.AddRange(RemovalTasks.Delete(removed, spec, null, resetKubernetes: true));
            tasks.Add(NetworkCleanupTask.Destroy(current, spec));
            var dns = CleanupTask.DnsNamesThatMayExist(current, spec).ToList();
            var forget = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in current.Applied.Keys) forget[key] = AppliedKeys.Removed;
            tasks.Add(CleanupTask.Build(current.Name, dns, forget));
            return PlanIdentity.Assemble(spec, true, tasks, new PlannedNode[0], removed.Select(n => n.Name).ToList());
        }

        private static void CheckControlPlane(ClusterSpec desired, ClusterState current, Inventory inventory)
        {
            if (inventory.OfRole(NodeRole.Compute).Count == 0 || inventory.HasControlPlane) return;
            var control = current.Nodes.Where(n => n.Role == NodeRole.Control && n.Joined).Select(n => n.Name).ToList();
            if (control.Count > 0)
                throw new MultiCloudException(ErrorIds.NoControlPlaneLeft, ErrorKind.InvalidArgument,
                    $"the plan would remove every control-plane node ({Describe.Names(control)}) while compute nodes stay, which leaves Kubernetes without " +
                    "its API and etcd; keep at least one control node (add the new ones first, apply, then remove the old ones), or remove the compute pools too") { Target = desired.Name };
            throw PlanErrors.InvalidInput(desired.Name,
                $"cluster '{desired.Name}' would have compute nodes but no control-plane node; give the control pools at least one node");
        }

        /// <summary>The spec of a cluster whose state never recorded one (nothing was applied): a name and nothing else.</summary>
        private static ClusterSpec PlaceholderSpec(string name) => new ClusterSpec
        {
            Name = name,
            Kubernetes = new KubernetesSpec { Version = "", Network = "" },
        };
    }
}
