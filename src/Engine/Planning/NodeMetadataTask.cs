using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// "kubernetes/metadata": labels, taints and annotations. Each Kubernetes pool's metadata has its own fingerprint
    /// ("metadata/&lt;pool&gt;"), so a change touches only that pool's nodes; nodes joining in this plan get their
    /// pool's metadata whether it changed or not.
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
                var fingerprint = HasMetadata(pool) ? Fingerprints.Metadata(pool) : null;
                var nodes = inventory.OfPool(pool.Name);
                if (fingerprint != context.Applied(key))
                {
                    records[key] = fingerprint ?? AppliedKeys.Removed;
                    changedPools.Add(pool.Name);
                    targets.AddRange(nodes);
                }
                else if (fingerprint != null)
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
            return new PlanTask
            {
                Id = "kubernetes/metadata",
                Kind = TaskKind.ConfigureNodeMetadata,
                Description = $"apply the labels, taints and annotations of {Describe.Count(pools.Count, "pool", "pools")} to {Describe.Count(names.Count, "node", "nodes")}" +
                    (changedPools.Count > 0 ? " (changed in " + string.Join(", ", changedPools) + ")" : ""),
                Targets = PlanParts.Nodes(names),
                Steps = new[]
                {
                    PlanParts.Step("apply-node-metadata", StepKind.ApplyNodeMetadata,
                        $"set the labels, taints and annotations of {(pools.Count == 1 ? "pool" : "pools")} {string.Join(", ", pools)} on {Describe.Nodes(names)}", names),
                },
                RecordsApplied = records,
            };
        }

        private static bool HasMetadata(NodePoolSpec pool) => pool.Labels.Count + pool.Taints.Count + pool.Annotations.Count > 0;
    }
}
