#!/usr/bin/env bash
# Installs the Debian packages the machine running the lab needs (not the
# packages inside the lab hosts: those are in base-packages.txt), and sshd
# for the engine's SSH transport tests. Idempotent:
# apt is only touched when something is missing. CI calls it before lab.sh.
set -euo pipefail

packages=(
  debootstrap       # builds the base rootfs
  systemd-container # systemd-nspawn
  iproute2          # ip netns / link / addr
  iptables          # NAT for apt inside hosts
  openssh-client    # ssh, ssh-keygen
  openssh-server    # sshd for the SSH transport tests on 127.0.0.1
  sudo              # the transport's non-root (sudo -n) tests on 127.0.0.1
  jq                # lab.json and the JSON answers
  util-linux        # flock, setsid, mount, findmnt, mountpoint
  procps            # sysctl
  apt-utils         # apt-ftparchive: the lab package repository's index (lib/repo.sh)
  gnupg             # signs that repository
  python3           # serves it over HTTP on the lab bridge (python3 -m http.server)
)

missing=()
for p in "${packages[@]}"; do
  if [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) != installed ]]; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "lab requirements: all present" >&2
  exit 0
fi

[[ $(id -u) == 0 ]] || { echo "lab requirements: run as root to install ${missing[*]}" >&2; exit 1; }
echo "lab requirements: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
