# MultiCloud: add etcd member control-2
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

name='control-2'
peer='https://10.20.0.2:2380'
members=$("${ctl[@]}" member list -w simple)
if grep -q ", $peer, " <<<"$members"; then
  report added no
  cluster=$(awk -F', ' -v self="$name" -v peer="$peer" '{ n = $3; if ($4 == peer) n = self; if (n != "") printf "%s%s=%s", (c++ ? "," : ""), n, $4 }' <<<"$members")
else
  reconfigure member add "$name" --peer-urls="$peer"
  report added yes
  # The cluster as member add prints it: a member list now would wait for a quorum that needs the new member running.
  cluster=$(sed -n 's/^ETCD_INITIAL_CLUSTER="\(.*\)"$/\1/p' <<<"$out")
fi
report initial-cluster "$cluster"
