using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// The pod and service networks: IPv4 CIDRs that overlap neither each other nor the mesh network, and a pod
    /// network with a /24 for every Kubernetes node the cluster can ever have (autoscaled pools at their maximum).
    /// </summary>
    internal static class ClusterNetworkRules
    {
        /// <summary>Each Kubernetes node's pod CIDR has this prefix length.</summary>
        public const int NodePodPrefix = 24;

        public static void Check(ClusterCheck check)
        {
            var kubernetes = check.Cluster.Kubernetes;
            var pods = Parse(check, "podNetwork", kubernetes.PodNetwork);
            var services = Parse(check, "serviceNetwork", kubernetes.ServiceNetwork);
            Ipv4Network.TryParse(kubernetes.Network, out var mesh);
            var meshValid = kubernetes.Network.IndexOf(':') < 0 && Ipv4Network.TryParse(kubernetes.Network, out _) && !mesh.HasHostBits;

            if (pods is Ipv4Network podNetwork)
            {
                if (meshValid && podNetwork.Overlaps(mesh))
                    check.Report(PathOf("podNetwork"), "pod network " + podNetwork + " overlaps the mesh network " + mesh,
                        "a network that shares no address with kubernetes.network, such as " + KubernetesSpec.DefaultPodNetwork);
                CheckRoom(check, podNetwork);
            }
            if (services is Ipv4Network serviceNetwork)
            {
                if (meshValid && serviceNetwork.Overlaps(mesh))
                    check.Report(PathOf("serviceNetwork"), "service network " + serviceNetwork + " overlaps the mesh network " + mesh,
                        "a network that shares no address with kubernetes.network, such as " + KubernetesSpec.DefaultServiceNetwork);
                if (pods is Ipv4Network podNetworkToo && serviceNetwork.Overlaps(podNetworkToo))
                    check.Report(PathOf("serviceNetwork"), "service network " + serviceNetwork + " overlaps the pod network " + podNetworkToo,
                        "a network that shares no address with kubernetes.podNetwork");
            }
        }

        /// <summary>The number of Kubernetes nodes (control and compute) the cluster can ever have.</summary>
        public static long MaximumKubernetesNodes(ClusterSpec cluster) =>
            cluster.Kubernetes.ControlPools.Concat(cluster.Kubernetes.ComputePools).Distinct()
                .Select(name => cluster.NodePools.FirstOrDefault(p => p.Name == name))
                .Sum(pool => pool switch
                {
                    DynamicNodePoolSpec dynamicPool => (long)System.Math.Max(0, dynamicPool.MaximumCount),
                    StaticNodePoolSpec staticPool => staticPool.Nodes.Count,
                    _ => 0L,
                });

        private static void CheckRoom(ClusterCheck check, Ipv4Network pods)
        {
            if (pods.PrefixLength > NodePodPrefix)
            {
                check.Report(PathOf("podNetwork"), "pod network " + pods + " is smaller than the /24 one node needs", "a prefix of /24 or shorter, such as /16");
                return;
            }
            var blocks = 1L << (NodePodPrefix - pods.PrefixLength);
            var nodes = MaximumKubernetesNodes(check.Cluster);
            if (nodes <= blocks) return;
            var prefix = NodePodPrefix;
            while (prefix > 0 && (1L << (NodePodPrefix - prefix)) < nodes) prefix--;
            check.Report(PathOf("podNetwork"), "pod network " + pods + " has room for " + blocks.ToString(CultureInfo.InvariantCulture)
                + " node pod networks (/24 each) but the cluster can have up to " + nodes.ToString(CultureInfo.InvariantCulture) + " Kubernetes nodes",
                "a prefix of /" + prefix.ToString(CultureInfo.InvariantCulture) + " or shorter");
        }

        private static Ipv4Network? Parse(ClusterCheck check, string field, string text)
        {
            var path = PathOf(field);
            if (text.IndexOf(':') >= 0)
            {
                check.Report(path, "only IPv4 networks are supported", KubernetesRules.NetworkForm);
                return null;
            }
            if (!Ipv4Network.TryParse(text, out var network))
            {
                check.Report(path, "'" + text + "' is not an IPv4 network in CIDR form", KubernetesRules.NetworkForm);
                return null;
            }
            if (network.HasHostBits)
            {
                check.Report(path, "'" + text + "' has host bits set", network.Normalized.ToString());
                return null;
            }
            return network;
        }

        private static string PathOf(string field) => ManifestPaths.Field(ManifestPaths.Kubernetes, field);
    }
}
