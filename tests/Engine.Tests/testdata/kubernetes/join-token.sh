# MultiCloud: a bootstrap token for the join of control-2
set -euo pipefail
report() { printf 'multicloud-result: %s=%s\n' "$1" "$2"; }

kubeadm token create 'abcdef.0123456789abcdef' --ttl 15m --description 'MultiCloud: join of control-2' >/dev/null
kubeadm init phase upload-certs --upload-certs --certificate-key '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0' >/dev/null
report token created
report ca-cert "$(base64 -w0 /etc/kubernetes/pki/ca.crt)"
