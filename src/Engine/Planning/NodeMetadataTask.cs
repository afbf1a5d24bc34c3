using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// "kubernetes/metadata": labels, taints and annotations (<see cref="NodeMetadataSpec"/>). Each Kubernetes pool's
    /// metadata has its own fingerprint ("metadata/&lt;pool&gt;"), so a change touches only that pool's nodes; nodes
    /// joining in this plan get their pool's metadata whether it changed or not.
    /// </summary>
    internal static class NodeMetadataTask
    {
        public static PlanTask? Create(PlanningContext context, Dictionary<string, string> unattached)
        {
            var inventory = context.Inventory;
            var records = new Dictionary<string, string>();
            var targets = new List<PlannedNode>();
            var changedPools = new List<string>();
            foreach (var pool in context.Pools.Ordered.Where(p => Inventory.IsKubernetes(context.Pools.RoleOf(p.Name))))
            {
                var key = AppliedKeys.Metadata(pool.Name);
                var fingerprint = Fingerprints.Metadata(NodeMetadataSpec.For(context.Desired, pool));
                var nodes = inventory.OfPool(pool.Name);
                if (fingerprint != context.Applied(key))
                {
                    records[key] = fingerprint;
                    changedPools.Add(pool.Name);
                    targets.AddRange(nodes);
                }
                else
                {
                    targets.AddRange(nodes.Where(n => !inventory.IsJoined(n)));
                }
            }

            if (targets.Count == 0)
            {
                foreach (var record in records) unattached[record.Key] = record.Value;
                return null;
            }
            var names = targets.Select(n => n.Name).ToList();
            var pools = targets.Select(n => n.Pool).Distinct().ToList();
            var newOnly = changedPools.Count == 0 || targets.All(n => !inventory.IsJoined(n));
            return new PlanTask
            {
                Id = "kubernetes/metadata",
                Kind = TaskKind.ConfigureNodeMetadata,
                Description = $"apply the labels, taints and annotations of {Describe.Count(pools.Count, "pool", "pools")} to {Describe.Count(names.Count, "node", "nodes")}" +
                    (newOnly ? "" : " (changed in " + string.Join(", ", changedPools) + ")"),
                Targets = PlanParts.Nodes(names),
                Steps = new[]
                {
                    PlanParts.Step("apply-node-metadata", StepKind.ApplyNodeMetadata,
                        $"merge-patch the labels, taints and annotations of {(pools.Count == 1 ? "pool" : "pools")} {string.Join(", ", pools)} " +
                        $"(with topology and MultiCloud labels) onto {Describe.Nodes(names)}, removing keys MultiCloud set before that the spec dropped", names),
                },
                RecordsApplied = records,
            };
        }
    }
}
