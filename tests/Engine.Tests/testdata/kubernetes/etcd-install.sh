# MultiCloud: install and start etcd v3.5.16
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
ctl=(/usr/local/bin/etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/etcd/pki/ca.crt --cert=/etc/etcd/pki/client.crt --key=/etc/etcd/pki/client.key --command-timeout=20s)

changed=no
arch=$(dpkg --print-architecture)
have=$(/usr/local/bin/etcd --version 2>/dev/null | awk '/^etcd Version:/ {print "v" $3}') || have=
if [ "$have" != 'v3.5.16' ] || [ ! -x /usr/local/bin/etcdctl ]; then
  command -v curl >/dev/null || { echo 'curl is missing: the Kubernetes preparation step installs it' >&2; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  curl -fsSL --retry 3 -o "$work/etcd.tar.gz" "https://github.com/etcd-io/etcd/releases/download/v3.5.16/etcd-v3.5.16-linux-${arch}.tar.gz"
  tar -xzf "$work/etcd.tar.gz" -C "$work" --strip-components=1
  install -m 0755 "$work/etcd" "$work/etcdctl" /usr/local/bin/
  changed=yes
fi
install -d -m 0700 /etc/etcd/pki /var/lib/etcd
if write_if_changed /etc/etcd/pki/ca.crt 0644 <<'MC_EOF'
-----BEGIN CERTIFICATE-----
TEST
-----END CERTIFICATE-----
MC_EOF
then changed=yes; fi
if write_if_changed /etc/etcd/pki/ca.key 0600 <<'MC_EOF'
-----BEGIN PRIVATE KEY-----
TEST
-----END PRIVATE KEY-----
MC_EOF
then changed=yes; fi
if write_if_changed /etc/etcd/pki/server.crt 0644 <<'MC_EOF'
-----BEGIN CERTIFICATE-----
TEST
-----END CERTIFICATE-----
MC_EOF
then changed=yes; fi
if write_if_changed /etc/etcd/pki/server.key 0600 <<'MC_EOF'
-----BEGIN PRIVATE KEY-----
TEST
-----END PRIVATE KEY-----
MC_EOF
then changed=yes; fi
if write_if_changed /etc/etcd/pki/peer.crt 0644 <<'MC_EOF'
-----BEGIN CERTIFICATE-----
TEST
-----END CERTIFICATE-----
MC_EOF
then changed=yes; fi
if write_if_changed /etc/etcd/pki/peer.key 0600 <<'MC_EOF'
-----BEGIN PRIVATE KEY-----
TEST
-----END PRIVATE KEY-----
MC_EOF
then changed=yes; fi
if write_if_changed /etc/etcd/pki/client.crt 0644 <<'MC_EOF'
-----BEGIN CERTIFICATE-----
TEST
-----END CERTIFICATE-----
MC_EOF
then changed=yes; fi
if write_if_changed /etc/etcd/pki/client.key 0600 <<'MC_EOF'
-----BEGIN PRIVATE KEY-----
TEST
-----END PRIVATE KEY-----
MC_EOF
then changed=yes; fi
if write_if_changed /etc/etcd/etcd.conf.yml 0644 <<'MC_EOF'
# Managed by MultiCloud: etcd member control-1. Changes are overwritten.
name: "control-1"
data-dir: /var/lib/etcd
listen-peer-urls: https://10.20.0.1:2380
listen-client-urls: https://10.20.0.1:2379,https://127.0.0.1:2379
initial-advertise-peer-urls: https://10.20.0.1:2380
advertise-client-urls: https://10.20.0.1:2379
initial-cluster: "control-1=https://10.20.0.1:2380"
initial-cluster-state: new
initial-cluster-token: "multicloud-onprem"
client-transport-security:
  cert-file: /etc/etcd/pki/server.crt
  key-file: /etc/etcd/pki/server.key
  client-cert-auth: true
  trusted-ca-file: /etc/etcd/pki/ca.crt
peer-transport-security:
  cert-file: /etc/etcd/pki/peer.crt
  key-file: /etc/etcd/pki/peer.key
  client-cert-auth: true
  trusted-ca-file: /etc/etcd/pki/ca.crt
MC_EOF
then changed=yes; fi
if write_if_changed /etc/systemd/system/multicloud-etcd.service 0644 <<'MC_EOF'
# Managed by MultiCloud. Changes are overwritten.
[Unit]
Description=etcd of the MultiCloud Kubernetes control plane
Documentation=https://etcd.io/docs/
After=network-online.target wg-quick@wg0.service
Wants=network-online.target

[Service]
Type=notify
ExecStart=/usr/local/bin/etcd --config-file /etc/etcd/etcd.conf.yml
Restart=always
RestartSec=5
LimitNOFILE=65536

[Install]
WantedBy=multi-user.target
MC_EOF
then systemctl daemon-reload; changed=yes; fi
systemctl enable --quiet multicloud-etcd.service
if ! systemctl is-active --quiet multicloud-etcd.service; then
  systemctl start multicloud-etcd.service
elif [ $changed = yes ]; then
  systemctl restart multicloud-etcd.service
fi
for attempt in $(seq 1 60); do
  if "${ctl[@]}" endpoint health >/dev/null 2>&1; then break; fi
  sleep 1
done
if ! "${ctl[@]}" endpoint health >&2; then
  echo 'etcd did not become healthy; see journalctl -u multicloud-etcd.service' >&2
  exit 1
fi
report etcd "$([ $changed = yes ] && echo changed || echo unchanged)"
report health ok
