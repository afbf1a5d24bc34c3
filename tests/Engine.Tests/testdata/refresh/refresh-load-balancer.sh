# MultiCloud: refresh. Reads what MultiCloud manages on this node; changes nothing.
export LC_ALL=C
file_sha256() { if [ -f "$1" ]; then sha256sum <"$1" | cut -c1-64; else echo absent; fi; }
echo 'mc-refresh 1'
echo "now $(date +%s)"
os=$(. /etc/os-release 2>/dev/null && echo "${ID:-unknown} ${VERSION_ID:-unknown}") || os='unknown unknown'
echo "os $os"
for key in /etc/ssh/ssh_host_*_key.pub; do
  [ -r "$key" ] && echo "host-key $(cut -d' ' -f1,2 <"$key")"
done
for file in '/etc/sysctl.d/90-multicloud.conf' '/etc/wireguard/wg0.conf' '/etc/nginx/multicloud/stream.conf' '/etc/nginx/modules-enabled/90-multicloud-stream.conf'; do
  echo "file $(file_sha256 "$file") $file"
done
for unit in 'wg-quick@wg0' 'nginx'; do
  active=$(systemctl is-active "$unit" 2>/dev/null)
  enabled=$(systemctl is-enabled "$unit" 2>/dev/null)
  echo "service ${active:-unknown} ${enabled:-not-found} $unit"
done
# The dump's first line holds the private key: only its public key and port are printed.
if command -v wg >/dev/null 2>&1 && ip link show dev wg0 >/dev/null 2>&1; then
  wg show wg0 dump 2>/dev/null | awk -F'\t' 'NR == 1 { print "wg", $2, $3; next } { print "peer", $1, $3, $4, $5 }'
else
  echo 'wg none'
fi
ss -H -l -n -t -u 2>/dev/null | awk '{ n = split($5, part, ":"); print "listen", $1 "/" part[n] }' | sort -u
echo 'end'
