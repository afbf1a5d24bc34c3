# MultiCloud: kubeadm init (once)
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }

api_answers() {
  [ -s /etc/kubernetes/admin.conf ] || return 1
  for attempt in $(seq 1 30); do
    if kubectl --kubeconfig /etc/kubernetes/admin.conf get --raw=/readyz >/dev/null 2>&1; then return 0; fi
    sleep 2
  done
  return 1
}
if api_answers; then
  report init existing
  exit 0
fi

if [ -e /etc/kubernetes/kubelet.conf ] || [ -e /etc/kubernetes/admin.conf ] || [ -n "$(ls -A /etc/kubernetes/manifests 2>/dev/null)" ] || [ -e /etc/kubernetes/pki/ca.crt ]; then
  kubeadm reset -f >&2
  report reset yes
fi

umask 077
config=$(mktemp /tmp/multicloud-kubeadm.XXXXXX)
trap 'rm -f "$config"' EXIT
cat >"$config" <<'MC_EOF'
apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
bootstrapTokens:
  - token: "abcdef.0123456789abcdef"
    description: "MultiCloud: joins right after kubeadm init"
    ttl: 15m0s
    usages: [signing, authentication]
    groups: ["system:bootstrappers:kubeadm:default-node-token"]
certificateKey: "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
nodeRegistration:
  name: "control-1"
  criSocket: unix:///run/containerd/containerd.sock
  taints:
    - key: "node-role.kubernetes.io/control-plane"
      effect: NoSchedule
  kubeletExtraArgs:
    - name: node-ip
      value: "10.20.0.1"
localAPIEndpoint:
  advertiseAddress: 10.20.0.1
  bindPort: 6443
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
clusterName: "onprem"
kubernetesVersion: v1.32.3
controlPlaneEndpoint: "192.168.10.5:6443"
apiServer:
  certSANs:
    - "192.168.10.5"
controllerManager:
  extraArgs:
    - name: allocate-node-cidrs
      value: "false"
networking:
  podSubnet: 10.244.0.0/16
  serviceSubnet: 10.96.0.0/12
etcd:
  external:
    endpoints: ["https://127.0.0.1:2379"]
    caFile: /etc/etcd/pki/ca.crt
    certFile: /etc/etcd/pki/client.crt
    keyFile: /etc/etcd/pki/client.key
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: systemd
MC_EOF
kubeadm init --config "$config" --upload-certs --skip-token-print --skip-certificate-key-print
report init done
