using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// "storage": Longhorn with one storage class per zone of the compute pools (the nodes that run workloads and so
    /// Longhorn's replicas), so volumes stay where their pods can reach them cheaply. A cluster without compute
    /// pools gets no Longhorn: its control nodes keep kubeadm's NoSchedule taint.
    /// </summary>
    internal static class StorageTask
    {
        public static PlanTask? Create(PlanningContext context)
        {
            if (!context.Includes(ClusterLayer.Storage) || !context.Inventory.HasControlPlane) return null;
            var zones = Zones(context.Desired);
            if (zones.Count == 0) return null;
            var version = KubernetesVersions.Longhorn(context.Desired);
            var fingerprint = Fingerprints.Storage(version, context.Desired.Kubernetes.Sources.Longhorn, zones);
            if (fingerprint == context.Applied(AppliedKeys.Storage)) return null;
            var classes = zones.Select(z => StorageClassPrefix + z).ToList();
            return new PlanTask
            {
                Id = "storage",
                Kind = TaskKind.InstallStorage,
                Description = $"install Longhorn {version} with {Describe.Count(zones.Count, "zone storage class", "zone storage classes")}",
                Targets = PlanParts.One(TargetKind.Cluster, context.Desired.Name),
                Steps = new[]
                {
                    PlanParts.Step("install-longhorn", StepKind.InstallLonghorn,
                        $"apply Longhorn {version} server-side with kubectl on a control node, then make {Describe.Nodes(classes, "storage class", "storage classes")} " +
                        "(each pinned to its zone's Longhorn node tag) and delete zone classes MultiCloud made for zones that are gone",
                        new[] { AppliedKeys.Storage }),
                },
                RecordsApplied = PlanParts.Records(AppliedKeys.Storage, fingerprint),
            };
        }

        public const string StorageClassPrefix = "longhorn-";

        /// <summary>The storage tags (zones as DNS labels) of the compute pools, sorted and distinct.</summary>
        public static IReadOnlyList<string> Zones(ClusterSpec spec)
        {
            var zones = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var name in spec.Kubernetes.ComputePools)
            {
                var pool = SpecQueries.FindPool(spec, name);
                if (pool != null) zones.Add(PoolTopology.For(spec, pool).StorageTag);
            }
            return zones.ToList();
        }
    }
}
