using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// The Kubernetes tasks of a plan in run order: init, upgrade, join, node metadata. The upgrade of the nodes that
    /// stay comes before joining new ones, because kubeadm refuses to join a kubelet newer than the control plane.
    /// Fingerprints that move without any node work (a pool with no nodes lost its labels, say) come back as
    /// <see cref="Unattached"/> and are recorded by the cleanup task.
    /// </summary>
    internal sealed record KubernetesTasks(IReadOnlyList<PlanTask> Tasks, IReadOnlyDictionary<string, string> Unattached)
    {
        public static KubernetesTasks Create(PlanningContext context)
        {
            var unattached = new Dictionary<string, string>();
            if (!context.Includes(ClusterLayer.Kubernetes) || !context.Inventory.HasControlPlane)
                return new KubernetesTasks(new PlanTask[0], unattached);

            var version = context.Desired.Kubernetes.Version;
            var init = Init(context);
            var join = Join(context, init);
            var upgrade = Upgrade(context, unattached);
            var tasks = new[] { init, upgrade, join }.OfType<PlanTask>().ToList();
            if (tasks.Count > 0)
            {
                var last = tasks[tasks.Count - 1];
                tasks[tasks.Count - 1] = last with { RecordsApplied = PlanParts.Records(AppliedKeys.KubernetesVersion, version) };
                unattached.Remove(AppliedKeys.KubernetesVersion);
            }

            var metadata = NodeMetadataTask.Create(context, unattached);
            if (metadata != null) tasks.Add(metadata);
            return new KubernetesTasks(tasks, unattached);
        }

        private static PlanTask? Init(PlanningContext context)
        {
            if (context.Current.Nodes.Any(n => n.Joined)) return null;
            var first = context.Inventory.OfRole(NodeRole.Control).OrderBy(n => n.Name, NodeNameOrder.Instance).First();
            var version = context.Desired.Kubernetes.Version;
            return new PlanTask
            {
                Id = "kubernetes/init",
                Kind = TaskKind.InitKubernetes,
                Description = $"bootstrap Kubernetes {version} with kubeadm on {first.Name}",
                Targets = PlanParts.Nodes(new[] { first.Name }),
                Steps = new[]
                {
                    PlanParts.Step("init-control-plane", StepKind.InitControlPlane,
                        $"run kubeadm init for Kubernetes {version} on {first.Name}, advertising its mesh address {first.MeshAddress}",
                        new[] { first.Name }),
                },
            };
        }

        private static PlanTask? Join(PlanningContext context, PlanTask? init)
        {
            var inventory = context.Inventory;
            var initNode = init?.Steps[0].Targets[0];
            var control = inventory.OfRole(NodeRole.Control).Where(n => !inventory.IsJoined(n) && n.Name != initNode).Select(n => n.Name).ToList();
            var workers = inventory.OfRole(NodeRole.Compute).Where(n => !inventory.IsJoined(n)).Select(n => n.Name).ToList();
            if (control.Count + workers.Count == 0) return null;

            var steps = new List<PlanStep>();
            if (control.Count > 0)
                steps.Add(PlanParts.Step("join-control-plane", StepKind.JoinControlPlane,
                    $"run kubeadm join --control-plane on {Describe.Nodes(control, "control-plane node", "control-plane nodes")}", control));
            if (workers.Count > 0)
                steps.Add(PlanParts.Step("join-workers", StepKind.JoinWorkers,
                    $"run kubeadm join on {Describe.Nodes(workers, "worker node", "worker nodes")}", workers));
            var kinds = new List<string>();
            if (control.Count > 0) kinds.Add(Describe.Count(control.Count, "control-plane node", "control-plane nodes"));
            if (workers.Count > 0) kinds.Add(Describe.Count(workers.Count, "worker", "workers"));
            return new PlanTask
            {
                Id = "kubernetes/join",
                Kind = TaskKind.JoinKubernetes,
                Description = $"join {Describe.Count(control.Count + workers.Count, "node", "nodes")} to Kubernetes ({string.Join(", ", kinds)})",
                Targets = PlanParts.Nodes(control.Concat(workers)),
                Steps = steps,
            };
        }

        private static PlanTask? Upgrade(PlanningContext context, Dictionary<string, string> unattached)
        {
            var running = context.Applied(AppliedKeys.KubernetesVersion);
            var wanted = context.Desired.Kubernetes.Version;
            if (running is null || running == wanted) return null;
            KubernetesVersions.CheckUpgrade(context.Desired.Name, running, wanted);

            var inventory = context.Inventory;
            var kept = inventory.OfRole(NodeRole.Control).Concat(inventory.OfRole(NodeRole.Compute)).Where(inventory.IsJoined).Select(n => n.Name).ToList();
            if (kept.Count == 0)
            {
                unattached[AppliedKeys.KubernetesVersion] = wanted;
                return null;
            }
            return new PlanTask
            {
                Id = "kubernetes/upgrade",
                Kind = TaskKind.UpgradeKubernetes,
                Description = $"upgrade Kubernetes from {running} to {wanted} on {Describe.Count(kept.Count, "node", "nodes")}",
                Targets = PlanParts.One(TargetKind.Cluster, context.Desired.Name),
                Steps = new[]
                {
                    PlanParts.Step("upgrade-nodes", StepKind.UpgradeNodes,
                        $"upgrade kubeadm, kubelet and kubectl from {running} to {wanted} node by node, control plane first, on {Describe.Nodes(kept)}", kept),
                },
            };
        }
    }
}
