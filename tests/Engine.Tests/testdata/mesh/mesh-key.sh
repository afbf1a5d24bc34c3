# MultiCloud: generate the node's WireGuard key (once)
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }

key=/etc/wireguard/multicloud.key
install -d -m 0700 /etc/wireguard
if [ -s "$key" ]; then
  report key existing
else
  (umask 077 && wg genkey >"$key.new" && mv -f "$key.new" "$key")
  report key generated
fi
report public-key "$(wg pubkey <"$key")"
