using System.Collections.Generic;
using System.Globalization;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Which Kubernetes versions the Kubernetes layer builds (kubeadm's v1beta4 configuration: v1.31 and later), the
    /// etcd and Longhorn versions pinned per minor, and the version changes a live cluster refuses: upgrades are a
    /// later capability, so any change of a running cluster's version is a plan-time error.
    /// </summary>
    internal static class KubernetesVersions
    {
        public const int MinimumMinor = 31;

        private static readonly IReadOnlyDictionary<int, string> EtcdByMinor = new Dictionary<int, string>
        {
            [31] = "v3.5.15", [32] = "v3.5.16", [33] = "v3.5.21", [34] = "v3.6.4",
        };

        private static readonly IReadOnlyDictionary<int, string> LonghornByMinor = new Dictionary<int, string>
        {
            [31] = "v1.9.1", [32] = "v1.9.1", [33] = "v1.9.1", [34] = "v1.9.1",
        };

        /// <summary>The etcd version control nodes run: the spec's, else the pin for the Kubernetes minor.</summary>
        public static string Etcd(ClusterSpec spec) => spec.Kubernetes.EtcdVersion ?? Pinned(EtcdByMinor, spec.Kubernetes.Version, "v3.5.16");

        /// <summary>The Longhorn version: the spec's, else the pin for the Kubernetes minor.</summary>
        public static string Longhorn(ClusterSpec spec) => spec.Storage.LonghornVersion ?? Pinned(LonghornByMinor, spec.Kubernetes.Version, "v1.9.1");

        /// <summary>"1.32" of "v1.32.3"; the version as it is when it does not read as one.</summary>
        public static string Minor(string version) =>
            TryParse(version, out var parsed) ? parsed.Major.ToString(CultureInfo.InvariantCulture) + "." + parsed.Minor.ToString(CultureInfo.InvariantCulture) : version;

        /// <summary>Refuses a version the Kubernetes layer cannot build (kubeadm v1beta4 needs v1.31 or later).</summary>
        public static void CheckBuildable(string clusterName, string version)
        {
            if (TryParse(version, out var parsed) && parsed.Major == 1 && parsed.Minor >= MinimumMinor) return;
            throw new MultiCloudException(ErrorIds.KubernetesVersionUnsupported, ErrorKind.InvalidArgument,
                $"Kubernetes {version} cannot be built: MultiCloud configures kubeadm with its v1beta4 API, which needs v1.{MinimumMinor}.0 or later; " +
                $"choose v1.{MinimumMinor}.x or later, or plan only up to the load balancers (-Until LoadBalancers / --until loadbalancers)") { Target = clusterName };
        }

        /// <summary>Refuses any change of the version a cluster with Kubernetes nodes runs.</summary>
        public static void CheckUnchanged(string clusterName, string running, string wanted)
        {
            if (running == wanted) return;
            var what = TryParse(running, out var from) && TryParse(wanted, out var to) && from.Major == to.Major && from.Minor == to.Minor
                ? "a patch version change" : "a minor version change";
            throw new MultiCloudException(ErrorIds.KubernetesVersionChangeUnsupported, ErrorKind.InvalidArgument,
                $"the cluster runs Kubernetes {running}; {wanted} would be {what}, and upgrading a running cluster is not supported yet " +
                $"(rolling upgrades arrive with day-2 operations); keep kubernetes.version at {running}") { Target = clusterName };
        }

        private static string Pinned(IReadOnlyDictionary<int, string> pins, string version, string fallback) =>
            TryParse(version, out var parsed) && pins.TryGetValue(parsed.Minor, out var pinned) ? pinned : fallback;

        private static bool TryParse(string text, out (int Major, int Minor, int Patch) version)
        {
            version = default;
            var parts = text.TrimStart('v').Split('.');
            if (parts.Length != 3) return false;
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var patch)) return false;
            version = (major, minor, patch);
            return true;
        }
    }
}
