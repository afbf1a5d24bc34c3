using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using MultiCloud.Engine.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// Writes clusters as native manifests (one YAML document each). Default values are left out, so the output
    /// is what a person would write; reading it back gives an equal spec.
    /// </summary>
    public static class ManifestWriter
    {
        public static string ToYaml(ClusterSpec cluster) => ToYaml(new[] { cluster });

        public static string ToYaml(IEnumerable<ClusterSpec> clusters)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            var emitter = new Emitter(text, new EmitterSettings().WithIndentedSequences().WithNewLine("\n"));
            var yaml = new YamlEventWriter(emitter);
            emitter.Emit(new StreamStart());
            var first = true;
            foreach (var cluster in clusters)
            {
                emitter.Emit(new DocumentStart(null, null, isImplicit: first));
                WriteCluster(yaml, cluster);
                emitter.Emit(new DocumentEnd(isImplicit: true));
                first = false;
            }
            emitter.Emit(new StreamEnd());
            return text.ToString();
        }

        private static void WriteCluster(YamlEventWriter yaml, ClusterSpec cluster)
        {
            yaml.BeginMap();
            yaml.Field("apiVersion", ManifestVocabulary.NativeApiVersion);
            yaml.Field("kind", ManifestVocabulary.ClusterKind);
            yaml.Key("metadata");
            yaml.BeginMap();
            yaml.Field("name", cluster.Name);
            yaml.EndMap();

            yaml.Key("spec");
            yaml.BeginMap();
            if (cluster.Providers.Count > 0)
            {
                yaml.Key("providers");
                yaml.BeginList();
                foreach (var provider in cluster.Providers) WriteProvider(yaml, provider);
                yaml.EndList();
            }
            NodePoolWriter.Write(yaml, cluster.NodePools);
            WriteKubernetes(yaml, cluster.Kubernetes);
            if (cluster.LoadBalancers.Count > 0)
            {
                yaml.Key("loadBalancers");
                yaml.BeginList();
                foreach (var loadBalancer in cluster.LoadBalancers) WriteLoadBalancer(yaml, loadBalancer);
                yaml.EndList();
            }
            if (cluster.Storage.LonghornVersion != null)
            {
                yaml.Key("storage");
                yaml.BeginMap();
                yaml.Field("longhornVersion", cluster.Storage.LonghornVersion);
                yaml.EndMap();
            }
            yaml.EndMap();
            yaml.EndMap();
        }

        private static void WriteProvider(YamlEventWriter yaml, ProviderSpec provider)
        {
            yaml.BeginMap();
            yaml.Field("name", provider.Name);
            yaml.Field("type", ManifestVocabulary.Name(provider.Type));
            yaml.TextMap("settings", provider.Settings);
            if (provider.Credentials.Count > 0)
            {
                yaml.Key("credentials");
                yaml.BeginMap();
                foreach (var credential in provider.Credentials)
                {
                    yaml.Key(credential.Key);
                    WriteCredential(yaml, credential.Value);
                }
                yaml.EndMap();
            }
            yaml.EndMap();
        }

        internal static void WriteCredential(YamlEventWriter yaml, CredentialRef credential)
        {
            yaml.BeginMap(flow: true);
            yaml.Field(CredentialReader.Name(credential.Source), credential.Reference);
            yaml.Field("vault", credential.Vault);
            yaml.EndMap();
        }

        private static void WriteKubernetes(YamlEventWriter yaml, KubernetesSpec kubernetes)
        {
            yaml.Key("kubernetes");
            yaml.BeginMap();
            yaml.Field("version", kubernetes.Version);
            yaml.Field("network", kubernetes.Network);
            if (kubernetes.Mtu != KubernetesSpec.DefaultMtu) yaml.Field("mtu", kubernetes.Mtu);
            if (kubernetes.ControlPools.Count > 0 || kubernetes.ComputePools.Count > 0)
            {
                yaml.Key("pools");
                yaml.BeginMap();
                yaml.TextList("control", kubernetes.ControlPools);
                yaml.TextList("compute", kubernetes.ComputePools);
                yaml.EndMap();
            }
            if (kubernetes.PodNetwork != KubernetesSpec.DefaultPodNetwork) yaml.Field("podNetwork", kubernetes.PodNetwork);
            if (kubernetes.ServiceNetwork != KubernetesSpec.DefaultServiceNetwork) yaml.Field("serviceNetwork", kubernetes.ServiceNetwork);
            yaml.Field("etcdVersion", kubernetes.EtcdVersion);
            if (kubernetes.DrainTimeoutSeconds != KubernetesSpec.DefaultDrainTimeoutSeconds)
                yaml.Field("drainTimeout", Durations.Format(kubernetes.DrainTimeoutSeconds));
            if (!kubernetes.Sources.IsDefault)
            {
                yaml.Key("sources");
                yaml.BeginMap();
                yaml.Field("packages", kubernetes.Sources.Packages);
                yaml.Field("packagesKey", kubernetes.Sources.PackagesKey);
                yaml.Field("downloads", kubernetes.Sources.Downloads);
                yaml.Field("longhorn", kubernetes.Sources.Longhorn);
                yaml.EndMap();
            }
            yaml.EndMap();
        }

        private static void WriteLoadBalancer(YamlEventWriter yaml, LoadBalancerSpec loadBalancer)
        {
            yaml.BeginMap();
            yaml.Field("name", loadBalancer.Name);
            yaml.TextList("pools", loadBalancer.Pools);
            if (loadBalancer.Roles.Count > 0)
            {
                yaml.Key("roles");
                yaml.BeginList();
                foreach (var role in loadBalancer.Roles) WriteRole(yaml, role);
                yaml.EndList();
            }
            if (loadBalancer.Dns is DnsSpec dns)
            {
                yaml.Key("dns");
                yaml.BeginMap();
                yaml.Field("zone", dns.Zone);
                yaml.Field("provider", dns.Provider);
                yaml.Field("hostname", dns.Hostname);
                yaml.TextList("alternativeNames", dns.AlternativeNames);
                yaml.EndMap();
            }
            yaml.EndMap();
        }

        private static void WriteRole(YamlEventWriter yaml, RoleSpec role)
        {
            yaml.BeginMap();
            yaml.Field("name", role.Name);
            if (role.Protocol != LoadBalancerProtocol.Tcp) yaml.Field("protocol", ManifestVocabulary.Name(role.Protocol));
            yaml.Field("port", role.Port);
            yaml.Field("targetPort", role.TargetPort);
            yaml.TextList("targetPools", role.TargetPools);
            if (role.ProxyProtocol)
            {
                yaml.Key("proxyProtocol");
                yaml.Flag(true);
            }
            yaml.EndMap();
        }
    }
}
