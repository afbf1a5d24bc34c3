using MultiCloud.Engine.Kubernetes.Etcd;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Kubernetes
{
    /// <summary>
    /// The kubeadm scripts. Configurations holding secrets go to a 0600 file that is removed when the script ends.
    /// kubeadm is told not to print tokens or keys; what it prints anyway is redacted by the shell.
    /// Reports: init=existing|done (reset=yes when a half-done init was undone first); join=existing|done
    /// (reset=yes likewise); token=created, ca-cert=base64 of the cluster CA; reset=done|nothing.
    /// </summary>
    public static class KubeadmScripts
    {
        public const string AdminConfig = "/etc/kubernetes/admin.conf";
        public const string KubeletConfig = "/etc/kubernetes/kubelet.conf";
        public const string ClusterCa = "/etc/kubernetes/pki/ca.crt";

        private const string Kubectl = "kubectl --kubeconfig " + AdminConfig;

        /// <summary>kubeadm init, never twice: a control plane that answers (admin.conf and /readyz within a minute) is kept; a half-done one is reset first.</summary>
        public static string Init(string config) =>
            "# MultiCloud: kubeadm init (once)\n" + ScriptParts.Preamble + @"
api_answers() {
  [ -s " + AdminConfig + @" ] || return 1
  for attempt in $(seq 1 30); do
    if " + Kubectl + @" get --raw=/readyz >/dev/null 2>&1; then return 0; fi
    sleep 2
  done
  return 1
}
if api_answers; then
  report init existing
  exit 0
fi
" + ResetIfStarted + ConfigFile(config) + @"
kubeadm init --config ""$config"" --upload-certs --skip-token-print --skip-certificate-key-print
report init done
";

        /// <summary>On a running control node: a bootstrap token (15 minutes) for one join and, for control nodes, the certificate key; prints the cluster CA (public).</summary>
        public static string CreateJoinToken(string nodeName, string token, string? certificateKey) =>
            "# MultiCloud: a bootstrap token for the join of " + nodeName + "\n" + ScriptParts.Preamble + @"
kubeadm token create " + BashText.Quote(token) + " --ttl 15m --description " + BashText.Quote("MultiCloud: join of " + nodeName) + @" >/dev/null
" + (certificateKey is null ? "" : "kubeadm init phase upload-certs --upload-certs --certificate-key " + BashText.Quote(certificateKey) + " >/dev/null\n") + @"report token created
report ca-cert ""$(base64 -w0 " + ClusterCa + @")""
";

        /// <summary>Whether the node's kubelet is set up and running (a finished join).</summary>
        public static string JoinedProbe() =>
            "# MultiCloud: is this node joined?\n" + ScriptParts.Preamble +
            "if [ -s " + KubeletConfig + " ] && systemctl is-active --quiet kubelet; then report joined yes; else report joined no; fi\n";

        /// <summary>kubeadm join; a node with leftovers of a join that stopped is reset first.</summary>
        public static string Join(string config) =>
            "# MultiCloud: kubeadm join\n" + ScriptParts.Preamble + ResetIfStarted + ConfigFile(config) + @"
kubeadm join --config ""$config""
report join done
";

        /// <summary>Takes Kubernetes and etcd off a machine that stays with its owner: kubeadm reset, etcd, the CNI bridge and MultiCloud's files.</summary>
        public static string Reset() =>
            "# MultiCloud: take Kubernetes off the machine\n" + ScriptParts.Preamble + @"
did=nothing
if command -v kubeadm >/dev/null && { [ -e /etc/kubernetes/kubelet.conf ] || [ -e /etc/kubernetes/manifests ] || [ -e " + AdminConfig + @" ]; }; then
  kubeadm reset -f >&2
  did=done
fi
if systemctl list-unit-files " + EtcdConfig.UnitName + @" >/dev/null 2>&1 && [ -e " + EtcdConfig.UnitPath + @" ]; then
  systemctl disable --now --quiet " + EtcdConfig.UnitName + @" || true
  rm -f " + EtcdConfig.UnitPath + @"
  systemctl daemon-reload
  did=done
fi
for path in " + EtcdConfig.DataDirectory + " /etc/etcd " + NodeRuntimeConfig.CniConfigPath + " " + PrepareKubernetesScript.MasqueradeUnitPath + @" /etc/kubernetes; do
  if [ -e ""$path"" ]; then rm -rf ""$path""; did=done; fi
done
systemctl disable --now --quiet kubelet 2>/dev/null || true
systemctl disable --now --quiet " + PrepareKubernetesScript.MasqueradeUnit + @" 2>/dev/null || true
if ip link show dev " + NodeRuntimeConfig.BridgeName + @" >/dev/null 2>&1; then ip link delete dev " + NodeRuntimeConfig.BridgeName + @"; did=done; fi
report reset ""$did""
";

        /// <summary>Leftovers of an init or join that stopped part way: kubeadm refuses to run over them, so they are reset.</summary>
        private const string ResetIfStarted = @"
if [ -e " + KubeletConfig + @" ] || [ -e " + AdminConfig + @" ] || [ -n ""$(ls -A /etc/kubernetes/manifests 2>/dev/null)"" ] || [ -e /etc/kubernetes/pki/ca.crt ]; then
  kubeadm reset -f >&2
  report reset yes
fi
";

        private static string ConfigFile(string config) => @"
umask 077
config=$(mktemp /tmp/multicloud-kubeadm.XXXXXX)
trap 'rm -f ""$config""' EXIT
cat >""$config"" " + BashText.Heredoc(config);
    }
}
