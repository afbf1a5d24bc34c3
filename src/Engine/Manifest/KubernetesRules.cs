using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>The Kubernetes version and the mesh network: format, supported range, address room and MTU.</summary>
    internal static class KubernetesRules
    {
        public const int MinimumMinor = 28;
        public const int MaximumMinor = 34;
        public const int MinimumMtu = 1280;
        public const int MaximumMtu = 9000;

        public const string VersionForm = "v<major>.<minor>.<patch>, for example v1.31.4";
        public const string NetworkForm = "an IPv4 network in CIDR form, such as 10.250.0.0/16";
        public static readonly string SupportedVersions =
            "v1." + MinimumMinor.ToString(CultureInfo.InvariantCulture) + ".x to v1." + MaximumMinor.ToString(CultureInfo.InvariantCulture) + ".x";

        private static readonly Regex VersionPattern = new Regex(@"^v([0-9]{1,9})\.([0-9]{1,9})\.([0-9]{1,9})\z", RegexOptions.CultureInvariant);

        public static void Check(ClusterCheck check)
        {
            var kubernetes = check.Cluster.Kubernetes;
            CheckVersion(check, kubernetes.Version);
            CheckNetwork(check, kubernetes.Network);
            if (kubernetes.Mtu < MinimumMtu || kubernetes.Mtu > MaximumMtu)
                check.Report(ManifestPaths.Field(ManifestPaths.Kubernetes, "mtu"), "mtu " + ClusterCheck.Number(kubernetes.Mtu) + " is out of range",
                    MinimumMtu.ToString(CultureInfo.InvariantCulture) + " to " + MaximumMtu.ToString(CultureInfo.InvariantCulture));
        }

        private static void CheckVersion(ClusterCheck check, string version)
        {
            var path = ManifestPaths.Field(ManifestPaths.Kubernetes, "version");
            var match = VersionPattern.Match(version);
            if (!match.Success)
            {
                check.Report(path, "'" + version + "' is not a Kubernetes version", VersionForm);
                return;
            }
            var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var minor = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (major != 1 || minor < MinimumMinor || minor > MaximumMinor)
                check.Report(path, "Kubernetes " + version + " is not supported", SupportedVersions);
        }

        private static void CheckNetwork(ClusterCheck check, string text)
        {
            var path = ManifestPaths.Field(ManifestPaths.Kubernetes, "network");
            if (text.IndexOf(':') >= 0)
            {
                check.Report(path, "only IPv4 mesh networks are supported", NetworkForm);
                return;
            }
            if (!Ipv4Network.TryParse(text, out var network))
            {
                check.Report(path, "'" + text + "' is not an IPv4 network in CIDR form", NetworkForm);
                return;
            }
            if (network.HasHostBits)
            {
                check.Report(path, "'" + text + "' has host bits set", network.Normalized.ToString());
                return;
            }

            // Every node of the cluster, load balancer nodes included, takes one mesh address; autoscaled pools at their maximum.
            var nodes = check.Cluster.NodePools.Sum(pool => pool switch
            {
                DynamicNodePoolSpec dynamicPool => (long)System.Math.Max(0, dynamicPool.MaximumCount),
                StaticNodePoolSpec staticPool => staticPool.Nodes.Count,
                _ => 0L,
            });
            if (nodes > network.UsableHostCount)
                check.Report(path, "network " + text + " has " + network.UsableHostCount.ToString(CultureInfo.InvariantCulture) + " usable addresses for up to "
                    + nodes.ToString(CultureInfo.InvariantCulture) + " nodes", "a prefix of /" + Ipv4Network.LongestPrefixFor(nodes).ToString(CultureInfo.InvariantCulture) + " or shorter");
        }
    }
}
