using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// "networks/delete": once a cloud region has no machine of the cluster left, its leftover machines (found by the
    /// cluster's tag, whatever the state says) and its network, SSH key and firewalls are deleted. Regions come from the
    /// network records and from the dynamic pools of the previous spec; on destroy, every region where a run may have
    /// made something is swept, so a half-built cluster leaves nothing behind.
    /// </summary>
    internal static class NetworkCleanupTask
    {
        public static PlanTask? Create(PlanningContext context)
        {
            var stillUsed = new HashSet<CloudRegion>(FirewallTasks.RegionsWithNodes(context));
            var desiredPools = new HashSet<string>(context.Desired.NodePools.Select(p => p.Name), StringComparer.Ordinal);
            var fromPreviousPools = EarlierSpecs(context.Current).SelectMany(spec => spec.NodePools).OfType<DynamicNodePoolSpec>()
                .Where(pool => !desiredPools.Contains(pool.Name))
                .Select(CloudRegion.Of);
            var regions = CloudRegion.Ordered(Recorded(context.Current).Concat(fromPreviousPools).Where(r => !stillUsed.Contains(r)));
            return Build(context.Desired.Name, regions, context.Current, destroy: false);
        }

        public static PlanTask? Destroy(ClusterState current, ClusterSpec spec) =>
            Build(current.Name, CloudRegion.Ordered(Recorded(current).Concat(MayHoldResources(current, spec))), current, destroy: true);

        /// <summary>
        /// Regions of every spec the cluster ever named where a run may have made something: a region with a node in the
        /// state, or whose pool's infrastructure task a stopped run had begun (the journal says how far it got). A run that
        /// was killed outright recorded no stop, so it may have been inside any call: then every region is swept. A first
        /// run that failed before it reached a cloud needs no call to that cloud, so it can be removed without its
        /// credentials.
        /// </summary>
        private static IEnumerable<CloudRegion> MayHoldResources(ClusterState current, ClusterSpec spec)
        {
            var pools = new[] { spec }.Concat(EarlierSpecs(current)).SelectMany(s => s.NodePools).OfType<DynamicNodePoolSpec>().ToList();
            var journal = current.Journal;
            if (journal != null && journal.StoppedStep is null) return pools.Select(CloudRegion.Of);
            var begun = journal is null ? new string[0] : journal.CompletedSteps.Concat(journal.CompletedTargets.Keys).Append(journal.StoppedStep!).ToArray();
            var withNodes = new HashSet<string>(current.Nodes.Select(n => n.Pool), StringComparer.Ordinal);
            return pools
                .Where(pool => withNodes.Contains(pool.Name) || begun.Any(key => key.StartsWith("infra/" + pool.Name + "/", StringComparison.Ordinal)))
                .Select(CloudRegion.Of);
        }

        /// <summary>The last applied spec and the spec of a run that stopped: a stopped run may have made networks its spec alone names.</summary>
        private static IEnumerable<ClusterSpec> EarlierSpecs(ClusterState current) =>
            new[] { current.AppliedSpec, current.Journal?.DesiredSpec }.OfType<ClusterSpec>();

        private static IEnumerable<CloudRegion> Recorded(ClusterState current) =>
            current.Applied.Keys
                .Where(key => key.StartsWith(AppliedKeys.NetworkPrefix, StringComparison.Ordinal))
                .Select(key => CloudRegion.Parse(key.Substring(AppliedKeys.NetworkPrefix.Length)));

        private static PlanTask? Build(string clusterName, IReadOnlyList<CloudRegion> regions, ClusterState current, bool destroy)
        {
            if (regions.Count == 0) return null;
            var targets = regions.Select(r => r.Target).ToList();
            // A destroy's cleanup task forgets every record at once.
            var records = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var region in regions.Where(r => !destroy && current.Applied.ContainsKey(AppliedKeys.Network(r))))
                records[AppliedKeys.Network(region)] = AppliedKeys.Removed;
            var why = destroy ? "every cloud region of the cluster" : Describe.Count(regions.Count, "cloud region", "cloud regions") + " with no node left";
            return new PlanTask
            {
                Id = "networks/delete",
                Kind = TaskKind.DeleteInfrastructure,
                Description = $"delete the networks, SSH keys and firewalls of {why} ({Describe.Names(targets)})",
                Targets = PlanParts.One(TargetKind.Cluster, clusterName),
                Steps = new[]
                {
                    PlanParts.Step("delete-networks", StepKind.DeleteNetwork,
                        $"delete any machine still tagged as this cluster's, then the network, SSH key and firewalls, in {Describe.Names(targets)}",
                        targets),
                },
                RecordsApplied = records,
            };
        }
    }
}
