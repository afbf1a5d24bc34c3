using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// "kubernetes/prepare": containerd, the CNI plugins and configuration, kubeadm/kubelet/kubectl pinned to the
    /// version, kernel settings and (compute nodes) Longhorn's prerequisites. New Kubernetes nodes get it; every
    /// Kubernetes node gets it again when what it is built from (version, sources, MTU) moved.
    /// </summary>
    internal static class PrepareKubernetesTask
    {
        public static PlanTask? Create(PlanningContext context)
        {
            var inventory = context.Inventory;
            var kubernetes = context.Desired.Kubernetes;
            var fingerprint = Fingerprints.KubernetesNodes(kubernetes);
            var nodes = inventory.Nodes.Where(n => Inventory.IsKubernetes(n.Role)).ToList();
            var moved = fingerprint != context.Applied(AppliedKeys.KubernetesNodes);
            var names = nodes.Where(n => moved || !inventory.IsKubernetesPrepared(n)).Select(n => n.Name).ToList();
            if (names.Count == 0) return null;
            return new PlanTask
            {
                Id = "kubernetes/prepare",
                Kind = TaskKind.PrepareKubernetes,
                Description = $"prepare {Describe.Count(names.Count, "node", "nodes")} for Kubernetes {kubernetes.Version}: container runtime, CNI, kubeadm, kubelet, kubectl",
                Targets = PlanParts.Nodes(names),
                Steps = new[]
                {
                    PlanParts.Step("prepare-kubernetes-nodes", StepKind.PrepareKubernetesNodes,
                        $"install containerd, the CNI plugins, and kubeadm, kubelet and kubectl {kubernetes.Version} (held), write the containerd and " +
                        $"CNI configuration (bridge on the node's pod network, MTU {kubernetes.Mtu.ToString(System.Globalization.CultureInfo.InvariantCulture)}), " +
                        $"turn swap off and set the kernel settings on {Describe.Nodes(names)}; Longhorn's prerequisites on compute nodes",
                        names),
                },
                RecordsApplied = PlanParts.Records(AppliedKeys.KubernetesNodes, fingerprint),
            };
        }
    }
}
