#!/usr/bin/env bash
# Benchmark: configtest of a generated 10,000-instance keepalived.conf (100,000 lines), Calpe vs keepalived -t,
# side by side in one run, both inside one private network namespace holding the interfaces the file names.
# Prints per-run wall/CPU seconds and the medians. Usage: scripts/bench/configtest.sh [instances] [runs]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-10000}; runs=${2:-5}
[ "$(id -u)" = 0 ] || { echo "needs root (network namespace)" >&2; exit 2; }
command -v keepalived >/dev/null || { echo "keepalived not installed" >&2; exit 2; }
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
work=$(mktemp -d); ns=calpe-bench-$$
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
k=$(python3 "$here/scripts/bench/gen-instances.py" "$n" "$work/keepalived.conf")
ip netns add "$ns"
for i in $(seq 0 $((k-1))); do ip netns exec "$ns" ip link add "bench$i" type veth peer name "bp$i"; done
. "$here/scripts/lib/common.sh"
calpe_ensure_built
echo "config: $n instances, $(wc -l < "$work/keepalived.conf") lines, $k interfaces; $runs runs each, alternating"
measure() { # label cmd... -> prints "label wall cpu rc"
  local label=$1; shift
  local t0 t1 rc
  t0=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$work/time" "$@" >"$work/out" 2>&1 && rc=0 || rc=$?
  t1=$(date +%s.%N)
  read -r u s < "$work/time"
  awk -v l="$label" -v a="$t0" -v b="$t1" -v u="$u" -v s="$s" -v rc="$rc" \
    'BEGIN { printf "%s %.3f %.3f %d\n", l, b - a, u + s, rc }'
}
: > "$work/results"
for r in $(seq 1 "$runs"); do
  measure keepalived ip netns exec "$ns" keepalived -t -f "$work/keepalived.conf" | tee -a "$work/results"
  measure calpe ip netns exec "$ns" "$here/scripts/calpe" -t -f "$work/keepalived.conf" | tee -a "$work/results"
done
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
for who in keepalived calpe; do
  wall=$(awk -v w="$who" '$1==w {print $2}' "$work/results" | median)
  cpu=$(awk -v w="$who" '$1==w {print $3}' "$work/results" | median)
  rc=$(awk -v w="$who" '$1==w {rc=$4} END {print rc}' "$work/results")
  printf 'median %-10s wall %s s  cpu %s s  (exit code %s)\n' "$who" "$wall" "$cpu" "$rc"
done
