# shellcheck shell=bash
# Builds the lab's base root filesystem: Debian bookworm, minbase plus
# base-packages.txt, set up to boot under systemd-nspawn like a fresh cloud VM.
# Hosts mount it read-only as the lower layer of an overlay, so it is built once
# and shared. Its cache key covers this file, so editing it forces a rebuild.

LAB_BASE_PACKAGES="$LAB_HOME/base-packages.txt"

# Units that are useless or slow in a container: there is no tty to log in on,
# no network manager to wait for, and periodic jobs would race the tests' apt.
LAB_MASKED_UNITS=(
  systemd-networkd-wait-online.service
  getty@.service console-getty.service container-getty@.service
  serial-getty@.service getty-static.service
  apt-daily.timer apt-daily-upgrade.timer apt-daily.service apt-daily-upgrade.service
  dpkg-db-backup.timer e2scrub_all.timer e2scrub_reap.service fstrim.timer
  systemd-journald-audit.socket
)

base_packages() {
  sed -e 's/#.*//' -e 's/[[:space:]]//g' "$LAB_BASE_PACKAGES" | grep -v '^$'
}

base_key() {
  {
    base_packages
    cat "${BASH_SOURCE[0]}"
    echo "$LAB_SUITE $LAB_MIRROR $LAB_SECURITY_MIRROR"
  } | sha256sum | cut -c1-16
}

base_path() { echo "$LAB_CACHE/rootfs-$(base_key)"; }

# The resolver lines of the machine running the lab. A stub resolver on
# 127.0.0.0/8 is useless inside a host's network namespace, so systemd-resolved's
# upstream list is preferred when there is one.
host_resolv_conf() {
  local src=/etc/resolv.conf
  if grep -qE '^nameserver[[:space:]]+127\.' "$src" 2>/dev/null &&
    [[ -r /run/systemd/resolve/resolv.conf ]]; then
    src=/run/systemd/resolve/resolv.conf
  fi
  local lines
  lines=$(grep -E '^(nameserver|search|options)[[:space:]]' "$src" |
    grep -vE '^nameserver[[:space:]]+127\.' || true)
  if ! grep -q '^nameserver' <<<"$lines"; then
    log "warning: no resolver outside 127.0.0.0/8 in $src; apt inside hosts will not resolve names"
  fi
  echo "$lines"
}

# Prints the base rootfs path, building it first if the cache has none for the
# current key. Concurrent callers wait on a lock instead of building twice.
base_ensure() {
  local path lockfd
  path=$(base_path)
  mkdir -p "$LAB_CACHE"
  lock_file "$LAB_CACHE/.lock" lockfd
  if [[ ! -f $path/.mc-lab-base ]]; then
    base_build "$path"
    base_prune "$path"
  fi
  unlock_fd "$lockfd"
  echo "$path"
}

base_build() {
  local path=$1 tmp started=$SECONDS
  tmp=$(mktemp -d "$LAB_CACHE/.build-XXXXXX")
  # mktemp makes the directory 0700; as the container's / that would lock every
  # non-root user out of the whole filesystem.
  chmod 0755 "$tmp"
  # shellcheck disable=SC2064 # expand $tmp now: the trap outlives this function
  trap "base_discard '$tmp'" EXIT
  log "building base rootfs $path (debootstrap $LAB_SUITE from $LAB_MIRROR)"
  local include
  include=$(base_packages | paste -sd,)
  # Downloaded .debs are kept, so a rebuild after editing this file does not
  # fetch them again; they do not change what the image contains.
  mkdir -p "$LAB_CACHE/debs"
  if ! debootstrap --variant=minbase --include="$include" --cache-dir="$LAB_CACHE/debs" \
    "$LAB_SUITE" "$tmp" "$LAB_MIRROR" \
    >"$tmp.log" 2>&1; then
    tail -n 30 "$tmp.log" >&2
    die "debootstrap failed (full log: $tmp.log)"
  fi
  base_configure "$tmp"
  date -u +%FT%TZ >"$tmp/.mc-lab-base"
  # Atomic publish: a reader sees either no base or a complete one.
  mv -T "$tmp" "$path"
  trap - EXIT
  rm -f "$tmp.log"
  log "base rootfs built in $((SECONDS - started)) s"
}

base_discard() {
  local tmp=$1 m
  # debootstrap mounts /proc and /sys inside the target; a failure can leave
  # them behind, and rm must never walk into them.
  for m in $(findmnt -rn -o TARGET | grep -F "$tmp/" | sort -r); do
    umount -l "$m" || true
  done
  rm -rf --one-file-system "$tmp"
}

# Removes older bases that no recorded lab still uses as its lower layer.
base_prune() {
  local keep=$1 dir
  for dir in "$LAB_CACHE"/rootfs-*; do
    [[ -d $dir && $dir != "$keep" ]] || continue
    if grep -qsF "\"$dir\"" "$LAB_RUN"/*/lab.json; then continue; fi
    log "removing stale base $dir"
    rm -rf --one-file-system "$dir"
  done
}

base_configure() {
  local root=$1 unit

  cat >"$root/etc/apt/sources.list" <<EOT
deb $LAB_MIRROR $LAB_SUITE main
deb $LAB_MIRROR $LAB_SUITE-updates main
deb $LAB_SECURITY_MIRROR $LAB_SUITE-security main
EOT
  # Refreshed per host at boot too (lib/host.sh), in case the resolver changed.
  host_resolv_conf >"$root/etc/resolv.conf"

  # As on Debian's cloud images; without it pam_env complains at every login.
  echo 'LANG=C.UTF-8' >"$root/etc/default/locale"

  # Host keys and machine id are per host, written at up time; shared ones would
  # make every lab host the same machine to ssh and systemd.
  rm -f "$root"/etc/ssh/ssh_host_*
  : >"$root/etc/machine-id"
  rm -f "$root/var/lib/dbus/machine-id"

  mkdir -p "$root/etc/ssh/sshd_config.d"
  cat >"$root/etc/ssh/sshd_config.d/mc-lab.conf" <<'EOT'
# MultiCloud lab: key-only root login like a cloud image, and no reverse DNS
# lookups that would stall every login on the isolated lab network.
PermitRootLogin prohibit-password
PasswordAuthentication no
UseDNS no
HostKey /etc/ssh/ssh_host_ed25519_key
HostKey /etc/ssh/ssh_host_ecdsa_key
EOT

  chroot "$root" useradd --create-home --shell /bin/bash mc
  chroot "$root" useradd --create-home --shell /bin/bash nosudo
  # '*' = no password, but not "locked", so sshd lets key logins through.
  chroot "$root" usermod -p '*' mc
  chroot "$root" usermod -p '*' nosudo
  echo 'mc ALL=(ALL) NOPASSWD:ALL' >"$root/etc/sudoers.d/mc-lab"
  chmod 0440 "$root/etc/sudoers.d/mc-lab"

  mkdir -p "$root/etc/systemd/system/wg-quick@.service.d"
  cat >"$root/etc/systemd/system/wg-quick@.service.d/lab-userspace.conf" <<'EOT'
# MultiCloud lab: the lab kernel has no WireGuard module, so wg-quick falls back
# to wireguard-go, which refuses to run on Linux without this variable.
[Service]
Environment=WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD=1
EOT

  base_install_kernel_stub "$root"
  base_install_user_data_runner "$root"

  systemctl --root="$root" enable ssh.service >/dev/null 2>&1
  for unit in "${LAB_MASKED_UNITS[@]}"; do
    ln -sfn /dev/null "$root/etc/systemd/system/$unit"
  done

  # Smaller image; the package lists would be stale anyway.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
  find "$root/var/cache/apt/archives" -name '*.deb' -delete
}

# The lab's stand-in for cloud-init, lab-only: cloud images run a user-data
# script that starts with "#!" once, on the first boot, late (cloud-final runs
# after sshd is up). This unit does the same with /var/lib/mc-lab/user-data,
# which `lab.sh add --user-data FILE` places, so the API doubles' "create VM"
# boots a host that runs what the engine sent. A host without user data skips it.
base_install_user_data_runner() {
  local root=$1
  cat >"$root/usr/local/sbin/mc-lab-user-data" <<'EOT'
#!/bin/sh
# MultiCloud lab: run this machine's user data once, as cloud-init runs user scripts.
set -u
data=/var/lib/mc-lab/user-data
[ -f "$data" ] || exit 0
# Renamed before it runs: a reboot never runs it again (cloud-init: once per instance).
mv "$data" "$data.ran"
status=0
"$data.ran" >/var/log/mc-lab-user-data.log 2>&1 || status=$?
echo "user data exited with $status" >>/var/log/mc-lab-user-data.log
chmod 600 /var/log/mc-lab-user-data.log
exit "$status"
EOT
  chmod 0755 "$root/usr/local/sbin/mc-lab-user-data"
  cat >"$root/etc/systemd/system/mc-lab-user-data.service" <<'EOT'
[Unit]
Description=MultiCloud lab: run the machine's user data once (stand-in for cloud-init)
After=ssh.service network.target
ConditionPathExists=/var/lib/mc-lab/user-data

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/mc-lab-user-data

[Install]
WantedBy=multi-user.target
EOT
  systemctl --root="$root" enable mc-lab-user-data.service >/dev/null 2>&1
}

# A cloud VM has its kernel installed as a package, and that package provides
# wireguard-modules. Hosts here boot on the machine's kernel and have none, so
# apt would satisfy wireguard-tools' Recommends by installing a whole kernel
# and initramfs-tools (about 160 s per host, measured). This empty package
# stands for the kernel package, so installs cost what they cost on a VM.
base_install_kernel_stub() {
  local root=$1 pkg
  pkg=$(mktemp -d)
  mkdir -p "$pkg/DEBIAN"
  cat >"$pkg/DEBIAN/control" <<'EOT'
Package: mc-lab-kernel-stub
Version: 1.0
Architecture: all
Maintainer: MultiCloud lab <lab@invalid>
Provides: wireguard-modules (= 1.0.0)
Description: MultiCloud lab: stands for the kernel package of a cloud VM
 The lab host runs on the machine's kernel; this package only declares what a
 Debian kernel package provides.
EOT
  dpkg-deb --build --root-owner-group "$pkg" "$root/tmp/mc-lab-kernel-stub.deb" >/dev/null
  chroot "$root" dpkg -i /tmp/mc-lab-kernel-stub.deb >/dev/null
  rm -rf "$pkg" "$root/tmp/mc-lab-kernel-stub.deb"
}
