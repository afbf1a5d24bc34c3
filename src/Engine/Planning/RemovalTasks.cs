using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Taking nodes away, in the only safe order: drain, remove from Kubernetes (etcd member first), let go of the
    /// mesh, then delete the VMs or release the machines. Removal is never half-planned: drain and removal are
    /// planned for leaving Kubernetes members whatever <see cref="PlanOptions.Until"/> says.
    /// </summary>
    internal static class RemovalTasks
    {
        public static IEnumerable<PlanTask> LeaveKubernetes(PlanningContext context)
        {
            var leaving = context.Leaving.Select(n => n.Name).ToList();
            if (leaving.Count == 0) yield break;

            yield return new PlanTask
            {
                Id = "drain",
                Kind = TaskKind.DrainNodes,
                Description = $"drain {Describe.Count(leaving.Count, "leaving node", "leaving nodes")}",
                Targets = PlanParts.Nodes(leaving),
                Steps = new[] { PlanParts.Step("drain-nodes", StepKind.DrainNodes, $"cordon and drain {Describe.Nodes(leaving)}", leaving) },
            };

            var control = context.Leaving.Where(n => n.Role == NodeRole.Control).Select(n => n.Name).ToList();
            var steps = new List<PlanStep>();
            if (control.Count > 0)
                steps.Add(PlanParts.Step("remove-etcd-members", StepKind.RemoveEtcdMembers,
                    $"remove the etcd members of {Describe.Nodes(control, "leaving control-plane node", "leaving control-plane nodes")}", control));
            steps.Add(PlanParts.Step("delete-kubernetes-nodes", StepKind.DeleteKubernetesNodes,
                $"delete {Describe.Nodes(leaving)} from Kubernetes", leaving));
            yield return new PlanTask
            {
                Id = "kubernetes/remove",
                Kind = TaskKind.RemoveKubernetesNodes,
                Description = $"remove {Describe.Count(leaving.Count, "node", "nodes")} from Kubernetes" +
                    (control.Count > 0 ? $" ({Describe.Count(control.Count, "etcd member", "etcd members")})" : ""),
                Targets = PlanParts.Nodes(leaving),
                Steps = steps,
            };
        }

        /// <summary>"delete/&lt;pool&gt;" for each pool that loses nodes. Pool kind and provider come from the desired spec, else the previous one.</summary>
        public static IEnumerable<PlanTask> Delete(IReadOnlyList<NodeState> removed, ClusterSpec? desired, ClusterSpec? previous)
        {
            foreach (var group in removed.GroupBy(n => n.Pool, StringComparer.Ordinal))
            {
                var pool = (desired is null ? null : SpecQueries.FindPool(desired, group.Key))
                    ?? (previous is null ? null : SpecQueries.FindPool(previous, group.Key));
                var nodes = group.ToList();
                var isStatic = pool is null ? nodes.All(n => n.ProviderResources.Count == 0) : pool is StaticNodePoolSpec;
                yield return isStatic ? Release(group.Key, nodes) : DeleteVirtualMachines(group.Key, nodes, (pool as DynamicNodePoolSpec)?.Provider);
            }
        }

        private static PlanTask DeleteVirtualMachines(string pool, IReadOnlyList<NodeState> nodes, string? provider)
        {
            var names = nodes.Select(n => n.Name).ToList();
            var with = provider is null ? "" : " of provider " + provider;
            return new PlanTask
            {
                Id = "delete/" + pool,
                Kind = TaskKind.DeleteInfrastructure,
                Description = $"delete {Describe.Count(names.Count, "VM", "VMs")} of pool {pool}",
                Targets = PlanParts.One(TargetKind.NodePool, pool),
                Steps = new[]
                {
                    PlanParts.Step("delete-vms", StepKind.DeleteVirtualMachines,
                        $"delete {Describe.Count(names.Count, "VM", "VMs")}{with} with {(names.Count == 1 ? "its" : "their")} disks, network interfaces and public addresses ({Describe.Names(names)})",
                        names),
                },
            };
        }

        private static PlanTask Release(string pool, IReadOnlyList<NodeState> nodes)
        {
            var names = nodes.Select(n => n.Name).ToList();
            var machines = nodes.Select(n => n.Name + " at " + Describe.Endpoint(n.SshUser, n.PublicAddress, n.SshPort)).ToList();
            var kubeadm = nodes.Any(n => n.Joined) ? " and reset kubeadm on them" : "";
            return new PlanTask
            {
                Id = "delete/" + pool,
                Kind = TaskKind.DeleteInfrastructure,
                Description = $"release {Describe.Count(names.Count, "static machine", "static machines")} of pool {pool}",
                Targets = PlanParts.One(TargetKind.NodePool, pool),
                Steps = new[]
                {
                    PlanParts.Step("release-nodes", StepKind.ReleaseStaticNodes,
                        $"take MultiCloud's WireGuard and nginx configuration off {Describe.Count(names.Count, "static machine", "static machines")}{kubeadm} ({Describe.Names(machines)})",
                        names),
                },
            };
        }
    }
}
