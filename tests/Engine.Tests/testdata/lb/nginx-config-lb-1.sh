# MultiCloud: write, validate and load the nginx stream configuration
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }
file_sha256() { if [ -f "$1" ]; then sha256sum <"$1" | cut -c1-64; else echo absent; fi; }

stream=/etc/nginx/multicloud/stream.conf
loader=/etc/nginx/modules-enabled/90-multicloud-stream.conf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/stream.conf" <<'MC_EOF'
# Managed by MultiCloud: load balancing on node lb-1. Changes are overwritten.
stream {
    # load balancer api, role dns: udp 53 -> port 30053 of pools compute
    upstream mc_api__dns {
        zone mc_api__dns 64k;
        server 10.100.0.4:30053 max_fails=1 fail_timeout=10s;
        server 10.100.0.5:30053 max_fails=1 fail_timeout=10s;
    }
    server {
        listen 53 udp;
        proxy_pass mc_api__dns;
    }

    # load balancer api, role ingress: tcp 443 -> port 30443 of pools compute
    upstream mc_api__ingress {
        zone mc_api__ingress 64k;
        server 10.100.0.4:30443 max_fails=1 fail_timeout=10s;
        server 10.100.0.5:30443 max_fails=1 fail_timeout=10s;
    }
    server {
        listen 443;
        proxy_pass mc_api__ingress;
        proxy_connect_timeout 2s;
        proxy_protocol on;
    }

    # load balancer api, role kube-apiserver: tcp 6443 -> port 6443 of pools control
    upstream mc_api__kube_apiserver {
        zone mc_api__kube_apiserver 64k;
        server 10.100.0.2:6443 max_fails=1 fail_timeout=10s;
        server 10.100.0.3:6443 max_fails=1 fail_timeout=10s;
    }
    server {
        listen 6443;
        proxy_pass mc_api__kube_apiserver;
        proxy_connect_timeout 2s;
    }
}
MC_EOF
cat >"$work/loader.conf" <<'MC_EOF'
# Managed by MultiCloud: loads the load-balancer stream configuration at nginx's main level.
include /etc/nginx/multicloud/stream.conf;
MC_EOF

same() { [ -f "$2" ] && cmp -s "$1" "$2"; }
changed=no
if ! same "$work/stream.conf" "$stream" || ! same "$work/loader.conf" "$loader"; then
  changed=yes
fi

if [ $changed = yes ]; then
  # nginx -t on a copy of /etc/nginx whose absolute paths point into the copy.
  cp -a /etc/nginx "$work/nginx"
  mkdir -p "$work/nginx/multicloud"
  cp "$work/stream.conf" "$work/nginx/multicloud/stream.conf"
  cp "$work/loader.conf" "$work/nginx/modules-enabled/90-multicloud-stream.conf"
  grep -rlF /etc/nginx/ "$work/nginx" | while IFS= read -r file; do
    sed -i "s#/etc/nginx/#$work/nginx/#g" "$file"
  done
  if ! output=$(nginx -t -c "$work/nginx/nginx.conf" 2>&1); then
    printf '%s\n' "$output" | sed "s#$work/nginx/#/etc/nginx/#g"
    report lb invalid
    exit 0
  fi
  install -d -m 0755 /etc/nginx/multicloud
  install -m 0644 "$work/stream.conf" "$stream.new"
  mv -f "$stream.new" "$stream"
  install -m 0644 "$work/loader.conf" "$loader.new"
  mv -f "$loader.new" "$loader"
fi

action=none
if systemctl is-active --quiet nginx; then
  if [ $changed = yes ]; then
    systemctl reload nginx
    action=reload
  fi
else
  systemctl start nginx
  action=start
  changed=yes
fi
if ! systemctl is-enabled --quiet nginx; then
  systemctl enable --quiet nginx
  changed=yes
fi

wait_listening() {
  local protocol=$1 port=$2 attempt
  for attempt in $(seq 1 50); do
    if [ -n "$(ss -H -l -n "--$protocol" "sport = :$port")" ]; then return 0; fi
    sleep 0.2
  done
  echo "nginx is not listening on $protocol port $port; see journalctl -u nginx and /var/log/nginx/error.log" >&2
  exit 1
}
if [ $action != none ]; then
  wait_listening udp 53
  wait_listening tcp 443
  wait_listening tcp 6443
fi
report lb "$([ $changed = yes ] && echo changed || echo unchanged)"
report action "$action"
report 'file:/etc/nginx/multicloud/stream.conf' "$(file_sha256 '/etc/nginx/multicloud/stream.conf')"
report 'file:/etc/nginx/modules-enabled/90-multicloud-stream.conf' "$(file_sha256 '/etc/nginx/modules-enabled/90-multicloud-stream.conf')"
