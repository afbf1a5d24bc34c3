# MultiCloud: remove etcd member control-2
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }
ctl=(/usr/local/bin/etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/etcd/pki/ca.crt --cert=/etc/etcd/pki/client.crt --key=/etc/etcd/pki/client.key --command-timeout=20s)
reconfigure() {
  local attempt
  for attempt in $(seq 1 30); do
    if out=$("${ctl[@]}" "$@" 2>&1); then return 0; fi
    if [ "$attempt" = 30 ] || ! grep -q 'unhealthy cluster' <<<"$out"; then printf '%s\n' "$out" >&2; return 1; fi
    sleep 2
  done
}

id=$("${ctl[@]}" member list -w simple | awk -F', ' -v name='control-2' -v peer='https://10.20.0.2:2380' '$3 == name || $4 == peer { print $1 }')
if [ -n "$id" ]; then
  reconfigure member remove "$id"
  report removed yes
else
  report removed no
fi
"${ctl[@]}" endpoint health --cluster >&2 || echo 'warning: not every remaining etcd member reports healthy' >&2
