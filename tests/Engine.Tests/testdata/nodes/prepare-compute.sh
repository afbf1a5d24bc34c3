# MultiCloud: prepare a compute node
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }
file_sha256() { if [ -f "$1" ]; then sha256sum <"$1" | cut -c1-64; else echo absent; fi; }

write_if_changed() {
  local path=$1 mode=$2 new
  # Called as an if condition, where set -e is off: failures exit explicitly.
  new=$(mktemp "$(dirname "$path")/.$(basename "$path").XXXXXX") || exit 1
  { cat >"$new" && chmod "$mode" "$new"; } || exit 1
  if [ -f "$path" ] && cmp -s "$new" "$path"; then
    rm -f "$new"
    return 1
  fi
  mv -f "$new" "$path" || exit 1
}

os=$(. /etc/os-release 2>/dev/null && echo "${ID:-unknown} ${VERSION_ID:-unknown}") || os=unknown
report os "$os"
case "$os" in
  "debian 12"|"ubuntu 22.04"|"ubuntu 24.04") ;;
  *) report prepare unsupported-os; exit 0 ;;
esac

export DEBIAN_FRONTEND=noninteractive
missing=()
for package in wireguard-tools; do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" != installed ]; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  apt_options=(-q -y -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  apt-get "${apt_options[@]}" update
  apt-get "${apt_options[@]}" install --no-install-recommends "${missing[@]}"
  report installed "${missing[*]}"
else
  report installed none
fi

if write_if_changed /etc/modules-load.d/multicloud.conf 0644 <<'MC_EOF'
overlay
br_netfilter
MC_EOF
then
  for module in overlay br_netfilter; do
    if ! command -v modprobe >/dev/null || ! modprobe "$module"; then
      echo "warning: kernel module $module could not be loaded now; it is listed for the next boot" >&2
    fi
  done
  report modules changed
else
  report modules unchanged
fi

if write_if_changed /etc/sysctl.d/90-multicloud.conf 0644 <<'MC_EOF'
# Managed by MultiCloud; changes are overwritten.
net.ipv4.ip_forward = 1
-net.bridge.bridge-nf-call-iptables = 1
-net.bridge.bridge-nf-call-ip6tables = 1
MC_EOF
then
  # systemd-sysctl, unlike sysctl --system, skips the keys marked "-" that this kernel lacks.
  /lib/systemd/systemd-sysctl /etc/sysctl.d/90-multicloud.conf
  report sysctl changed
else
  report sysctl unchanged
fi

report prepare ok
report 'file:/etc/sysctl.d/90-multicloud.conf' "$(file_sha256 '/etc/sysctl.d/90-multicloud.conf')"
report 'file:/etc/modules-load.d/multicloud.conf' "$(file_sha256 '/etc/modules-load.d/multicloud.conf')"
