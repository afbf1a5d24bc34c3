# MultiCloud: add etcd member control-2
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }
ctl=(/usr/local/bin/etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/etcd/pki/ca.crt --cert=/etc/etcd/pki/client.crt --key=/etc/etcd/pki/client.key --command-timeout=20s)

name='control-2'
peer='https://10.20.0.2:2380'
members=$("${ctl[@]}" member list -w simple)
if grep -q ", $peer, " <<<"$members"; then
  report added no
else
  "${ctl[@]}" member add "$name" --peer-urls="$peer" >/dev/null
  report added yes
  members=$("${ctl[@]}" member list -w simple)
fi
cluster=$(awk -F', ' -v self="$name" -v peer="$peer" '{ n = $3; if ($4 == peer) n = self; if (n != "") printf "%s%s=%s", (c++ ? "," : ""), n, $4 }' <<<"$members")
report initial-cluster "$cluster"
