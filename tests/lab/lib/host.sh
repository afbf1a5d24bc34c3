# shellcheck shell=bash
# One lab host: an overlay root (lower = shared base, upper/work in the lab
# dir), a network namespace, and a systemd-nspawn container booting systemd in
# it. Like a fresh cloud VM: reachable by ssh as root with the lab key, a sudo
# user "mc" and a plain user "nosudo", and nothing the engine installs itself.

host_get() {
  local labdir=$1 name=$2 field=$3
  jq -r --arg n "$name" --arg f "$field" '.hosts[] | select(.name == $n) | .[$f] // empty' \
    "$labdir/lab.json"
}

host_names() { jq -r '.hosts[].name' "$1/lab.json"; }

# Accepts a full host name, "h2" or "2" and prints the full name.
host_resolve() {
  local labdir=$1 arg=$2 id name
  id=$(jq -r .id "$labdir/lab.json")
  case $arg in
    [0-9]*) name="$id-h$arg" ;;
    h[0-9]*) name="$id-$arg" ;;
    *) name=$arg ;;
  esac
  [[ -n $(host_get "$labdir" "$name" name) ]] || die "lab $id has no host '$arg'"
  echo "$name"
}

# The pid of the host's nspawn if it is running, else nothing.
host_pid() {
  local labdir=$1 name=$2 pid
  pid=$(cat "$labdir/hosts/$name/pid" 2>/dev/null) || return 0
  if pid_is_ours "$pid" "$labdir/hosts/$name/root"; then echo "$pid"; fi
}

# Records host number INDEX in lab.json, then creates its root and network.
host_create() {
  local labdir=$1 index=$2
  local id tag bridge gateway subnet base name address veth hdir
  { read -r id; read -r tag; read -r bridge; read -r gateway; read -r subnet; read -r base; } \
    < <(jq -r '.id, .tag, .bridge, .gateway, .subnet, .base' "$labdir/lab.json")
  name="$id-h$index"
  address="${subnet%.0/24}.$((10 + index))"
  veth="mc${tag}h$index"
  hdir="$labdir/hosts/$name"

  json_update "$labdir/lab.json" '.hosts += [{
      name: $n, index: $i, address: $a, netns: $n, veth: $v,
      root: ($d + "/root"), console: ($d + "/console.log"), isolated: false}]' \
    --arg n "$name" --argjson i "$index" --arg a "$address" --arg v "$veth" --arg d "$hdir"

  mkdir -p "$hdir/upper" "$hdir/work" "$hdir/root"
  mount -t overlay overlay \
    -o "lowerdir=$base,upperdir=$hdir/upper,workdir=$hdir/work" "$hdir/root"
  host_personalize "$labdir" "$name" "$hdir/root"
  net_host_create "$name" "$veth" "$address" "$gateway" "$bridge"
}

# What a cloud image's first boot would make unique: name, machine id, ssh
# host keys; plus the lab key for root, mc and nosudo.
host_personalize() {
  local labdir=$1 name=$2 root=$3 user uid gid home

  echo "$name" >"$root/etc/hostname"
  printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n::1\tlocalhost ip6-localhost ip6-loopback\n' \
    "$name" >"$root/etc/hosts"
  tr -d - </proc/sys/kernel/random/uuid >"$root/etc/machine-id"
  host_resolv_conf >"$root/etc/resolv.conf"
  ssh-keygen -q -t ed25519 -N '' -C "root@$name" -f "$root/etc/ssh/ssh_host_ed25519_key"
  ssh-keygen -q -t ecdsa -N '' -C "root@$name" -f "$root/etc/ssh/ssh_host_ecdsa_key"

  for user in root mc nosudo; do
    IFS=: read -r uid gid home < <(awk -F: -v u="$user" '$1 == u { print $3 ":" $4 ":" $6 }' \
      "$root/etc/passwd")
    [[ -n $home ]] || die "base image has no user $user"
    install -d -m 0700 -o "$uid" -g "$gid" "$root$home/.ssh"
    install -m 0600 -o "$uid" -g "$gid" "$labdir/id_ed25519.pub" "$root$home/.ssh/authorized_keys"
  done
}

# Places a machine's user data where the image's stand-in for cloud-init
# (mc-lab-user-data.service, lib/base.sh) runs it on the host's first boot.
# Root-only: like a cloud's user data it may hold private keys.
host_user_data() {
  local labdir=$1 name=$2 file=$3
  [[ -n $file ]] || return 0
  install -D -m 0700 -o root -g root "$file" "$labdir/hosts/$name/root/var/lib/mc-lab/user-data"
}

# Boots the host in the background; exactly the nspawn line the lab promises.
host_boot() {
  local labdir=$1 name=$2 hdir pid i
  hdir="$labdir/hosts/$name"
  rm -f "$hdir/pid"
  printf '\n=== lab: boot %s at %(%FT%T)T ===\n' "$name" -1 >>"$hdir/console.log"
  spawn_detached "$hdir/pid" "$hdir/console.log" \
    systemd-nspawn --register=no --keep-unit --capability=CAP_NET_ADMIN --bind=/dev/net/tun \
    --bind-ro="$LAB_DOTNET_ROOT" \
    -D "$hdir/root" --network-namespace-path="/var/run/netns/$name" -M "$name" -b
  for ((i = 0; i < 50; i++)); do
    pid=$(cat "$hdir/pid" 2>/dev/null || true)
    [[ -n $pid ]] && break
    sleep 0.1
  done
  [[ -n $pid ]] || die "host $name: nspawn did not start"
  json_update "$labdir/lab.json" '(.hosts[] | select(.name == $n) | .pid) = $p' \
    --arg n "$name" --argjson p "$pid"
}

# Waits until root can ssh in; fails early if nspawn exits, and names the host
# and shows the end of its console on failure.
host_wait_ssh() {
  local labdir=$1 name=$2 deadline=$3 address
  address=$(host_get "$labdir" "$name" address)
  while :; do
    if ssh -i "$labdir/id_ed25519" "${LAB_SSH_OPTS[@]}" "root@$address" true </dev/null 2>/dev/null; then
      return 0
    fi
    if [[ -z $(host_pid "$labdir" "$name") ]]; then
      log "host $name ($address): systemd-nspawn exited while booting; end of its console:"
      console_tail "$labdir/hosts/$name/console.log"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log "host $name ($address): sshd did not answer within ${LAB_BOOT_TIMEOUT}s; end of its console:"
      console_tail "$labdir/hosts/$name/console.log"
      return 1
    fi
    sleep 0.5
  done
}

# Waits for all named hosts at once; boots are parallel, so are the waits.
hosts_wait_ssh() {
  local labdir=$1; shift
  local deadline=$((SECONDS + LAB_BOOT_TIMEOUT)) name failed=0 pids=() pid
  for name in "$@"; do
    host_wait_ssh "$labdir" "$name" "$deadline" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || failed=1
  done
  return "$failed"
}

# Powers the host off: SIGTERM makes nspawn ask the container's systemd to
# halt (a clean shutdown); after LAB_STOP_TIMEOUT seconds it is SIGKILLed,
# which also ends every process of the container (its PID namespace dies).
# Touches no lab.json, so several can run at once.
host_halt() {
  local labdir=$1 name=$2 pid i
  pid=$(host_pid "$labdir" "$name")
  [[ -n $pid ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < LAB_STOP_TIMEOUT * 10; i++)); do
    [[ -d /proc/$pid ]] || return 0
    sleep 0.1
  done
  log "host $name: no clean shutdown in ${LAB_STOP_TIMEOUT}s, killing nspawn $pid"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    [[ -d /proc/$pid ]] || return 0
    sleep 0.1
  done
  log "host $name: nspawn $pid survived SIGKILL"
  return 1
}

# Halts the named hosts in parallel, then records them as stopped.
hosts_stop() {
  local labdir=$1; shift
  local name pids=() pid failed=0
  for name in "$@"; do
    host_halt "$labdir" "$name" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || failed=1
  done
  for name in "$@"; do
    [[ -z $(host_pid "$labdir" "$name") ]] || continue
    rm -f "$labdir/hosts/$name/pid"
    # nspawn makes this directory per machine and removes it only from a tmpfs;
    # where /run is on disk it stays behind ("we can't allow that" on the console).
    if [[ -d $LAB_NSPAWN_PROPAGATE/$name ]]; then
      rm -rf --one-file-system "${LAB_NSPAWN_PROPAGATE:?}/$name"
    fi
    json_update "$labdir/lab.json" '(.hosts[] | select(.name == $n) | .pid) = null' --arg n "$name"
  done
  return "$failed"
}

# Removes everything the host record names; each step tolerates its object
# being already gone, so it also finishes a half-created host.
host_destroy() {
  local labdir=$1 name=$2 root veth i
  root=$(host_get "$labdir" "$name" root)
  veth=$(host_get "$labdir" "$name" veth)
  hosts_stop "$labdir" "$name" || true
  if mountpoint -q "$root"; then
    for ((i = 0; i < 20; i++)); do
      umount "$root" 2>/dev/null && break
      sleep 0.25
    done
    if mountpoint -q "$root"; then
      log "host $name: $root still busy, detaching it lazily"
      umount -l "$root"
    fi
  fi
  net_host_delete "$name" "$veth"
}
