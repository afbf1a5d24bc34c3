# MultiCloud: write the WireGuard mesh configuration and apply it
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }

# bash 5.2 would read '&' in a pattern replacement as the matched text.
shopt -u patsub_replacement 2>/dev/null || true
conf=/etc/wireguard/wg0.conf
key=/etc/wireguard/multicloud.key
unit=wg-quick@wg0
if [ ! -s "$key" ]; then
  echo "no WireGuard key at $key; the mesh key step must run first" >&2
  exit 1
fi

template=$(cat <<'MC_EOF'
# Managed by MultiCloud: WireGuard full mesh, node control-1. Changes are overwritten.
[Interface]
Address = 10.100.0.2/16
ListenPort = 51820
MTU = 1380
PrivateKey = @MULTICLOUD_PRIVATE_KEY@

# compute-1
[Peer]
PublicKey = BAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ=
AllowedIPs = 10.100.0.4/32, 10.244.2.0/24
Endpoint = 203.0.113.21:51820
PersistentKeepalive = 25

# compute-2
[Peer]
PublicKey = BQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU=
AllowedIPs = 10.100.0.5/32, 10.244.3.0/24
Endpoint = [2001:db8::21]:51820
PersistentKeepalive = 25

# control-2
[Peer]
PublicKey = AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM=
AllowedIPs = 10.100.0.3/32, 10.244.1.0/24
Endpoint = 203.0.113.12:51820
PersistentKeepalive = 25

# lb-1
[Peer]
PublicKey = AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=
AllowedIPs = 10.100.0.1/32
Endpoint = 203.0.113.10:51820
PersistentKeepalive = 25
MC_EOF
)
new=$(mktemp /etc/wireguard/.wg0.conf.XXXXXX)
trap 'rm -f "$new"' EXIT
# The key is read and substituted by bash builtins: it appears in no command line and no output.
private_key=$(<"$key")
printf '%s\n' "${template//@MULTICLOUD_PRIVATE_KEY@/$private_key}" >"$new"
unset private_key

interface_settings() { grep -E '^[[:space:]]*(Address|MTU)[[:space:]]*=' "$1" 2>/dev/null || true; }
is_up() { ip link show dev wg0 >/dev/null 2>&1; }

changed=no
action=none
if [ -f "$conf" ] && cmp -s "$new" "$conf"; then
  rm -f "$new"
else
  old_settings=$(interface_settings "$conf")
  mv -f "$new" "$conf"
  changed=yes
  if is_up; then
    if [ "$old_settings" = "$(interface_settings "$conf")" ]; then
      wg syncconf wg0 <(wg-quick strip wg0)
      action=syncconf
    else
      systemctl restart "$unit"
      action=restart
    fi
  fi
fi
if ! is_up; then
  systemctl start "$unit"
  action=start
  changed=yes
fi
if ! systemctl is-enabled --quiet "$unit"; then
  systemctl enable --quiet "$unit"
  changed=yes
fi
report mesh "$([ $changed = yes ] && echo changed || echo unchanged)"
report action "$action"
