#!/usr/bin/env bash
# MultiCloud test lab: real Debian 12 hosts as systemd-nspawn containers on
# this machine, each with its own network namespace on a per-lab bridge, for
# the engine's SSH/WireGuard/kubeadm tests and benchmarks. See README.md.
#
# Every command prints at most one JSON document on stdout; logs go to stderr.
set -euo pipefail

LAB_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
source "$LAB_HOME/lib/common.sh"
# shellcheck source=lib/base.sh
source "$LAB_HOME/lib/base.sh"
# shellcheck source=lib/net.sh
source "$LAB_HOME/lib/net.sh"
# shellcheck source=lib/host.sh
source "$LAB_HOME/lib/host.sh"
# shellcheck source=lib/repo.sh
source "$LAB_HOME/lib/repo.sh"

usage() {
  cat >&2 <<'EOT'
usage: lab.sh base
       lab.sh repo
       lab.sh up N [--id LABID]
       lab.sh down LABID
       lab.sh add LABID [--user-data FILE]
       lab.sh remove LABID HOST
       lab.sh isolate|restore LABID HOST
       lab.sh stop|start LABID HOST
       lab.sh show LABID
       lab.sh list
       lab.sh ssh LABID HOST [CMD...]     (user: MC_LAB_USER, default root)
HOST is a full host name, "h2" or "2".
EOT
  exit 2
}

lab_dir() { echo "$LAB_RUN/$1"; }

# Sets LABDIR to the directory of a recorded lab and locks it for the rest of
# the command (not in a $(...) subshell: the lock would end with it), or dies.
lab_open() {
  local id=$1
  LABDIR=$(lab_dir "$id")
  [[ -f $LABDIR/lab.json ]] || die "no lab '$id' under $LAB_RUN"
  lock_file "$LABDIR/.lock" LAB_LOCK_FD
  [[ -f $LABDIR/lab.json ]] || die "lab '$id' was torn down meanwhile"
}

# The part of lab.json callers rely on, with the pids of running hosts only.
lab_public_json() {
  local labdir=$1 name pidmap
  pidmap=$(for name in $(host_names "$labdir"); do
    printf '%s %s\n' "$name" "$(host_pid "$labdir" "$name")"
  done | jq -Rsc '[split("\n")[] | select(. != "") | split(" ")
    | {(.[0]): (if .[1] == "" then null else (.[1] | tonumber) end)}] | add // {}')
  jq -c --argjson pids "$pidmap" --argjson rpid "$(repo_pid_json "$labdir")" '{
      id, dir, key, ssh_config, bridge, subnet, gateway,
      kubernetes: (if .repository then (.repository | del(.path)) + {pid: $rpid} else null end),
      hosts: [.hosts[] | {name, address, netns, veth, pid: $pids[.name], root, console, isolated}]
    }' "$labdir/lab.json"
}

host_public_json() {
  local labdir=$1 name=$2
  lab_public_json "$labdir" | jq -c --arg n "$name" '.hosts[] | select(.name == $n)'
}

# An ssh_config naming every host, so tests and people can `ssh -F FILE NAME`.
lab_write_ssh_config() {
  local labdir=$1
  jq -r --arg key "$labdir/id_ed25519" '.hosts[] |
      "Host \(.name)\n  HostName \(.address)\n  User root\n  IdentityFile \($key)\n" +
      "  IdentitiesOnly yes\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n" +
      "  LogLevel ERROR\n"' "$labdir/lab.json" >"$labdir/ssh_config"
}

# The repository server's pid while it runs, else null.
repo_pid_json() {
  local labdir=$1 pid repo
  repo=$(jq -r '.repository.path // empty' "$labdir/lab.json")
  pid=$(cat "$labdir/repo.pid" 2>/dev/null || true)
  if [[ -n $repo && -n $pid ]] && pid_is_ours "$pid" "--directory $repo"; then echo "$pid"; else echo null; fi
}

cmd_repo() {
  local path started=$SECONDS
  path=$(repo_ensure)
  jq -nc --arg p "$path" --arg k "$(repo_key)" --argjson s "$((SECONDS - started))" '{path: $p, key: $k, seconds: $s}'
}

cmd_base() {
  local path started=$SECONDS
  path=$(base_ensure)
  jq -nc --arg p "$path" --arg k "$(base_key)" --argjson s "$((SECONDS - started))" \
    '{rootfs: $p, key: $k, seconds: $s}'
}

UP_LABDIR=
up_cleanup() {
  local rc=$?
  if ((rc != 0)) && [[ -n $UP_LABDIR ]]; then
    log "up failed; tearing down what it created"
    unlock_fd "${GLOBAL_LOCK_FD:-}"
    unlock_fd "${LAB_LOCK_FD:-}"
    lab_teardown "$UP_LABDIR" || log "teardown after failed up did not finish: run lab.sh down"
  fi
  exit "$rc"
}

cmd_up() {
  local count=${1:-} id='' tag octet labdir subnet gateway base repo i names=() started=$SECONDS
  if [[ ! $count =~ ^[1-9][0-9]*$ ]] || ((count > 240)); then usage; fi
  shift
  while (($#)); do
    case $1 in
      --id) id=${2:-}; shift 2 || usage ;;
      *) usage ;;
    esac
  done
  if [[ -n $id && ! $id =~ ^[a-z0-9][a-z0-9-]{0,39}$ ]]; then
    die "lab id must be 1-40 of [a-z0-9-] (it becomes part of host names)"
  fi
  base=$(base_ensure)
  repo=$(repo_ensure)
  mkdir -p "$LAB_RUN"

  trap up_cleanup EXIT
  trap 'exit 130' INT TERM
  # Name and subnet are chosen and claimed under one machine-wide lock, so labs
  # brought up in parallel never pick the same ones.
  lock_file "$LAB_RUN/.lock" GLOBAL_LOCK_FD
  while :; do
    tag=$(od -An -tx1 -N2 /dev/urandom | tr -d ' \n')
    ip link show dev "mcbr-$tag" >/dev/null 2>&1 || grep -qsF "\"mcbr-$tag\"" "$LAB_RUN"/*/lab.json ||
      break
  done
  id=${id:-mclab-$tag}
  labdir=$(lab_dir "$id")
  mkdir "$labdir" 2>/dev/null || die "lab '$id' already exists ($labdir)"
  UP_LABDIR=$labdir
  octet=$(net_pick_octet)
  subnet="$LAB_NET_PREFIX.$octet.0/24"
  gateway="$LAB_NET_PREFIX.$octet.1"
  jq -n --arg id "$id" --arg tag "$tag" --arg dir "$labdir" --arg subnet "$subnet" \
    --arg gw "$gateway" --arg base "$base" '{
      id: $id, tag: $tag, dir: $dir, key: ($dir + "/id_ed25519"),
      ssh_config: ($dir + "/ssh_config"), bridge: ("mcbr-" + $tag),
      subnet: $subnet, gateway: $gw, base: $base, iptables: [], hosts: []}' >"$labdir/lab.json"
  lock_file "$labdir/.lock" LAB_LOCK_FD
  net_forwarding_on
  net_bridge_create "mcbr-$tag" "$gateway"
  unlock_fd "$GLOBAL_LOCK_FD"
  GLOBAL_LOCK_FD=

  log "lab $id: $count host(s) on mcbr-$tag, $subnet"
  ssh-keygen -q -t ed25519 -N '' -C "$id" -f "$labdir/id_ed25519"
  net_lab_rules "$labdir" "$id" "mcbr-$tag" "$subnet"
  json_update "$labdir/lab.json" '.repository = ({path: $p} + $u)' --arg p "$repo" --argjson u "$(repo_urls_json "$gateway")"
  iptables_add "$labdir" filter INPUT -I -i "mcbr-$tag" -p tcp --dport "$LAB_REPO_PORT" -m comment --comment "$id" -j ACCEPT
  repo_serve "$labdir" "$repo" "$gateway"
  for ((i = 1; i <= count; i++)); do
    host_create "$labdir" "$i"
    names+=("$id-h$i")
  done
  lab_write_ssh_config "$labdir"
  log "lab $id: roots and networks ready after $((SECONDS - started)) s; booting"
  for i in "${names[@]}"; do host_boot "$labdir" "$i"; done
  hosts_wait_ssh "$labdir" "${names[@]}" || die "lab $id: not every host came up"
  log "lab $id up in $((SECONDS - started)) s"
  lab_public_json "$labdir"
  UP_LABDIR=
}

# Deletes what lab.json records, newest first. Safe to repeat and to run on a
# lab whose up failed half way.
lab_teardown() {
  local labdir=$1 name n i table chain rule=() names=()
  if [[ -f $labdir/lab.json ]]; then
    repo_stop "$labdir"
    mapfile -t names < <(host_names "$labdir")
    if ((${#names[@]})); then hosts_stop "$labdir" "${names[@]}" || true; fi
    for name in $(host_names "$labdir" | tac); do
      host_destroy "$labdir" "$name"
    done
    n=$(jq '.iptables | length' "$labdir/lab.json")
    for ((i = n - 1; i >= 0; i--)); do
      table=$(jq -r --argjson i "$i" '.iptables[$i].table' "$labdir/lab.json")
      chain=$(jq -r --argjson i "$i" '.iptables[$i].chain' "$labdir/lab.json")
      mapfile -t rule < <(jq -r --argjson i "$i" '.iptables[$i].rule[]' "$labdir/lab.json")
      iptables_delete "$table" "$chain" "${rule[@]}"
    done
    net_link_delete "$(jq -r .bridge "$labdir/lab.json")"
  fi
  # A mount left under the lab dir would let rm reach into it.
  if findmnt -rn -o TARGET | grep -qF "$labdir/"; then
    die "mounts remain under $labdir; not removing it"
  fi
  rm -rf --one-file-system "$labdir"
  lock_file "$LAB_RUN/.lock" GLOBAL_LOCK_FD
  net_forwarding_restore
  unlock_fd "$GLOBAL_LOCK_FD"
  GLOBAL_LOCK_FD=
}

cmd_down() {
  local id=${1:-} labdir started=$SECONDS
  [[ -n $id ]] || usage
  labdir=$(lab_dir "$id")
  if [[ ! -d $labdir ]]; then
    log "lab $id: nothing to tear down"
    return 0
  fi
  if [[ -f $labdir/lab.json ]]; then
    lock_file "$labdir/.lock" LAB_LOCK_FD
  fi
  lab_teardown "$labdir"
  log "lab $id down in $((SECONDS - started)) s"
}

cmd_add() {
  local id=${1:-} labdir index name user_data=''
  [[ -n $id ]] || usage
  shift
  while (($#)); do
    case $1 in
      --user-data) user_data=${2:-}; shift 2 || usage ;;
      *) usage ;;
    esac
  done
  if [[ -n $user_data && ! -f $user_data ]]; then die "user data file '$user_data' does not exist"; fi
  lab_open "$id"
  labdir=$LABDIR
  index=$(jq '[.hosts[].index] | max + 1 // 1' "$labdir/lab.json")
  name="$id-h$index"
  if ! (host_create "$labdir" "$index" && host_user_data "$labdir" "$name" "$user_data" &&
    host_boot "$labdir" "$name" && hosts_wait_ssh "$labdir" "$name"); then
    log "add failed; removing host $name"
    host_destroy "$labdir" "$name"
    rm -rf --one-file-system "$labdir/hosts/$name"
    json_update "$labdir/lab.json" 'del(.hosts[] | select(.name == $n))' --arg n "$name"
    die "could not add a host to lab $id"
  fi
  lab_write_ssh_config "$labdir"
  host_public_json "$labdir" "$name"
}

# Tears down exactly one host, as deleting a cloud VM does: halts it, unmounts
# its root, deletes its veth and namespace, and forgets it. Other hosts and the
# lab stay as they are.
cmd_remove() {
  local id=${1:-} labdir name
  [[ -n $id && -n ${2:-} ]] || usage
  lab_open "$id"
  labdir=$LABDIR
  name=$(host_resolve "$labdir" "$2")
  host_destroy "$labdir" "$name"
  if findmnt -rn -o TARGET | grep -qF "$labdir/hosts/$name/"; then
    die "mounts remain under $labdir/hosts/$name; not removing it"
  fi
  rm -rf --one-file-system "$labdir/hosts/$name"
  json_update "$labdir/lab.json" 'del(.hosts[] | select(.name == $n))' --arg n "$name"
  lab_write_ssh_config "$labdir"
  log "lab $id: host $name removed"
}

# Cuts the host off (and back) at the bridge side of its veth, the way a
# network partition or a dead NIC looks from everywhere else.
cmd_link() {
  local state=$1 id=${2:-} labdir name
  [[ -n $id && -n ${3:-} ]] || usage
  lab_open "$id"
  labdir=$LABDIR
  name=$(host_resolve "$labdir" "$3")
  ip link set "$(host_get "$labdir" "$name" veth)" "$state"
  json_update "$labdir/lab.json" '(.hosts[] | select(.name == $n) | .isolated) = $v' \
    --arg n "$name" --argjson v "$([[ $state == down ]] && echo true || echo false)"
  host_public_json "$labdir" "$name"
}

cmd_stop() {
  local id=${1:-} labdir name
  [[ -n $id && -n ${2:-} ]] || usage
  lab_open "$id"
  labdir=$LABDIR
  name=$(host_resolve "$labdir" "$2")
  hosts_stop "$labdir" "$name"
  host_public_json "$labdir" "$name"
}

cmd_start() {
  local id=${1:-} labdir name
  [[ -n $id && -n ${2:-} ]] || usage
  lab_open "$id"
  labdir=$LABDIR
  name=$(host_resolve "$labdir" "$2")
  if [[ -z $(host_pid "$labdir" "$name") ]]; then
    host_boot "$labdir" "$name"
  fi
  hosts_wait_ssh "$labdir" "$name" || die "host $name did not come back"
  host_public_json "$labdir" "$name"
}

cmd_show() {
  local id=${1:-} labdir
  [[ -n $id ]] || usage
  lab_open "$id"
  labdir=$LABDIR
  lab_public_json "$labdir"
}

cmd_list() {
  local f labs=()
  for f in "$LAB_RUN"/*/lab.json; do
    [[ -f $f ]] && labs+=("$(lab_public_json "$(dirname "$f")")")
  done
  if ((${#labs[@]})); then printf '%s\n' "${labs[@]}" | jq -sc .; else echo '[]'; fi
}

cmd_ssh() {
  local id=${1:-} labdir name
  [[ -n $id && -n ${2:-} ]] || usage
  labdir=$(lab_dir "$id")
  [[ -f $labdir/lab.json ]] || die "no lab '$id' under $LAB_RUN"
  name=$(host_resolve "$labdir" "$2")
  shift 2
  exec ssh -i "$labdir/id_ed25519" "${LAB_SSH_OPTS[@]}" \
    "${MC_LAB_USER:-root}@$(host_get "$labdir" "$name" address)" "$@"
}

main() {
  (($# >= 1)) || usage
  local cmd=$1; shift
  [[ $(id -u) == 0 ]] || die "the lab needs root (namespaces, mounts, iptables)"
  # Paths end up in overlay mount options, where ',' and ':' are separators.
  [[ $LAB_RUN$LAB_CACHE != *[,:]* ]] || die "MC_LAB_RUN and MC_LAB_CACHE must not contain ',' or ':'"
  case $cmd in
    base) cmd_base "$@" ;;
    repo) cmd_repo "$@" ;;
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    add) cmd_add "$@" ;;
    remove) cmd_remove "$@" ;;
    isolate) cmd_link down "$@" ;;
    restore) cmd_link up "$@" ;;
    stop) cmd_stop "$@" ;;
    start) cmd_start "$@" ;;
    show) cmd_show "$@" ;;
    list) cmd_list "$@" ;;
    ssh) cmd_ssh "$@" ;;
    *) usage ;;
  esac
}

main "$@"
