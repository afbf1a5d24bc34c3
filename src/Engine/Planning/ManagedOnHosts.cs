using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Planning
{
    /// <summary>A file MultiCloud writes on nodes of some roles; the step of its layer records the hash it left (NodeState.ManagedFiles).</summary>
    public sealed record ManagedFile(string Path, ClusterLayer Layer, string What, IReadOnlyList<NodeRole> Roles);

    /// <summary>A systemd unit MultiCloud starts and enables on nodes of some roles.</summary>
    public sealed record ManagedService(string Unit, ClusterLayer Layer, IReadOnlyList<NodeRole> Roles);

    /// <summary>
    /// Everything MultiCloud manages on a host, by layer: what a refresh looks at and what drift is measured against.
    /// A layer joins by listing its files and units here and naming the step that converges it on a node
    /// (<see cref="RepairStep"/>): a step that rewrites the layer's files only where they differ, starts and enables its
    /// units, and brings live state back in line. Refresh, drift finding and repair tasks need nothing else.
    /// </summary>
    public static class ManagedOnHosts
    {
        public const string SysctlPath = "/etc/sysctl.d/90-multicloud.conf";
        public const string ModulesPath = "/etc/modules-load.d/multicloud.conf";
        public const string WireGuardConfigPath = "/etc/wireguard/wg0.conf";
        public const string WireGuardUnit = "wg-quick@wg0";
        public const string NginxStreamConfigPath = "/etc/nginx/multicloud/stream.conf";
        public const string NginxLoaderPath = "/etc/nginx/modules-enabled/90-multicloud-stream.conf";
        public const string NginxUnit = "nginx";

        private static readonly NodeRole[] EveryRole = { NodeRole.Control, NodeRole.Compute, NodeRole.LoadBalancer };
        private static readonly NodeRole[] KubernetesRoles = { NodeRole.Control, NodeRole.Compute };
        private static readonly NodeRole[] LoadBalancerRole = { NodeRole.LoadBalancer };

        public static IReadOnlyList<ManagedFile> Files { get; } = new[]
        {
            new ManagedFile(SysctlPath, ClusterLayer.Nodes, "sysctl settings", EveryRole),
            new ManagedFile(ModulesPath, ClusterLayer.Nodes, "kernel module list", KubernetesRoles),
            new ManagedFile(WireGuardConfigPath, ClusterLayer.Mesh, "WireGuard config " + WireGuardConfigPath, EveryRole),
            new ManagedFile(NginxStreamConfigPath, ClusterLayer.LoadBalancers, "nginx stream config", LoadBalancerRole),
            new ManagedFile(NginxLoaderPath, ClusterLayer.LoadBalancers, "nginx stream loader " + NginxLoaderPath, LoadBalancerRole),
        };

        public static IReadOnlyList<ManagedService> Services { get; } = new[]
        {
            new ManagedService(WireGuardUnit, ClusterLayer.Mesh, EveryRole),
            new ManagedService(NginxUnit, ClusterLayer.LoadBalancers, LoadBalancerRole),
        };

        /// <summary>The step that converges a layer on the nodes it targets, which is how drift in that layer is repaired; null for layers without host state.</summary>
        public static StepKind? RepairStep(ClusterLayer layer) => layer switch
        {
            ClusterLayer.Nodes => StepKind.PrepareNodes,
            ClusterLayer.Mesh => StepKind.WriteMeshConfig,
            ClusterLayer.LoadBalancers => StepKind.WriteLoadBalancerConfig,
            _ => null,
        };

        /// <summary>The task kind of a layer's repair tasks.</summary>
        public static TaskKind RepairTaskKind(ClusterLayer layer) => layer switch
        {
            ClusterLayer.Nodes => TaskKind.PrepareNodes,
            ClusterLayer.Mesh => TaskKind.ConfigureMesh,
            ClusterLayer.LoadBalancers => TaskKind.ConfigureLoadBalancers,
            ClusterLayer.Kubernetes => TaskKind.JoinKubernetes,
            ClusterLayer.Storage => TaskKind.InstallStorage,
            _ => TaskKind.CreateInfrastructure,
        };

        public static IEnumerable<ManagedFile> FilesOf(NodeRole role) => Files.Where(file => file.Roles.Contains(role));

        /// <summary>The paths of the files a layer manages on a node of the role: those its step reports hashes of.</summary>
        public static IReadOnlyList<string> PathsOf(NodeRole role, ClusterLayer layer) =>
            FilesOf(role).Where(file => file.Layer == layer).Select(file => file.Path).ToList();

        public static IEnumerable<ManagedService> ServicesOf(NodeRole role) => Services.Where(service => service.Roles.Contains(role));

        /// <summary>
        /// Units of a joined Kubernetes node that status reports next to Kubernetes' own view of the node (why a node
        /// is NotReady), but that drift does not repair: kubeadm and the kubelet own them, not a MultiCloud step.
        /// </summary>
        public static IReadOnlyList<string> KubernetesUnits { get; } = new[] { "kubelet", "containerd" };

        /// <summary>
        /// What a refresh looks at on the node: every managed file and unit of its role; on a joined node the
        /// Kubernetes units; on a joined control node also every Node's readiness, asked with its admin kubeconfig.
        /// </summary>
        public static RefreshChecks ChecksFor(NodeState node) => new RefreshChecks(
            FilesOf(node.Role).Select(file => file.Path).ToList(),
            ServicesOf(node.Role).Select(service => service.Unit).Concat(node.Joined ? KubernetesUnits : new string[0]).ToList(),
            node.Joined && node.Role == NodeRole.Control ? Kubernetes.KubeadmScripts.AdminConfig : null);
    }
}
