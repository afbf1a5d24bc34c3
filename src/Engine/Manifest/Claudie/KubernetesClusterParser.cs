using System.Collections.Generic;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>Reads spec.kubernetes.clusters.</summary>
    internal static class KubernetesClusterParser
    {
        private static readonly string[] ClusterFields = { "name", "version", "network", "pools", "installationProxy" };
        private static readonly string[] ProxyFields = { "mode", "endpoint", "noProxy" };
        private static readonly string[] ProxyModes = { "on", "off", "default" };

        public static IReadOnlyList<ClaudieKubernetesCluster> Parse(MappingView spec, ImportContext context)
        {
            var clusters = new List<ClaudieKubernetesCluster>();
            var kubernetes = spec.Mapping("kubernetes", new[] { "clusters" });
            if (kubernetes is null) return clusters;
            foreach (var (node, path) in kubernetes.Sequence("clusters"))
            {
                var fields = MappingView.Open(context, node, path, ClusterFields);
                if (fields is null) continue;
                var name = fields.RequiredString("name");
                var version = fields.RequiredString("version");
                var network = fields.RequiredString("network");
                var pools = fields.Mapping("pools", new[] { "control", "compute" }, required: true);
                var control = pools?.Strings("control", required: true) ?? new Located<string>[0];
                var compute = pools?.Strings("compute") ?? new Located<string>[0];
                ReadProxy(fields, context);

                var source = new SourceEntries();
                source.Add(ManifestPaths.Metadata, fields.Location, path);
                source.Add(ManifestPaths.MetadataName, name);
                source.Add(ManifestPaths.Kubernetes, fields.Location, path);
                source.Add(ManifestPaths.Field(ManifestPaths.Kubernetes, "version"), version);
                source.Add(ManifestPaths.Field(ManifestPaths.Kubernetes, "network"), network);
                source.Add(ManifestPaths.KubernetesPools, fields.LocationOf("pools"), fields.FieldPath("pools"));
                AddPoolList(source, ManifestPaths.ControlPools, control, pools, "control");
                AddPoolList(source, ManifestPaths.ComputePools, compute, pools, "compute");
                clusters.Add(new ClaudieKubernetesCluster(name, version, network, control, compute, source));
            }
            return clusters;
        }

        private static void AddPoolList(SourceEntries source, string nativePath, IReadOnlyList<Located<string>> names, MappingView? pools, string field)
        {
            if (pools is null) return;
            source.Add(nativePath, pools.LocationOf(field), pools.FieldPath(field));
            for (var i = 0; i < names.Count; i++) source.Add(ManifestPaths.Item(nativePath, i), names[i]);
        }

        /// <summary>
        /// Claudie can route node installs through an HTTP proxy; MultiCloud installs directly. "off" and "default"
        /// (Claudie's own choice) import as a direct install; "on" asks for something MultiCloud cannot do.
        /// </summary>
        private static void ReadProxy(MappingView cluster, ImportContext context)
        {
            var proxy = cluster.Mapping("installationProxy", ProxyFields);
            if (proxy is null) return;
            proxy.String("endpoint");
            proxy.String("noProxy");
            var mode = proxy.String("mode");
            if (mode is null) return;
            if (mode.Value == "on")
                context.Report(mode.Location, mode.Path, "an installation proxy is not supported: MultiCloud installs nodes directly", "off, default");
            else if (mode.Value != "off" && mode.Value != "default")
                context.Report(mode.Location, mode.Path, "unknown proxy mode '" + mode.Value + "'", string.Join(", ", ProxyModes));
        }
    }
}
