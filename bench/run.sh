#!/usr/bin/env bash
# Benchmarks the node layer on lab hosts (tests/lab): for each host count N (default 4 and 8) it brings up a lab,
# applies a static cluster up to the load balancers from nothing, again unchanged, then with one host added, and
# prints wall time and SSH round trips per host of each apply; then it times the SSH transport alone (one connect
# and 20 small scripts per host) (bench/MeshBench). Needs root, like the lab.
# Usage: bench/run.sh [N ...]      Results go to stdout; bench/RESULTS.md records a run and what it means.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAB="$ROOT/tests/lab/lab.sh"
OUT="$ROOT/bench/MeshBench/bin/Release/net10.0"
COUNTS=("$@")
((${#COUNTS[@]})) || COUNTS=(4 8)

CURRENT=
teardown() {
  if [[ -n $CURRENT ]]; then
    "$LAB" down "$CURRENT" || echo "bench: could not tear down lab $CURRENT; run: $LAB down $CURRENT" >&2
  fi
}
trap teardown EXIT

dotnet build -c Release "$ROOT/bench/MeshBench" -o "$OUT" >&2

echo "## Machine"
echo
echo "- date: $(date -u +%FT%TZ)"
echo "- CPU: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc)"
echo "- memory: $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "- kernel: $(uname -r)"
echo

for n in "${COUNTS[@]}"; do
  CURRENT=$("$LAB" up "$n" | jq -r .id)
  echo "## $n hosts (lab $CURRENT)"
  echo
  echo "load average when the lab was up: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  dotnet "$OUT/MeshBench.dll" "$LAB" "$CURRENT"
  echo
  "$LAB" down "$CURRENT"
  CURRENT=
done
