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
            var leaving = context.Leaving;
            if (leaving.Count == 0) yield break;
            CheckEtcdQuorum(context);

            var joined = leaving.Where(n => n.Joined).Select(n => n.Name).ToList();
            if (joined.Count > 0)
            {
                yield return new PlanTask
                {
                    Id = "drain",
                    Kind = TaskKind.DrainNodes,
                    Description = $"drain {Describe.Count(joined.Count, "leaving node", "leaving nodes")}",
                    Targets = PlanParts.Nodes(joined),
                    Steps = new[]
                    {
                        PlanParts.Step("drain-nodes", StepKind.DrainNodes,
                            $"cordon {Describe.Nodes(joined)} and evict their pods through the eviction API (PodDisruptionBudgets respected, " +
                            $"at most {Manifest.Durations.Format(context.Desired.Kubernetes.DrainTimeoutSeconds)})", joined),
                    },
                };
            }

            // One member at a time: each removal leaves the rest a healthy cluster before the next.
            var members = leaving.Where(n => n.EtcdMember).Select(n => n.Name).ToList();
            var steps = members.Select(name => PlanParts.Step("remove-etcd-member-" + name, StepKind.RemoveEtcdMembers,
                $"remove the etcd member of {name} (etcdctl member remove on a remaining member)", new[] { name })).ToList();
            if (joined.Count > 0)
                steps.Add(PlanParts.Step("delete-kubernetes-nodes", StepKind.DeleteKubernetesNodes,
                    $"delete the Node objects of {Describe.Nodes(joined)}", joined));
            var machines = leaving.Where(n => n.ProviderResources.Count == 0).Select(n => n.Name).ToList();
            if (machines.Count > 0)
                steps.Add(PlanParts.Step("reset-kubernetes-nodes", StepKind.ResetKubernetesNodes,
                    $"run kubeadm reset and remove etcd, the CNI configuration and MultiCloud's Kubernetes files on {Describe.Nodes(machines, "static machine", "static machines")} " +
                    "(an unreachable machine is skipped with a warning)", machines));
            var names = leaving.Select(n => n.Name).ToList();
            yield return new PlanTask
            {
                Id = "kubernetes/remove",
                Kind = TaskKind.RemoveKubernetesNodes,
                Description = $"remove {Describe.Count(names.Count, "node", "nodes")} from Kubernetes" +
                    (members.Count > 0 ? $" ({Describe.Count(members.Count, "etcd member", "etcd members")})" : ""),
                Targets = PlanParts.Nodes(names),
                Steps = steps,
            };
        }

        /// <summary>
        /// Removing etcd members one at a time is safe while the rest keep quorum. Removing several at once is refused
        /// unless the ones that stay are a majority of the members there are now: if the leaving ones were down, the
        /// rest could not remove them.
        /// </summary>
        private static void CheckEtcdQuorum(PlanningContext context)
        {
            var members = context.Current.Nodes.Where(n => n.EtcdMember).ToList();
            var leaving = context.Leaving.Where(n => n.EtcdMember).Select(n => n.Name).ToList();
            var staying = members.Count - leaving.Count;
            if (leaving.Count < 2 || staying * 2 > members.Count) return;
            throw new MultiCloudException(ErrorIds.EtcdQuorumAtRisk, ErrorKind.InvalidArgument,
                $"removing {Describe.Names(leaving)} at once would take etcd from {members.Count} members to {staying}, which is not a majority of {members.Count}: " +
                "if the leaving nodes are down, the rest cannot remove them and etcd loses quorum; remove control nodes one at a time (one apply each)")
            { Target = context.Desired.Name };
        }

        /// <summary>"delete/&lt;pool&gt;" for each pool that loses nodes. Pool kind and provider come from the desired spec, else the previous one.</summary>
        /// <remarks>
        /// With <paramref name="resetKubernetes"/> (a whole cluster goes, so nothing drained or reset them), static
        /// machines that were Kubernetes members are reset before they are released.
        /// </remarks>
        public static IEnumerable<PlanTask> Delete(IReadOnlyList<NodeState> removed, ClusterSpec? desired, ClusterSpec? previous, bool resetKubernetes)
        {
            foreach (var group in removed.GroupBy(n => n.Pool, StringComparer.Ordinal))
            {
                var pool = (desired is null ? null : SpecQueries.FindPool(desired, group.Key))
                    ?? (previous is null ? null : SpecQueries.FindPool(previous, group.Key));
                var nodes = group.ToList();
                var isStatic = pool is null ? nodes.All(n => n.ProviderResources.Count == 0) : pool is StaticNodePoolSpec;
                yield return isStatic ? Release(group.Key, nodes, resetKubernetes) : DeleteVirtualMachines(group.Key, nodes, (pool as DynamicNodePoolSpec)?.Provider);
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

        private static PlanTask Release(string pool, IReadOnlyList<NodeState> nodes, bool resetKubernetes)
        {
            var names = nodes.Select(n => n.Name).ToList();
            var machines = nodes.Select(n => n.Name + " at " + Describe.Endpoint(n.SshUser, n.PublicAddress, n.SshPort)).ToList();
            var steps = new List<PlanStep>();
            var members = nodes.Where(n => n.Joined || n.EtcdMember).Select(n => n.Name).ToList();
            if (resetKubernetes && members.Count > 0)
                steps.Add(PlanParts.Step("reset-kubernetes-nodes", StepKind.ResetKubernetesNodes,
                    $"run kubeadm reset and remove etcd, the CNI configuration and MultiCloud's Kubernetes files on {Describe.Nodes(members)} " +
                    "(an unreachable machine is skipped with a warning)", members));
            steps.Add(PlanParts.Step("release-nodes", StepKind.ReleaseStaticNodes,
                $"take MultiCloud's WireGuard and nginx configuration off {Describe.Count(names.Count, "static machine", "static machines")} ({Describe.Names(machines)})",
                names));
            return new PlanTask
            {
                Id = "delete/" + pool,
                Kind = TaskKind.DeleteInfrastructure,
                Description = $"release {Describe.Count(names.Count, "static machine", "static machines")} of pool {pool}",
                Targets = PlanParts.One(TargetKind.NodePool, pool),
                Steps = steps,
            };
        }
    }
}
