# MultiCloud: take Kubernetes off the machine
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }

did=nothing
if command -v kubeadm >/dev/null && { [ -e /etc/kubernetes/kubelet.conf ] || [ -e /etc/kubernetes/manifests ] || [ -e /etc/kubernetes/admin.conf ]; }; then
  kubeadm reset -f >&2
  did=done
fi
if systemctl list-unit-files multicloud-etcd.service >/dev/null 2>&1 && [ -e /etc/systemd/system/multicloud-etcd.service ]; then
  systemctl disable --now --quiet multicloud-etcd.service || true
  rm -f /etc/systemd/system/multicloud-etcd.service
  systemctl daemon-reload
  did=done
fi
for path in /var/lib/etcd /etc/etcd /etc/cni/net.d/10-multicloud.conflist /etc/systemd/system/multicloud-pod-masquerade.service /etc/kubernetes; do
  if [ -e "$path" ]; then rm -rf "$path"; did=done; fi
done
systemctl disable --now --quiet kubelet 2>/dev/null || true
systemctl disable --now --quiet multicloud-pod-masquerade.service 2>/dev/null || true
if ip link show dev mc0 >/dev/null 2>&1; then ip link delete dev mc0; did=done; fi
report reset "$did"
