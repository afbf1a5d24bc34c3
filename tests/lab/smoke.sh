#!/usr/bin/env bash
# End-to-end proof that the lab gives what the engine's tests rely on: hosts
# that reach each other, apt inside a host, wg-quick@ over wireguard-go, and
# isolate/restore, stop/start, add, then a down that leaves nothing behind.
# Inside the hosts it uses Debian's mirror (apt); nothing else outside.
# Usage: smoke.sh [N]   (N >= 3 hosts, default 3). Always tears its lab down.
set -euo pipefail

LAB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lab.sh"
N=${1:-3}
((N >= 3)) || { echo "smoke.sh needs at least 3 hosts" >&2; exit 2; }

ID=
PASSED=0
T0=
cleanup() {
  local rc=$?
  if [[ -n $ID ]]; then "$LAB" down "$ID" || true; fi
  ((rc == 0)) || echo "smoke: $PASSED passed, 1 failed" >&2
}
trap cleanup EXIT

say() { printf '== %s\n' "$*" >&2; }
ok() { PASSED=$((PASSED + 1)); printf '   ok: %s\n' "$*" >&2; }
fail() { printf '   FAILED: %s\n' "$*" >&2; exit 1; }
start_clock() { T0=$EPOCHREALTIME; }
took() { printf '   time: %s %.1f s\n' "$1" "$(bc <<<"$EPOCHREALTIME - $T0")" >&2; }
on() { local host=$1; shift; "$LAB" ssh "$ID" "$host" "$@" </dev/null; }
address() { jq -r --arg n "$ID-h$1" '.hosts[] | select(.name == $n) | .address' <<<"$("$LAB" show "$ID")"; }
# Pings from host $1 to $2, a few tries (a link just restored needs a moment).
reaches() { on "$1" "for i in 1 2 3 4 5; do ping -c1 -W1 $2 >/dev/null && exit 0; done; exit 1"; }

say "base"
start_clock; "$LAB" base >/dev/null; took base

say "up $N"
start_clock; json=$("$LAB" up "$N"); took "up $N"
ID=$(jq -r .id <<<"$json")
[[ $(jq '.hosts | length' <<<"$json") == "$N" ]] || fail "up printed $json"
ok "lab $ID with $N hosts: $(jq -c '[.hosts[].address]' <<<"$json")"

say "hosts reach each other"
for ((i = 1; i <= N; i++)); do
  j=$((i % N + 1))
  reaches "$i" "$(address "$j")" || fail "h$i cannot ping h$j"
done
ok "every host pings the next one"

say "users"
MC_LAB_USER=mc "$LAB" ssh "$ID" 1 sudo -n true </dev/null || fail "mc has no sudo"
if MC_LAB_USER=nosudo "$LAB" ssh "$ID" 1 sudo -n true </dev/null 2>/dev/null; then
  fail "nosudo can sudo"
fi
ok "mc has passwordless sudo, nosudo has none"

say "apt inside hosts (wireguard-tools on h1 and h2)"
start_clock
pids=()
for i in 1 2; do
  on "$i" 'export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/tmp/apt.log 2>&1 && apt-get install -y -q wireguard-tools >>/tmp/apt.log 2>&1 ||
    { tail -20 /tmp/apt.log; exit 1; }' &
  pids+=($!)
done
wait "${pids[0]}" || fail "apt on h1"
wait "${pids[1]}" || fail "apt on h2"
took "apt-get update + install wireguard-tools (2 hosts in parallel)"
ok "apt works inside hosts"

say "wg-quick@wg0 between h1 and h2 (10.99.0.1/2)"
declare -A priv pub
for i in 1 2; do
  priv[$i]=$(on "$i" wg genkey)
  pub[$i]=$(on "$i" "echo ${priv[$i]} | wg pubkey")
done
for i in 1 2; do
  o=$((3 - i))
  on "$i" "umask 077; cat >/etc/wireguard/wg0.conf <<EOT
[Interface]
Address = 10.99.0.$i/24
ListenPort = 51820
PrivateKey = ${priv[$i]}

[Peer]
PublicKey = ${pub[$o]}
AllowedIPs = 10.99.0.$o/32
Endpoint = $(address "$o"):51820
EOT
systemctl enable --now wg-quick@wg0 2>/dev/null"
done
on 1 'journalctl -u wg-quick@wg0 -o cat | grep -q "Falling back to slow userspace"' ||
  fail "wg-quick did not fall back to wireguard-go"
reaches 1 10.99.0.2 || fail "no ping h1 -> h2 over wg0"
reaches 2 10.99.0.1 || fail "no ping h2 -> h1 over wg0"
ok "tunnel up through wireguard-go, pings both ways"

say "isolate / restore h3"
h3=$(address 3)
"$LAB" isolate "$ID" 3 >/dev/null
if on 1 "ping -c2 -W1 $h3" >/dev/null; then fail "isolated h3 still answers"; fi
"$LAB" restore "$ID" 3 >/dev/null
reaches 1 "$h3" || fail "restored h3 does not answer"
ok "isolate cuts h3 off, restore brings it back"

say "stop / start h2"
start_clock
[[ $("$LAB" stop "$ID" 2 | jq .pid) == null ]] || fail "stop left a pid"
took stop
start_clock; "$LAB" start "$ID" 2 >/dev/null; took start
on 2 'systemctl is-active -q wg-quick@wg0' || fail "wg-quick@wg0 not started at boot"
# h2 sends first: a rebooted peer has a fresh session, which it opens itself.
reaches 2 10.99.0.1 || fail "tunnel not back after restart"
ok "h2 powered off and on; tunnel came back"

say "add"
start_clock; hn=$("$LAB" add "$ID"); took add
reaches 1 "$(jq -r .address <<<"$hn")" || fail "added host not reachable"
ok "added $(jq -r .name <<<"$hn")"

say "down"
tag=$(jq -r .bridge <<<"$json"); tag=${tag#mcbr-}
dir=$(jq -r .dir <<<"$json")
start_clock; "$LAB" down "$ID"; took "down $((N + 1)) hosts"
left=$(
  ip netns list | grep -F "$ID-" || true
  ip -o link show | grep -F "$tag" || true
  findmnt -rn -o TARGET | grep -F "$dir" || true
  iptables -w -S | grep -F -- "--comment $ID" || true
  iptables -w -t nat -S | grep -F -- "--comment $ID" || true
  pgrep -af -- "$dir" || true
  ls -d "$dir" 2>/dev/null || true
)
ID=
[[ -z $left ]] || fail "left behind after down: $left"
ok "nothing left: netns, links, mounts, iptables, processes, lab dir"

echo "smoke: $PASSED passed, 0 failed" >&2
