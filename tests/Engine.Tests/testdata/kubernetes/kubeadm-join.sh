# MultiCloud: kubeadm join
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }

if [ -e /etc/kubernetes/kubelet.conf ] || [ -e /etc/kubernetes/admin.conf ] || [ -n "$(ls -A /etc/kubernetes/manifests 2>/dev/null)" ] || [ -e /etc/kubernetes/pki/ca.crt ]; then
  kubeadm reset -f >&2
  report reset yes
fi

umask 077
config=$(mktemp /tmp/multicloud-kubeadm.XXXXXX)
trap 'rm -f "$config"' EXIT
cat >"$config" <<'MC_EOF'
apiVersion: kubeadm.k8s.io/v1beta4
kind: JoinConfiguration
discovery:
  bootstrapToken:
    apiServerEndpoint: "192.168.10.5:6443"
    token: "abcdef.0123456789abcdef"
    caCertHashes: ["sha256:7c2a8f1f6cfd2d0a4f0e6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f70819"]
nodeRegistration:
  name: "workers-1"
  criSocket: unix:///run/containerd/containerd.sock
  taints:
    - key: "dedicated"
      value: "db"
      effect: NoSchedule
  kubeletExtraArgs:
    - name: node-ip
      value: "10.20.0.2"
MC_EOF
kubeadm join --config "$config"
report join done
