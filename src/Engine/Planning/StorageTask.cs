using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>"storage": Longhorn with one storage class per zone, so volumes stay where their pods can reach them cheaply.</summary>
    internal static class StorageTask
    {
        public static PlanTask? Create(PlanningContext context)
        {
            if (!context.Includes(ClusterLayer.Storage) || !context.Inventory.HasControlPlane) return null;
            var zones = Zones(context);
            var fingerprint = Fingerprints.Storage(zones);
            if (fingerprint == context.Applied(AppliedKeys.Storage)) return null;
            return new PlanTask
            {
                Id = "storage",
                Kind = TaskKind.InstallStorage,
                Description = $"install Longhorn storage with {Describe.Count(zones.Count, "storage class", "storage classes")}",
                Targets = PlanParts.One(TargetKind.Cluster, context.Desired.Name),
                Steps = new[]
                {
                    PlanParts.Step("install-longhorn", StepKind.InstallLonghorn,
                        $"install Longhorn and one storage class per zone for {Describe.Count(zones.Count, "zone", "zones")} ({Describe.Names(zones)})",
                        new[] { AppliedKeys.Storage }),
                },
                RecordsApplied = PlanParts.Records(AppliedKeys.Storage, fingerprint),
            };
        }

        /// <summary>"provider/region[/zone]" of each dynamic Kubernetes pool and "static/&lt;pool&gt;" of each static one, sorted and distinct.</summary>
        public static IReadOnlyList<string> Zones(PlanningContext context)
        {
            var zones = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var pool in context.Pools.Ordered.Where(p => Inventory.IsKubernetes(context.Pools.RoleOf(p.Name))))
            {
                zones.Add(pool is DynamicNodePoolSpec dynamic
                    ? dynamic.Provider + "/" + dynamic.Region + (dynamic.Zone is null ? "" : "/" + dynamic.Zone)
                    : "static/" + pool.Name);
            }
            return zones.ToList();
        }
    }
}
