using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;
using YamlDotNet.RepresentationModel;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// Turns one native (multicloud.io/v1) YAML document into a <see cref="ClusterSpec"/>. Structural problems
    /// (unknown fields, wrong types, missing fields, bad enum words) are reported here; where a value is unusable
    /// a neutral stand-in keeps the model whole so model-level validation can still run on everything else.
    /// </summary>
    internal static class NativeClusterReader
    {
        public static ManifestDocument? Read(YamlMappingNode root, ReadContext context)
        {
            var top = new YamlFields(root, string.Empty, context, "apiVersion", "kind", "metadata", "spec");
            var kind = top.Text("kind", required: true);
            if (kind != null && kind != ManifestVocabulary.ClusterKind)
                context.Report(ManifestPaths.Kind, "unknown kind '" + kind + "'", ManifestVocabulary.ClusterKind);

            var name = ReadMetadata(top, context);
            var spec = top.Map("spec", required: true);
            if (spec is null) return null;

            var fields = new YamlFields(spec, ManifestPaths.Spec, context, "providers", "nodePools", "kubernetes", "loadBalancers", "storage");
            var providers = fields.MapItems("providers").Select(item => ReadProvider(item.Path, item.Node, context)).ToList();
            var pools = NativeNodePoolReader.Read(fields, context);
            var kubernetes = ReadKubernetes(fields, context);
            var loadBalancers = fields.MapItems("loadBalancers").Select(item => NativeLoadBalancerReader.Read(item.Path, item.Node, context)).ToList();

            var cluster = new ClusterSpec
            {
                Name = name,
                Providers = providers,
                NodePools = pools,
                Kubernetes = kubernetes,
                LoadBalancers = loadBalancers,
                Storage = ReadStorage(fields, context),
            };
            return new ManifestDocument(cluster, context.Source);
        }

        private static string ReadMetadata(YamlFields top, ReadContext context)
        {
            var metadata = top.Map("metadata", required: true);
            if (metadata is null) return string.Empty;
            return new YamlFields(metadata, ManifestPaths.Metadata, context, "name").Text("name", required: true) ?? string.Empty;
        }

        private static ProviderSpec ReadProvider(string path, YamlMappingNode node, ReadContext context)
        {
            var fields = new YamlFields(node, path, context, "name", "type", "settings", "credentials");
            var typeText = fields.Text("type", required: true);
            var type = ProviderType.Azure;
            if (typeText != null && !ManifestVocabulary.TryParseProviderType(typeText, out type))
            {
                var suggestion = NameSuggestion.Closest(typeText, ManifestVocabulary.ProviderTypes);
                context.Report(fields.PathOf("type"), "unknown provider type '" + typeText + "'" + (suggestion is null ? string.Empty : ", did you mean '" + suggestion + "'?"),
                    string.Join(", ", ManifestVocabulary.ProviderTypes));
            }

            var credentials = new Dictionary<string, CredentialRef>();
            var credentialMap = fields.Map("credentials");
            if (credentialMap != null)
            {
                foreach (var entry in credentialMap.Children)
                {
                    var secretName = (entry.Key as YamlScalarNode)?.Value;
                    if (string.IsNullOrEmpty(secretName))
                    {
                        context.Report(context.LocationOf(entry.Key), fields.PathOf("credentials"), "a secret name must be text, found " + YamlFields.Describe(entry.Key), "a map of secret names to credential references");
                        continue;
                    }
                    var entryPath = ManifestPaths.Field(fields.PathOf("credentials"), secretName!);
                    context.Place(entryPath, entry.Key);
                    var reference = CredentialReader.Read(entryPath, entry.Value, context);
                    if (reference != null) credentials[secretName!] = reference;
                }
            }

            return new ProviderSpec
            {
                Name = fields.Text("name", required: true) ?? string.Empty,
                Type = type,
                Settings = fields.TextMap("settings"),
                Credentials = credentials,
            };
        }

        private static KubernetesSpec ReadKubernetes(YamlFields spec, ReadContext context)
        {
            var node = spec.Map("kubernetes", required: true);
            if (node is null) return new KubernetesSpec { Version = string.Empty, Network = string.Empty };

            var fields = new YamlFields(node, ManifestPaths.Kubernetes, context,
                "version", "network", "mtu", "pools", "podNetwork", "serviceNetwork", "etcdVersion", "drainTimeout", "sources");
            IReadOnlyList<string> control = new string[0];
            IReadOnlyList<string> compute = new string[0];
            var poolsNode = fields.Map("pools");
            if (poolsNode != null)
            {
                var pools = new YamlFields(poolsNode, ManifestPaths.KubernetesPools, context, "control", "compute");
                control = pools.TextList("control");
                compute = pools.TextList("compute");
            }

            return new KubernetesSpec
            {
                Version = fields.Text("version", required: true) ?? string.Empty,
                Network = fields.Text("network", required: true) ?? string.Empty,
                Mtu = fields.Number("mtu") ?? KubernetesSpec.DefaultMtu,
                ControlPools = control,
                ComputePools = compute,
                PodNetwork = fields.Text("podNetwork") ?? KubernetesSpec.DefaultPodNetwork,
                ServiceNetwork = fields.Text("serviceNetwork") ?? KubernetesSpec.DefaultServiceNetwork,
                EtcdVersion = fields.Text("etcdVersion"),
                DrainTimeoutSeconds = ReadDuration(fields, "drainTimeout") ?? KubernetesSpec.DefaultDrainTimeoutSeconds,
                Sources = ReadSources(fields, context),
            };
        }

        private static int? ReadDuration(YamlFields fields, string key)
        {
            var text = fields.Text(key);
            if (text is null) return null;
            var seconds = Durations.TryParseSeconds(text);
            if (seconds is null) fields.WrongType(fields.PathOf(key), Durations.Form, fields.Value(key)!);
            return seconds;
        }

        private static KubernetesSources ReadSources(YamlFields kubernetes, ReadContext context)
        {
            var node = kubernetes.Map("sources");
            if (node is null) return new KubernetesSources();
            var fields = new YamlFields(node, kubernetes.PathOf("sources"), context, "packages", "packagesKey", "downloads", "longhorn");
            return new KubernetesSources
            {
                Packages = fields.Text("packages"),
                PackagesKey = fields.Text("packagesKey"),
                Downloads = fields.Text("downloads"),
                Longhorn = fields.Text("longhorn"),
            };
        }

        private static StorageSpec ReadStorage(YamlFields spec, ReadContext context)
        {
            var node = spec.Map("storage");
            if (node is null) return new StorageSpec();
            var fields = new YamlFields(node, ManifestPaths.Storage, context, "longhornVersion");
            return new StorageSpec { LonghornVersion = fields.Text("longhornVersion") };
        }
    }
}
