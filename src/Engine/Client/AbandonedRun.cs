using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Client
{
    /// <summary>
    /// A run that stopped, and whose spec is not the one applied now: the user gave that change up or changed it
    /// again. Before it stopped it may have rewritten the mesh or a load balancer on some hosts, while the recorded
    /// fingerprints still describe those layers as they were before it; the planner would then find them right and
    /// leave the hosts half changed (found in the lab: an MTU change cut off at one host, then reverted, left every
    /// other host on the new MTU). The journal does not tell which step stopped when no target of it finished, so
    /// the fingerprints of both node layers are forgotten and the re-plan writes them on every host again; a host
    /// that already has the right configuration reports it unchanged and is not restarted or reloaded.
    /// </summary>
    internal static class AbandonedRun
    {
        /// <summary>The state to plan from: <paramref name="current"/>, without the fingerprints of the layers a stopped run may have half written (mesh, load balancers; Kubernetes node files and node metadata where the abandoned spec differs) when its journal is of another spec.</summary>
        public static ClusterState ForgetTouchedLayers(ClusterState current, ClusterSpec desired)
        {
            var journal = current.Journal;
            if (journal is null || SpecIdentity.Same(journal.DesiredSpec, desired)) return current;

            var touched = new HashSet<string>(StringComparer.Ordinal) { AppliedKeys.Mesh };
            foreach (var loadBalancer in desired.LoadBalancers) touched.Add(AppliedKeys.LoadBalancer(loadBalancer.Name));
            // The Kubernetes node files and node metadata are forgotten only where the abandoned spec asked for something else.
            if (Fingerprints.KubernetesNodes(journal.DesiredSpec.Kubernetes) != Fingerprints.KubernetesNodes(desired.Kubernetes))
                touched.Add(AppliedKeys.KubernetesNodes);
            foreach (var pool in desired.NodePools)
            {
                var abandoned = SpecQueries.FindPool(journal.DesiredSpec, pool.Name);
                if (abandoned != null && Fingerprints.Metadata(NodeMetadataSpec.For(journal.DesiredSpec, abandoned)) != Fingerprints.Metadata(NodeMetadataSpec.For(desired, pool)))
                    touched.Add(AppliedKeys.Metadata(pool.Name));
            }
            if (!current.Applied.Keys.Any(touched.Contains)) return current;

            var kept = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in current.Applied.Where(entry => !touched.Contains(entry.Key))) kept[entry.Key] = entry.Value;
            return current with { Applied = kept };
        }
    }
}
