using System.Collections.Generic;
using System.Linq;
using System.Text;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Kubernetes
{
    /// <summary>A node as kubeadm registers it: MultiCloud's name, its mesh address (advertised, kubelet node-ip), its taints.</summary>
    public sealed record KubeadmNode(string Name, string MeshAddress, IReadOnlyList<TaintSpec> Taints);

    /// <summary>The bootstrap token and certificate key of one init or join; secrets, never in state or logs.</summary>
    public sealed record JoinSecrets(string Token, string CertificateKey);

    /// <summary>
    /// kubeadm's v1beta4 documents (and the kubelet's KubeletConfiguration) as MultiCloud writes them. Strict YAML of
    /// plain scalars the engine controls (names, addresses, versions), quoted where YAML would read them otherwise.
    /// </summary>
    public static class KubeadmConfig
    {
        public const string ApiVersion = "kubeadm.k8s.io/v1beta4";
        public const string CriSocket = "unix:///run/containerd/containerd.sock";
        public const string ControlPlaneTaint = "node-role.kubernetes.io/control-plane";
        public const string EtcdPki = "/etc/etcd/pki";
        public const string EtcdCaFile = EtcdPki + "/ca.crt";
        public const string EtcdClientCertFile = EtcdPki + "/client.crt";
        public const string EtcdClientKeyFile = EtcdPki + "/client.key";

        /// <summary>Each API server talks to the etcd member on its own node, which every control node has before its join.</summary>
        public const string EtcdEndpoint = "https://127.0.0.1:2379";

        /// <summary>InitConfiguration + ClusterConfiguration + KubeletConfiguration for the first control node.</summary>
        public static string Init(ClusterSpec spec, KubeadmNode node, ApiEndpoint endpoint, JoinSecrets secrets)
        {
            var text = new StringBuilder();
            Header(text, "InitConfiguration");
            text.Append("bootstrapTokens:\n");
            text.Append("  - token: ").Append(Quote(secrets.Token)).Append('\n');
            text.Append("    description: ").Append(Quote("MultiCloud: joins right after kubeadm init")).Append('\n');
            text.Append("    ttl: 15m0s\n");
            text.Append("    usages: [signing, authentication]\n");
            text.Append("    groups: [").Append(Quote("system:bootstrappers:kubeadm:default-node-token")).Append("]\n");
            text.Append("certificateKey: ").Append(Quote(secrets.CertificateKey)).Append('\n');
            NodeRegistration(text, node);
            text.Append("localAPIEndpoint:\n");
            text.Append("  advertiseAddress: ").Append(node.MeshAddress).Append('\n');
            text.Append("  bindPort: 6443\n");
            text.Append("---\n");
            Cluster(text, spec, endpoint);
            text.Append("---\n");
            text.Append("apiVersion: kubelet.config.k8s.io/v1beta1\n");
            text.Append("kind: KubeletConfiguration\n");
            text.Append("cgroupDriver: systemd\n");
            return text.ToString();
        }

        /// <summary>JoinConfiguration of a worker, or of a control node (with its advertise address and the certificate key).</summary>
        public static string Join(KubeadmNode node, ApiEndpoint endpoint, string token, string caCertHash, string? certificateKey)
        {
            var text = new StringBuilder();
            Header(text, "JoinConfiguration");
            text.Append("discovery:\n");
            text.Append("  bootstrapToken:\n");
            text.Append("    apiServerEndpoint: ").Append(Quote(endpoint.HostPort)).Append('\n');
            text.Append("    token: ").Append(Quote(token)).Append('\n');
            text.Append("    caCertHashes: [").Append(Quote(caCertHash)).Append("]\n");
            NodeRegistration(text, node);
            if (certificateKey != null)
            {
                text.Append("controlPlane:\n");
                text.Append("  localAPIEndpoint:\n");
                text.Append("    advertiseAddress: ").Append(node.MeshAddress).Append('\n');
                text.Append("    bindPort: 6443\n");
                text.Append("  certificateKey: ").Append(Quote(certificateKey)).Append('\n');
            }
            return text.ToString();
        }

        /// <summary>The taints kubeadm registers a node with: the pool's, and on control nodes kubeadm's own unless the pool sets that key itself.</summary>
        public static IReadOnlyList<TaintSpec> RegistrationTaints(NodePoolSpec pool, NodeRole role)
        {
            var taints = pool.Taints.ToList();
            if (role == NodeRole.Control && !taints.Any(t => t.Key == ControlPlaneTaint))
                taints.Insert(0, new TaintSpec(ControlPlaneTaint, null, TaintEffect.NoSchedule));
            return taints;
        }

        private static void Header(StringBuilder text, string kind) =>
            text.Append("apiVersion: ").Append(ApiVersion).Append('\n').Append("kind: ").Append(kind).Append('\n');

        private static void NodeRegistration(StringBuilder text, KubeadmNode node)
        {
            text.Append("nodeRegistration:\n");
            text.Append("  name: ").Append(Quote(node.Name)).Append('\n');
            text.Append("  criSocket: ").Append(CriSocket).Append('\n');
            if (node.Taints.Count == 0) text.Append("  taints: []\n");
            else
            {
                text.Append("  taints:\n");
                foreach (var taint in node.Taints)
                {
                    text.Append("    - key: ").Append(Quote(taint.Key)).Append('\n');
                    if (taint.Value != null) text.Append("      value: ").Append(Quote(taint.Value)).Append('\n');
                    text.Append("      effect: ").Append(taint.Effect).Append('\n');
                }
            }
            text.Append("  kubeletExtraArgs:\n");
            text.Append("    - name: node-ip\n");
            text.Append("      value: ").Append(Quote(node.MeshAddress)).Append('\n');
        }

        private static void Cluster(StringBuilder text, ClusterSpec spec, ApiEndpoint endpoint)
        {
            Header(text, "ClusterConfiguration");
            text.Append("clusterName: ").Append(Quote(spec.Name)).Append('\n');
            text.Append("kubernetesVersion: ").Append(spec.Kubernetes.Version).Append('\n');
            text.Append("controlPlaneEndpoint: ").Append(Quote(endpoint.HostPort)).Append('\n');
            text.Append("apiServer:\n");
            text.Append("  certSANs:\n");
            foreach (var name in endpoint.CertificateNames) text.Append("    - ").Append(Quote(name)).Append('\n');
            text.Append("controllerManager:\n");
            text.Append("  extraArgs:\n");
            text.Append("    - name: allocate-node-cidrs\n");
            text.Append("      value: \"false\"\n");
            text.Append("networking:\n");
            text.Append("  podSubnet: ").Append(spec.Kubernetes.PodNetwork).Append('\n');
            text.Append("  serviceSubnet: ").Append(spec.Kubernetes.ServiceNetwork).Append('\n');
            text.Append("etcd:\n");
            text.Append("  external:\n");
            text.Append("    endpoints: [").Append(Quote(EtcdEndpoint)).Append("]\n");
            text.Append("    caFile: ").Append(EtcdCaFile).Append('\n');
            text.Append("    certFile: ").Append(EtcdClientCertFile).Append('\n');
            text.Append("    keyFile: ").Append(EtcdClientKeyFile).Append('\n');
        }

        /// <summary>A double-quoted YAML scalar.</summary>
        public static string Quote(string value) =>
            "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
