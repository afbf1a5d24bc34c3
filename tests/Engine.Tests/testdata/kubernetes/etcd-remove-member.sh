# MultiCloud: remove etcd member control-2
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }
ctl=(/usr/local/bin/etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/etcd/pki/ca.crt --cert=/etc/etcd/pki/client.crt --key=/etc/etcd/pki/client.key --command-timeout=20s)

id=$("${ctl[@]}" member list -w simple | awk -F', ' -v name='control-2' -v peer='https://10.20.0.2:2380' '$3 == name || $4 == peer { print $1 }')
if [ -n "$id" ]; then
  "${ctl[@]}" member remove "$id" >/dev/null
  report removed yes
else
  report removed no
fi
"${ctl[@]}" endpoint health --cluster >&2 || echo 'warning: not every remaining etcd member reports healthy' >&2
