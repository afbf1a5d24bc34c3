using System.Collections.Generic;
using System.Text;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Kubernetes
{
    /// <summary>What one node is prepared with: its role, its pod /24, and the cluster's version, pod network, MTU and sources.</summary>
    public sealed record KubernetesNodeSetup(NodeRole Role, string PodCidr, string PodNetwork, string Version, int Mtu, KubernetesSourceUrls Sources)
    {
        /// <summary>"1.32.3" of "v1.32.3": the Debian version of pkgs.k8s.io's packages starts with it ("1.32.3-1.1").</summary>
        public string PackageVersion => Version.TrimStart('v');
    }

    /// <summary>
    /// Readies a node for Kubernetes in one script, touching only what differs: OS packages (containerd, CNI
    /// plugins, tools; open-iscsi and nfs-common on compute nodes for Longhorn), the Kubernetes repository and
    /// kubeadm/kubelet/kubectl at the exact version (held), containerd's and the CNI configuration, masquerading of
    /// pod traffic that leaves the pod network, swap off. Reports kubernetes-prepare=ok.
    /// </summary>
    public static class PrepareKubernetesScript
    {
        public const string RepositoryListPath = "/etc/apt/sources.list.d/multicloud-kubernetes.list";
        public const string RepositoryKeyPath = "/etc/apt/keyrings/multicloud-kubernetes.gpg";
        public const string MasqueradeUnit = "multicloud-pod-masquerade.service";
        public const string MasqueradeUnitPath = "/etc/systemd/system/" + MasqueradeUnit;
        public const string MultipathConfigPath = "/etc/multipath/conf.d/multicloud-longhorn.conf";

        public static IReadOnlyList<string> OsPackagesFor(NodeRole role)
        {
            var packages = new List<string> { "containerd", "containernetworking-plugins", "curl", "gpg", "ca-certificates", "openssl", "iptables", "conntrack", "socat", "ethtool" };
            if (role == NodeRole.Compute) packages.AddRange(new[] { "open-iscsi", "nfs-common" });
            return packages;
        }

        public static string Render(KubernetesNodeSetup setup)
        {
            var script = new StringBuilder("# MultiCloud: prepare a " + (setup.Role == NodeRole.Control ? "control-plane" : "compute") + " node for Kubernetes " + setup.Version + "\n");
            script.Append(ScriptParts.Preamble).Append(ScriptParts.WriteIfChanged);
            script.Append(@"
export DEBIAN_FRONTEND=noninteractive
apt_options=(-q -y -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
updated=no
apt_update() { if [ $updated = no ]; then apt-get ""${apt_options[@]}"" update; updated=yes; fi; }

missing=()
for package in " + string.Join(" ", OsPackagesFor(setup.Role)) + @"; do
  if [ ""$(dpkg-query -W -f='${db:Status-Status}' ""$package"" 2>/dev/null)"" != installed ]; then missing+=(""$package""); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  apt_update
  apt-get ""${apt_options[@]}"" install --no-install-recommends ""${missing[@]}""
fi
report os-packages ""${missing[*]:-none}""

install -d -m 0755 /etc/apt/keyrings
key=$(mktemp)
trap 'rm -f ""$key""' EXIT
curl -fsSL --retry 3 " + BashText.Quote(setup.Sources.PackagesKey) + @" | gpg --batch --yes --dearmor -o ""$key""
repository=no
if write_if_changed " + RepositoryKeyPath + @" 0644 <""$key""; then repository=yes; fi
if write_if_changed " + RepositoryListPath + " 0644 " + BashText.Heredoc("deb [signed-by=" + RepositoryKeyPath + "] " + setup.Sources.Packages + " /\n") + @"
then repository=yes; fi

want=" + BashText.Quote(setup.PackageVersion) + @"
stale=()
for package in kubeadm kubelet kubectl; do
  have=$(dpkg-query -W -f='${Version}' ""$package"" 2>/dev/null) || have=
  case ""$have"" in ""$want""-*) ;; *) stale+=(""$package""=""$want-*"") ;; esac
done
if [ ${#stale[@]} -gt 0 ]; then
  [ $repository = yes ] && updated=no
  apt_update
  apt-mark unhold kubeadm kubelet kubectl >/dev/null 2>&1 || true
  apt-get ""${apt_options[@]}"" install --no-install-recommends --allow-downgrades --allow-change-held-packages ""${stale[@]}""
  apt-mark hold kubeadm kubelet kubectl >/dev/null
fi
report kubernetes-packages ""${stale[*]:-unchanged}""

if write_if_changed " + NodeRuntimeConfig.ContainerdConfigPath + " 0644 " + BashText.Heredoc(NodeRuntimeConfig.Containerd()) + @"
then
  systemctl restart containerd
  report containerd changed
fi
systemctl enable --now --quiet containerd

install -d -m 0755 /etc/cni/net.d
if write_if_changed " + NodeRuntimeConfig.CniConfigPath + " 0644 " + BashText.Heredoc(NodeRuntimeConfig.CniConflist(setup.PodCidr, setup.Mtu)) + @"
then report cni changed; fi

if write_if_changed " + MasqueradeUnitPath + " 0644 " + BashText.Heredoc(MasqueradeUnitText(setup.PodCidr, setup.PodNetwork)) + @"
then
  systemctl daemon-reload
  systemctl restart " + MasqueradeUnit + @" || echo 'warning: pod traffic to outside the pod network is not masqueraded yet' >&2
fi
systemctl enable --quiet " + MasqueradeUnit + @"

if [ -n ""$(swapon --show --noheadings 2>/dev/null)"" ]; then
  swapoff -a
  report swap off
fi
sed -i -E 's@^([^#].*[[:space:]]swap[[:space:]].*)$@# MultiCloud (kubelet needs swap off): \1@' /etc/fstab
");
            if (setup.Role == NodeRole.Compute)
            {
                script.Append(@"
systemctl enable --now --quiet iscsid || echo 'warning: iscsid did not start; Longhorn volumes need it' >&2
if command -v multipathd >/dev/null; then
  install -d -m 0755 /etc/multipath/conf.d
  if write_if_changed " + MultipathConfigPath + " 0644 " + BashText.Heredoc("# Managed by MultiCloud: Longhorn's block devices are not multipath devices.\nblacklist {\n    devnode \"^sd[a-z0-9]+\"\n}\n") + @"
  then systemctl restart multipathd 2>/dev/null || true; fi
fi
");
            }
            script.Append(@"
systemctl enable --quiet kubelet
report kubernetes-prepare ok
");
            return script.ToString();
        }

        /// <summary>A oneshot unit that masquerades traffic from the node's pods to anywhere outside the pod network (other nodes' pods are reached unchanged).</summary>
        public static string MasqueradeUnitText(string podCidr, string podNetwork)
        {
            var rule = "POSTROUTING -t nat -s " + podCidr + " ! -d " + podNetwork + " -j MASQUERADE -m comment --comment multicloud-pods";
            return "# Managed by MultiCloud. Changes are overwritten.\n" +
                "[Unit]\nDescription=Masquerade traffic of this node's pods that leaves the pod network\nAfter=network-online.target\n\n" +
                "[Service]\nType=oneshot\nRemainAfterExit=yes\n" +
                "ExecStart=/bin/sh -c 'iptables -C " + rule + " 2>/dev/null || iptables -A " + rule + "'\n" +
                "ExecStop=/bin/sh -c 'iptables -D " + rule + " 2>/dev/null || true'\n\n" +
                "[Install]\nWantedBy=multi-user.target\n";
        }
    }
}
