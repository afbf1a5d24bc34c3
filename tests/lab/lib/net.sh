# shellcheck shell=bash
# Lab networking: per lab a Linux bridge holding the gateway address of its own
# /24 and NAT to the outside (for apt inside hosts); per host a network
# namespace joined to the bridge by a veth pair. Every object is recorded in
# lab.json before it is created, and deleted only by its recorded name.

# Third octets of <prefix>.X.0/24 already taken by an interface address or by a
# recorded lab (one whose bridge may be half torn down).
net_used_octets() {
  local prefix_re=${LAB_NET_PREFIX//./\\.}
  {
    ip -4 -o addr show | grep -oE "inet $prefix_re\.[0-9]+\." | cut -d. -f3
    ip -4 route show | grep -oE "^$prefix_re\.[0-9]+\." | cut -d. -f3
    cat "$LAB_RUN"/*/lab.json 2>/dev/null | jq -r '.subnet // empty' | cut -d. -f3
  } | sort -un
}

net_pick_octet() {
  local used n
  used=" $(net_used_octets | tr '\n' ' ') "
  for ((n = 1; n <= 254; n++)); do
    if [[ $used != *" $n "* ]]; then
      echo "$n"
      return 0
    fi
  done
  die "no free /24 left in $LAB_NET_PREFIX.0.0/16"
}

net_bridge_create() {
  local bridge=$1 gateway=$2
  ip link add "$bridge" type bridge
  ip addr add "$gateway/24" dev "$bridge"
  ip link set "$bridge" up
}

net_link_delete() {
  local link=$1
  if ip link show dev "$link" >/dev/null 2>&1; then
    ip link delete "$link"
  fi
}

# A veth pair whose lab end joins the bridge and whose other end is created
# directly inside the namespace as eth0, so nothing is ever left half-moved.
net_host_create() {
  local netns=$1 veth=$2 address=$3 gateway=$4 bridge=$5
  ip netns add "$netns"
  ip -n "$netns" link set lo up
  ip link add "$veth" type veth peer name eth0 netns "$netns"
  ip link set "$veth" master "$bridge" up
  ip -n "$netns" addr add "$address/24" dev eth0
  ip -n "$netns" link set eth0 up
  ip -n "$netns" route add default via "$gateway"
}

net_host_delete() {
  local netns=$1 veth=$2
  # Deleting either end removes the pair; the lab end is tried first because it
  # outlives a namespace deleted by hand.
  net_link_delete "$veth"
  if [[ -e /run/netns/$netns ]]; then
    ip netns delete "$netns"
  fi
}

# iptables_add LABDIR TABLE CHAIN -A|-I RULE...: records the rule, then adds it.
# The lab id is put in a comment so `iptables -S` shows whose rule it is.
iptables_add() {
  local labdir=$1 table=$2 chain=$3 how=$4; shift 4
  local rule
  # As a JSON array of words (one per line: none of ours contains a newline);
  # jq's --args would take words such as -s for its own options.
  rule=$(printf '%s\n' "$@" | jq -Rsc 'split("\n")[:-1]')
  json_update "$labdir/lab.json" '.iptables += [{table: $t, chain: $c, rule: $r}]' \
    --arg t "$table" --arg c "$chain" --argjson r "$rule"
  if [[ $how == -I ]]; then
    iptables -w -t "$table" -I "$chain" 1 "$@"
  else
    iptables -w -t "$table" -A "$chain" "$@"
  fi
}

# Deletes one recorded rule by its exact spec; absent is fine (idempotent).
iptables_delete() {
  local table=$1 chain=$2; shift 2
  while iptables -w -t "$table" -C "$chain" "$@" 2>/dev/null; do
    iptables -w -t "$table" -D "$chain" "$@"
  done
}

# NAT and forwarding for the lab subnet. The FORWARD accepts are inserted first
# in the chain whatever its policy: a DROP policy, or a DROP rule added by
# Docker or a firewall, would otherwise cut the hosts off from each other's
# routed traffic and from the mirror.
net_lab_rules() {
  local labdir=$1 id=$2 bridge=$3 subnet=$4
  iptables_add "$labdir" nat POSTROUTING -A -s "$subnet" ! -o "$bridge" \
    -m comment --comment "$id" -j MASQUERADE
  iptables_add "$labdir" filter FORWARD -I -i "$bridge" -m comment --comment "$id" -j ACCEPT
  iptables_add "$labdir" filter FORWARD -I -o "$bridge" -m comment --comment "$id" -j ACCEPT
}

# ip_forward is machine-wide: the value found before the first lab is saved and
# put back when the last recorded lab is gone. Call with the global lock held.
net_forwarding_on() {
  if [[ ! -f $LAB_RUN/ip_forward.saved ]]; then
    cat /proc/sys/net/ipv4/ip_forward >"$LAB_RUN/ip_forward.saved"
  fi
  sysctl -qw net.ipv4.ip_forward=1
  # Every host's systemd, journald and udev take inotify instances from root's one per-user budget (hosts share
  # the machine's uid 0); the default 128 runs out at about a dozen booted hosts ("Failed to create inotify
  # object: Too many open files" on a console, and the host never gets to sshd). Raised like ip_forward, put back
  # with it.
  if [[ ! -f $LAB_RUN/inotify.saved ]]; then
    cat /proc/sys/fs/inotify/max_user_instances >"$LAB_RUN/inotify.saved"
  fi
  if (($(cat /proc/sys/fs/inotify/max_user_instances) < LAB_INOTIFY_INSTANCES)); then
    sysctl -qw fs.inotify.max_user_instances="$LAB_INOTIFY_INSTANCES"
  fi
}

net_forwarding_restore() {
  local saved
  [[ -f $LAB_RUN/ip_forward.saved ]] || return 0
  if compgen -G "$LAB_RUN/*/lab.json" >/dev/null; then return 0; fi
  saved=$(cat "$LAB_RUN/ip_forward.saved")
  sysctl -qw net.ipv4.ip_forward="$saved"
  rm -f "$LAB_RUN/ip_forward.saved"
  if [[ -f $LAB_RUN/inotify.saved ]]; then
    sysctl -qw fs.inotify.max_user_instances="$(cat "$LAB_RUN/inotify.saved")"
    rm -f "$LAB_RUN/inotify.saved"
  fi
}
