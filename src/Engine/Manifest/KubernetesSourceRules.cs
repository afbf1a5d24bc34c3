using System;
using System.Text.RegularExpressions;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>The pinned add-on versions (etcd, Longhorn), the drain timeout and the package and artifact sources.</summary>
    internal static class KubernetesSourceRules
    {
        public const string ReleaseForm = "v<major>.<minor>.<patch>, for example v3.5.16";
        public const string UrlForm = "an absolute http:// or https:// URL";

        private static readonly Regex ReleasePattern = new Regex(@"^v\d{1,4}\.\d{1,4}\.\d{1,4}$", RegexOptions.CultureInvariant);

        public static void Check(ClusterCheck check)
        {
            var kubernetes = check.Cluster.Kubernetes;
            CheckRelease(check, ManifestPaths.Field(ManifestPaths.Kubernetes, "etcdVersion"), kubernetes.EtcdVersion);
            CheckRelease(check, ManifestPaths.Field(ManifestPaths.Storage, "longhornVersion"), check.Cluster.Storage.LonghornVersion);
            if (kubernetes.DrainTimeoutSeconds < 1)
                check.Report(ManifestPaths.Field(ManifestPaths.Kubernetes, "drainTimeout"), "the drain timeout must be at least one second", Durations.Form);

            var sources = kubernetes.Sources;
            CheckUrl(check, "packages", sources.Packages);
            CheckUrl(check, "packagesKey", sources.PackagesKey);
            CheckUrl(check, "downloads", sources.Downloads);
            CheckUrl(check, "longhorn", sources.Longhorn);
        }

        private static void CheckRelease(ClusterCheck check, string path, string? version)
        {
            if (version != null && !ReleasePattern.IsMatch(version))
                check.Report(path, "'" + version + "' is not a release version", ReleaseForm);
        }

        private static void CheckUrl(ClusterCheck check, string field, string? url)
        {
            if (url is null) return;
            var valid = Uri.TryCreate(url, UriKind.Absolute, out var parsed)
                && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
                && url.IndexOfAny(new[] { ' ', '\'', '"', '\\', '$', '`' }) < 0;
            if (!valid)
                check.Report(ManifestPaths.Field(ManifestPaths.KubernetesSources, field), "'" + url + "' is not a usable URL", UrlForm);
        }
    }
}
