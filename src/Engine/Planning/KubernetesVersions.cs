using System.Globalization;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// The version changes kubeadm can make: forward only, at most one minor version at a time. Versions that do not
    /// read as "v&lt;major&gt;.&lt;minor&gt;.&lt;patch&gt;" are left to validation.
    /// </summary>
    internal static class KubernetesVersions
    {
        public static void CheckUpgrade(string clusterName, string running, string wanted)
        {
            if (!TryParse(running, out var from) || !TryParse(wanted, out var to)) return;
            if (to.Major != from.Major || to.Minor < from.Minor || (to.Minor == from.Minor && to.Patch < from.Patch))
                throw Unsupported(clusterName, $"the cluster runs Kubernetes {running} and cannot go back to {wanted}; keep {running} or a later version");
            if (to.Minor > from.Minor + 1)
                throw Unsupported(clusterName,
                    $"the cluster runs Kubernetes {running} and cannot skip to {wanted}; upgrade one minor version at a time (first to v{from.Major}.{from.Minor + 1}.x)");
        }

        private static MultiCloudException Unsupported(string clusterName, string message) =>
            new MultiCloudException(ErrorIds.KubernetesVersionChangeUnsupported, ErrorKind.InvalidArgument, message) { Target = clusterName };

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
