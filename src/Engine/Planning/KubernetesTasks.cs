using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// The Kubernetes tasks of a plan in run order: prepare the nodes, etcd, kubeadm init (once), joins (control
    /// nodes one at a time, then workers in parallel), node metadata. A running cluster's version never changes here
    /// (<see cref="KubernetesVersions.CheckUnchanged"/>). Fingerprints that move without any node work come back as
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
            KubernetesVersions.CheckBuildable(context.Desired.Name, version);
            var inventory = context.Inventory;
            var running = context.Applied(AppliedKeys.KubernetesVersion);
            if (running != null && inventory.Nodes.Any(inventory.IsJoined)) KubernetesVersions.CheckUnchanged(context.Desired.Name, running, version);

            var init = Init(context);
            var join = Join(context, init);
            var tasks = new List<PlanTask?> { PrepareKubernetesTask.Create(context), EtcdTask.Create(context), init, join }.OfType<PlanTask>().ToList();
            var joining = new[] { init, join }.OfType<PlanTask>().LastOrDefault();
            if (joining != null)
                tasks[tasks.IndexOf(joining)] = joining with { RecordsApplied = PlanParts.Records(AppliedKeys.KubernetesVersion, version) };
            else if (running != version)
                unattached[AppliedKeys.KubernetesVersion] = version;

            var metadata = NodeMetadataTask.Create(context, unattached);
            if (metadata != null) tasks.Add(metadata);
            return new KubernetesTasks(tasks, unattached);
        }

        /// <summary>The control node kubeadm init runs on: the first etcd member, or the first control node when etcd is new.</summary>
        public static PlannedNode InitNode(PlanningContext context)
        {
            var control = context.Inventory.OfRole(NodeRole.Control).OrderBy(n => n.Name, NodeNameOrder.Instance).ToList();
            return control.FirstOrDefault(context.Inventory.IsEtcdMember) ?? control.First();
        }

        private static PlanTask? Init(PlanningContext context)
        {
            if (context.Current.Nodes.Any(n => n.Joined)) return null;
            var first = InitNode(context);
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
                        $"run kubeadm init for Kubernetes {version} on {first.Name}, advertising its mesh address {first.MeshAddress}, and wait until it is Ready",
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

            // kubeadm joins control-plane nodes one at a time: one step each, so the executor runs them in order.
            var steps = control.Select(name => PlanParts.Step("join-control-plane-" + name, StepKind.JoinControlPlane,
                $"run kubeadm join --control-plane on {name} and wait until it is Ready", new[] { name })).ToList();
            if (workers.Count > 0)
                steps.Add(PlanParts.Step("join-workers", StepKind.JoinWorkers,
                    $"run kubeadm join on {Describe.Nodes(workers, "worker node", "worker nodes")} in parallel and wait until they are Ready", workers));
            var kinds = new List<string>();
            if (control.Count > 0) kinds.Add(Describe.Count(control.Count, "control-plane node", "control-plane nodes") + " one at a time");
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
    }
}
