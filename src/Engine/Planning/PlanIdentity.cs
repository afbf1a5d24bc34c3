using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// The id of a plan: SHA-256 of a canonical text of what the plan does (tasks, steps, targets, records), the nodes
    /// it ends with and removes, and the spec it drives towards. Descriptions are left out, so rewording them in a
    /// later release does not change ids of plans a journal is resuming.
    /// </summary>
    internal static class PlanIdentity
    {
        public static string Compute(string clusterName, bool isDestroy, IReadOnlyList<PlanTask> tasks, IReadOnlyList<PlannedNode> nodes,
            IReadOnlyList<string> removed, ClusterSpec desired, LoadBalancerHealth health)
        {
            var text = new CanonicalText().Add("cluster", clusterName).Add("destroy", isDestroy);
            text.Add("tasks", tasks.Count);
            foreach (var task in tasks)
            {
                text.Add("task", task.Id).Add("task.kind", task.Kind.ToString()).Add("task.steps", task.Steps.Count);
                foreach (var step in task.Steps)
                {
                    text.Add("step", step.Name).Add("step.kind", step.Kind.ToString()).Add("step.targets", step.Targets.Count);
                    foreach (var target in step.Targets) text.Add("target", target);
                    if (step.MeshPeers is { } peers)
                    {
                        text.Add("step.meshPeers", peers.Count);
                        foreach (var peer in peers) text.Add("meshPeer", peer);
                    }
                }
                SpecCanonicalText.WriteSorted(text, "records", task.RecordsApplied);
            }
            text.Add("nodes", nodes.Count);
            foreach (var node in nodes)
                text.Add("node", node.Name).Add("node.pool", node.Pool).Add("node.role", node.Role.ToString()).Add("node.mesh", node.MeshAddress).Add("node.podCidr", node.PodCidr);
            text.Add("removed", removed.Count);
            foreach (var name in removed) text.Add("removed.node", name);
            SpecCanonicalText.Write(text, desired);
            // Health decides what DNS records hold, so a plan made with other probe results is another plan.
            foreach (var node in health.Unanswered.Keys.OrderBy(n => n, StringComparer.Ordinal)) text.Add("unhealthy", node);
            return text.Hash();
        }

        public static Plan Assemble(ClusterSpec desired, bool isDestroy, IEnumerable<PlanTask?> tasks, IReadOnlyList<PlannedNode> nodes, IReadOnlyList<string> removed,
            LoadBalancerHealth? health = null)
        {
            var planned = tasks.OfType<PlanTask>().ToList();
            health ??= LoadBalancerHealth.AllHealthy;
            return new Plan
            {
                ClusterName = desired.Name,
                Id = Compute(desired.Name, isDestroy, planned, nodes, removed, desired, health),
                Health = health,
                Desired = desired,
                Tasks = planned,
                Nodes = nodes,
                RemovedNodes = removed,
                IsDestroy = isDestroy,
            };
        }
    }
}
