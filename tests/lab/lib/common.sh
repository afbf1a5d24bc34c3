# shellcheck shell=bash disable=SC2034 # settings are used by the other files
# Settings and small helpers shared by lab.sh and its lib/ files. Sourced only.

LAB_CACHE=${MC_LAB_CACHE:-/var/cache/multicloud-lab}
LAB_RUN=${MC_LAB_RUN:-/run/multicloud-lab}
LAB_SUITE=bookworm
LAB_MIRROR=${MC_LAB_MIRROR:-http://deb.debian.org/debian}
LAB_SECURITY_MIRROR=${MC_LAB_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
# First two octets of the per-lab /24s: lab n gets <prefix>.<n>.0/24.
LAB_NET_PREFIX=${MC_LAB_NET_PREFIX:-10.213}
LAB_BOOT_TIMEOUT=${MC_LAB_BOOT_TIMEOUT:-60}
LAB_STOP_TIMEOUT=${MC_LAB_STOP_TIMEOUT:-10}
LAB_INOTIFY_INSTANCES=${MC_LAB_INOTIFY_INSTANCES:-8192}
# The .NET runtime bound read-only into every host for the Kubernetes test doubles (lib/repo.sh); the lab only.
LAB_DOTNET_ROOT=${MC_LAB_DOTNET_ROOT:-/usr/share/dotnet}
# Where systemd-nspawn keeps a per-machine directory of its own.
LAB_NSPAWN_PROPAGATE=/run/systemd/nspawn/propagate

LAB_SSH_OPTS=(-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
  -o BatchMode=yes -o ConnectTimeout=2 -o LogLevel=ERROR -o IdentitiesOnly=yes)

# stdout is reserved for the one JSON answer of a command: logs go to stderr.
log() { printf '[lab %(%T)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Takes an exclusive lock on FILE for the rest of the calling shell and stores
# the descriptor in the variable named VAR. Long-lived children are started by
# spawn_detached, which closes it, so a booted host never holds a lock.
lock_file() {
  local file=$1 var=$2 fd
  exec {fd}>"$file"
  flock "$fd"
  printf -v "$var" '%s' "$fd"
}

unlock_fd() {
  local fd=$1
  [[ -n $fd ]] && exec {fd}>&-
  return 0
}

# Writes FILE through a temp file and rename, so a reader (or a teardown after a
# crash) never sees half a JSON document.
json_update() {
  local file=$1 filter=$2; shift 2
  local tmp
  tmp=$(mktemp "$file.XXXXXX")
  if ! jq "$@" "$filter" "$file" >"$tmp"; then
    rm -f "$tmp"
    die "could not update $file"
  fi
  chmod 0644 "$tmp" # mktemp makes it 0600; lab.json holds no secret
  mv -f "$tmp" "$file"
}

# Process ids are recorded in files; before signalling one we check that it is
# still the process we started (its command line names our root), never a
# process that reused the number.
pid_is_ours() {
  local pid=$1 marker=$2 cmdline
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ $cmdline == *"$marker"* ]]
}

# Starts "$@" in its own session with stdin/stdout/stderr redirected to LOG and
# every other inherited descriptor closed: the caller (an xunit test reading our
# stdout to EOF) must not wait on the hosts, and the hosts must not keep our
# locks. Writes the pid to PIDFILE before exec, so it is recorded even if this
# script dies the next instant. The pid stays the same through setsid and exec.
spawn_detached() {
  local pidfile=$1 logfile=$2; shift 2
  (
    for fd in /proc/"$BASHPID"/fd/*; do
      fd=${fd##*/}
      if ((fd > 2)); then exec {fd}>&-; fi
    done
    exec setsid bash -c 'echo "$$" >"$0"; exec "$@"' "$pidfile" "$@"
  ) </dev/null >>"$logfile" 2>&1 &
}

# The end of a console log without systemd's colour codes, for error messages.
console_tail() {
  tail -n 25 "$1" 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' >&2
}
