# MultiCloud: release the machine
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }

unit=wg-quick@wg0
changed=no
if systemctl is-enabled --quiet "$unit" 2>/dev/null || systemctl is-active --quiet "$unit" 2>/dev/null; then
  systemctl disable --now --quiet "$unit"
  changed=yes
fi
if ip link show dev wg0 >/dev/null 2>&1; then
  ip link delete dev wg0
  changed=yes
fi
for file in /etc/wireguard/wg0.conf /etc/wireguard/multicloud.key /etc/sysctl.d/90-multicloud.conf /etc/modules-load.d/multicloud.conf; do
  if [ -e "$file" ]; then
    rm -f "$file"
    changed=yes
  fi
done
if [ -e /etc/nginx/modules-enabled/90-multicloud-stream.conf ] || [ -e /etc/nginx/multicloud/stream.conf ]; then
  rm -f /etc/nginx/modules-enabled/90-multicloud-stream.conf
  rm -rf /etc/nginx/multicloud
  changed=yes
  if systemctl is-active --quiet nginx; then
    systemctl reload nginx
  fi
fi
report release "$([ $changed = yes ] && echo changed || echo unchanged)"
