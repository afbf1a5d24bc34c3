using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Repair tasks for what a refresh found drifted: one task per drifted node and layer, "repair/&lt;layer&gt;/&lt;node&gt;",
    /// whose description says what it repairs and why, and whose one step runs that layer's converging step on that
    /// node alone. Drift on a node that a regular task of the plan converges anyway (same step kind, same node) needs
    /// no task of its own; nor do nodes the plan removes, or layers beyond the plan's scope.
    /// </summary>
    internal sealed class DriftTasks
    {
        private readonly IReadOnlyList<(ClusterLayer Layer, PlanTask Task)> repairs;

        private DriftTasks(IReadOnlyList<(ClusterLayer, PlanTask)> repairs)
        {
            this.repairs = repairs;
        }

        public IEnumerable<PlanTask> Of(ClusterLayer layer) => repairs.Where(r => r.Layer == layer).Select(r => r.Task);

        public static DriftTasks Create(PlanningContext context, IEnumerable<PlanTask?> regularTasks)
        {
            if (context.Refresh is null) return new DriftTasks(new (ClusterLayer, PlanTask)[0]);
            var converged = new HashSet<(StepKind, string)>(regularTasks.OfType<PlanTask>()
                .SelectMany(task => task.Steps)
                .SelectMany(step => step.Targets.Select(target => (step.Kind, target))));
            var kept = new HashSet<string>(context.Inventory.Nodes.Where(n => !n.IsNew).Select(n => n.Name), StringComparer.Ordinal);

            var repairs = new List<(ClusterLayer, PlanTask)>();
            foreach (var group in DriftFinder.Find(context.Current, context.Refresh).GroupBy(d => (d.Layer, d.Node)))
            {
                var (layer, node) = group.Key;
                var step = ManagedOnHosts.RepairStep(layer);
                if (step is null || !context.Includes(layer) || !kept.Contains(node) || converged.Contains((step.Value, node))) continue;
                repairs.Add((layer, Repair(context, layer, step.Value, node, group.ToList())));
            }
            return new DriftTasks(repairs.OrderBy(r => r.Item1).ThenBy(r => r.Item2.Targets[0].Name, NodeNameOrder.Instance).ToList());
        }

        private static PlanTask Repair(PlanningContext context, ClusterLayer layer, StepKind kind, string node, IReadOnlyList<Drift> drifts) => new PlanTask
        {
            Id = "repair/" + LayerName(layer) + "/" + node,
            Kind = ManagedOnHosts.RepairTaskKind(layer),
            Description = string.Join("; ", drifts.Select(d => d.Describe())),
            Targets = PlanParts.Nodes(new[] { node }),
            Steps = new[] { RepairStep(context, layer, kind, node) },
        };

        private static PlanStep RepairStep(PlanningContext context, ClusterLayer layer, StepKind kind, string node)
        {
            var targets = new[] { node };
            switch (layer)
            {
                case ClusterLayer.Mesh:
                    var peers = context.Inventory.Nodes.Select(n => n.Name).ToList();
                    return PlanParts.Step("repair", kind,
                        $"write the WireGuard interface of {node} again with the other {Describe.Count(peers.Count - 1, "node", "nodes")} as peers: " +
                        $"rewrites {ManagedOnHosts.WireGuardConfigPath} where it differs, restarts {ManagedOnHosts.WireGuardUnit} when it is down, " +
                        "brings the live peers back in line", targets) with { MeshPeers = peers };
                case ClusterLayer.LoadBalancers:
                    return PlanParts.Step("repair", kind,
                        $"write the nginx stream configuration of {node} again: rewrites it where it differs, starts and enables nginx when it is not", targets);
                case ClusterLayer.Nodes:
                    return PlanParts.Step("repair", kind,
                        $"prepare {node} again: rewrites its sysctl settings and kernel module list where they differ", targets);
                default:
                    return PlanParts.Step("repair", kind, $"bring the {LayerName(layer)} layer of {node} back in line", targets);
            }
        }

        /// <summary>The layer's word in task ids: "nodes", "mesh", "lb", "kubernetes".</summary>
        public static string LayerName(ClusterLayer layer) => layer switch
        {
            ClusterLayer.LoadBalancers => "lb",
            _ => layer.ToString().ToLowerInvariant(),
        };
    }
}
