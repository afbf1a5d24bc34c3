# MultiCloud: prepare a control-plane node for Kubernetes v1.32.3
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }

write_if_changed() {
  local path=$1 mode=$2 new
  # Called as an if condition, where set -e is off: failures exit explicitly.
  new=$(mktemp "$(dirname "$path")/.$(basename "$path").XXXXXX") || exit 1
  { cat >"$new" && chmod "$mode" "$new"; } || exit 1
  if [ -f "$path" ] && cmp -s "$new" "$path"; then
    rm -f "$new"
    return 1
  fi
  mv -f "$new" "$path" || exit 1
}

export DEBIAN_FRONTEND=noninteractive
apt_options=(-q -y -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
updated=no
apt_update() { if [ $updated = no ]; then apt-get "${apt_options[@]}" update; updated=yes; fi; }

missing=()
for package in containerd containernetworking-plugins curl gpg ca-certificates openssl iptables conntrack socat ethtool; do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" != installed ]; then missing+=("$package"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  apt_update
  apt-get "${apt_options[@]}" install --no-install-recommends "${missing[@]}"
fi
report os-packages "${missing[*]:-none}"

install -d -m 0755 /etc/apt/keyrings
key=$(mktemp)
trap 'rm -f "$key"' EXIT
curl -fsSL --retry 3 'https://pkgs.k8s.io/core:/stable:/v1.32/deb/Release.key' | gpg --batch --yes --dearmor -o "$key"
repository=no
if write_if_changed /etc/apt/keyrings/multicloud-kubernetes.gpg 0644 <"$key"; then repository=yes; fi
if write_if_changed /etc/apt/sources.list.d/multicloud-kubernetes.list 0644 <<'MC_EOF'
deb [signed-by=/etc/apt/keyrings/multicloud-kubernetes.gpg] https://pkgs.k8s.io/core:/stable:/v1.32/deb/ /
MC_EOF
then repository=yes; fi

want='1.32.3'
stale=()
for package in kubeadm kubelet kubectl; do
  have=$(dpkg-query -W -f='${Version}' "$package" 2>/dev/null) || have=
  case "$have" in "$want"-*) ;; *) stale+=("$package"="$want-*") ;; esac
done
if [ ${#stale[@]} -gt 0 ]; then
  [ $repository = yes ] && updated=no
  apt_update
  apt-mark unhold kubeadm kubelet kubectl >/dev/null 2>&1 || true
  apt-get "${apt_options[@]}" install --no-install-recommends --allow-downgrades --allow-change-held-packages "${stale[@]}"
  apt-mark hold kubeadm kubelet kubectl >/dev/null
fi
report kubernetes-packages "${stale[*]:-unchanged}"

if write_if_changed /etc/containerd/config.toml 0644 <<'MC_EOF'
# Managed by MultiCloud: containerd for Kubernetes. Changes are overwritten.
version = 2

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10"

  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
    runtime_type = "io.containerd.runc.v2"

    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
      SystemdCgroup = true

  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "/etc/cni/net.d"
MC_EOF
then
  systemctl restart containerd
  report containerd changed
fi
systemctl enable --now --quiet containerd

install -d -m 0755 /etc/cni/net.d
if write_if_changed /etc/cni/net.d/10-multicloud.conflist 0644 <<'MC_EOF'
{
  "cniVersion": "1.0.0",
  "name": "multicloud",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "mc0",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "mtu": 1380,
      "ipam": {
        "type": "host-local",
        "ranges": [[{ "subnet": "10.244.0.0/24", "gateway": "10.244.0.1" }]],
        "routes": [{ "dst": "0.0.0.0/0" }]
      }
    },
    {
      "type": "portmap",
      "capabilities": { "portMappings": true }
    }
  ]
}
MC_EOF
then report cni changed; fi

if write_if_changed /etc/systemd/system/multicloud-pod-masquerade.service 0644 <<'MC_EOF'
# Managed by MultiCloud. Changes are overwritten.
[Unit]
Description=Masquerade traffic of this node's pods that leaves the pod network
After=network-online.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/sh -c 'iptables -C POSTROUTING -t nat -s 10.244.0.0/24 ! -d 10.244.0.0/16 -j MASQUERADE -m comment --comment multicloud-pods 2>/dev/null || iptables -A POSTROUTING -t nat -s 10.244.0.0/24 ! -d 10.244.0.0/16 -j MASQUERADE -m comment --comment multicloud-pods'
ExecStop=/bin/sh -c 'iptables -D POSTROUTING -t nat -s 10.244.0.0/24 ! -d 10.244.0.0/16 -j MASQUERADE -m comment --comment multicloud-pods 2>/dev/null || true'

[Install]
WantedBy=multi-user.target
MC_EOF
then
  systemctl daemon-reload
  systemctl restart multicloud-pod-masquerade.service || echo 'warning: pod traffic to outside the pod network is not masqueraded yet' >&2
fi
systemctl enable --quiet multicloud-pod-masquerade.service

if [ -n "$(swapon --show --noheadings 2>/dev/null)" ]; then
  swapoff -a
  report swap off
fi
sed -i -E 's@^([^#].*[[:space:]]swap[[:space:]].*)$@# MultiCloud (kubelet needs swap off): \1@' /etc/fstab

systemctl enable --quiet kubelet
report kubernetes-prepare ok
