using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Kubernetes
{
    /// <summary>The package and artifact sources of a cluster with the public defaults filled in (see docs/kubernetes.md).</summary>
    public sealed record KubernetesSourceUrls(string Packages, string PackagesKey, string Downloads, string Longhorn)
    {
        public const string DefaultDownloads = "https://github.com/etcd-io/etcd/releases/download";
        public const string DefaultLonghorn = "https://raw.githubusercontent.com/longhorn/longhorn";

        public static KubernetesSourceUrls For(ClusterSpec spec)
        {
            var sources = spec.Kubernetes.Sources;
            var packages = sources.Packages ?? "https://pkgs.k8s.io/core:/stable:/v" + KubernetesVersions.Minor(spec.Kubernetes.Version) + "/deb/";
            return new KubernetesSourceUrls(
                packages,
                sources.PackagesKey ?? WithSlash(packages) + "Release.key",
                (sources.Downloads ?? DefaultDownloads).TrimEnd('/'),
                (sources.Longhorn ?? DefaultLonghorn).TrimEnd('/'));
        }

        /// <summary>The etcd release archive for a version ("v3.5.16") and architecture ("amd64").</summary>
        public string EtcdArchive(string version, string architecture) => Downloads + "/" + version + "/etcd-" + version + "-linux-" + architecture + ".tar.gz";

        public string LonghornManifest(string version) => Longhorn + "/" + version + "/deploy/longhorn.yaml";

        private static string WithSlash(string url) => url.EndsWith("/", System.StringComparison.Ordinal) ? url : url + "/";
    }
}
