# MultiCloud: refresh. Reads what MultiCloud manages on this node; changes nothing.
export LC_ALL=C
echo 'mc-refresh 1'
echo "now ${EPOCHSECONDS:-$(date +%s)}"
id=unknown version=unknown
if [ -r /etc/os-release ]; then
  while IFS='=' read -r key value; do
    value=${value#\"}; value=${value%\"}
    case $key in ID) id=$value ;; VERSION_ID) version=$value ;; esac
  done </etc/os-release
fi
echo "os $id $version"
for key in /etc/ssh/ssh_host_*_key.pub; do
  [ -r "$key" ] && read -r type blob _ <"$key" && echo "host-key $type $blob"
done
files=('/etc/sysctl.d/90-multicloud.conf' '/etc/wireguard/wg0.conf' '/etc/nginx/multicloud/stream.conf' '/etc/nginx/modules-enabled/90-multicloud-stream.conf')
present=()
for file in "${files[@]}"; do
  if [ -f "$file" ]; then present+=("$file"); else echo "file absent $file"; fi
done
# sha256sum prints the hash, two spaces and the path.
[ ${#present[@]} -eq 0 ] || sha256sum -- "${present[@]}" 2>/dev/null | awk '{ print "file", $1, substr($0, 67) }'
units=('wg-quick@wg0' 'nginx')
systemctl show -p ActiveState -p UnitFileState -- "${units[@]}" 2>/dev/null | awk -v list="${units[*]}" '
  BEGIN { RS = ""; FS = "\n"; split(list, unit, " ") }
  { active = "unknown"; enabled = "not-found"
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^ActiveState=./) active = substr($i, 13)
      else if ($i ~ /^UnitFileState=./) enabled = substr($i, 15)
    }
    print "service", active, enabled, unit[NR] }'
# The dump's first line holds the private key: only its public key and port are printed.
if command -v wg >/dev/null 2>&1; then
  wg show wg0 dump 2>/dev/null | awk -F'\t' 'NR == 1 { print "wg", $2, $3; next } { print "peer", $1, $3, $4, $5 } END { if (NR == 0) print "wg none" }'
else
  echo 'wg none'
fi
ss -H -l -n -t -u 2>/dev/null | awk '{ n = split($5, part, ":"); port = $1 "/" part[n]; if (!seen[port]++) print "listen", port }'
echo 'end'
