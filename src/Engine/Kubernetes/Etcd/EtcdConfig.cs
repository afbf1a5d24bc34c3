using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MultiCloud.Engine.Kubernetes.Etcd
{
    /// <summary>One etcd member as the initial cluster lists it.</summary>
    public sealed record EtcdMember(string Name, string MeshAddress)
    {
        public string PeerUrl => "https://" + MeshAddress + ":2380";
        public string ClientUrl => "https://" + MeshAddress + ":2379";
    }

    /// <summary>
    /// etcd's configuration file and systemd unit on a control node: peers and clients on the node's mesh address
    /// (clients also on 127.0.0.1, where the node's own API server connects), TLS everywhere with client
    /// certificates required, data in /var/lib/etcd.
    /// </summary>
    public static class EtcdConfig
    {
        public const string ConfigPath = "/etc/etcd/etcd.conf.yml";
        public const string UnitName = "multicloud-etcd.service";
        public const string UnitPath = "/etc/systemd/system/" + UnitName;
        public const string DataDirectory = "/var/lib/etcd";
        public const string Binary = "/usr/local/bin/etcd";
        public const string CtlBinary = "/usr/local/bin/etcdctl";
        public const string Pki = KubeadmConfig.EtcdPki;

        public static string Render(string clusterName, EtcdMember self, IReadOnlyList<EtcdMember> initialCluster, bool newCluster)
        {
            var text = new StringBuilder();
            text.Append("# Managed by MultiCloud: etcd member ").Append(self.Name).Append(". Changes are overwritten.\n");
            text.Append("name: ").Append(KubeadmConfig.Quote(self.Name)).Append('\n');
            text.Append("data-dir: ").Append(DataDirectory).Append('\n');
            text.Append("listen-peer-urls: ").Append(self.PeerUrl).Append('\n');
            text.Append("listen-client-urls: ").Append(self.ClientUrl).Append(",https://127.0.0.1:2379\n");
            text.Append("initial-advertise-peer-urls: ").Append(self.PeerUrl).Append('\n');
            text.Append("advertise-client-urls: ").Append(self.ClientUrl).Append('\n');
            text.Append("initial-cluster: ").Append(KubeadmConfig.Quote(string.Join(",", initialCluster.Select(m => m.Name + "=" + m.PeerUrl)))).Append('\n');
            text.Append("initial-cluster-state: ").Append(newCluster ? "new" : "existing").Append('\n');
            text.Append("initial-cluster-token: ").Append(KubeadmConfig.Quote("multicloud-" + clusterName)).Append('\n');
            text.Append("client-transport-security:\n");
            Security(text, "server");
            text.Append("peer-transport-security:\n");
            Security(text, "peer");
            return text.ToString();
        }

        public static string Unit() => @"# Managed by MultiCloud. Changes are overwritten.
[Unit]
Description=etcd of the MultiCloud Kubernetes control plane
Documentation=https://etcd.io/docs/
After=network-online.target wg-quick@wg0.service
Wants=network-online.target

[Service]
Type=notify
ExecStart=" + Binary + " --config-file " + ConfigPath + @"
Restart=always
RestartSec=5
LimitNOFILE=65536

[Install]
WantedBy=multi-user.target
";

        private static void Security(StringBuilder text, string certificate)
        {
            text.Append("  cert-file: ").Append(Pki).Append('/').Append(certificate).Append(".crt\n");
            text.Append("  key-file: ").Append(Pki).Append('/').Append(certificate).Append(".key\n");
            text.Append("  client-cert-auth: true\n");
            text.Append("  trusted-ca-file: ").Append(Pki).Append("/ca.crt\n");
        }
    }
}
