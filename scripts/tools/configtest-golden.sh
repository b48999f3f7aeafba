#!/usr/bin/env bash
# Capture keepalived's own config-test verdicts for the configtest corpus (golden files, made by the real tool).
# For every corpus/**/*.conf writes <file>.expected: line 1 = `keepalived -t` exit code, then its messages.
# keepalived runs inside a private network namespace holding the interfaces the corpus may name
# (eth0 eth1 eth2 bond0, veth pairs created inside the namespace; the host's interfaces are never touched).
# A corpus file may start with '# configtest-args: ARGS' to pass ARGS (only -i ID is supported) to both tools.
# Usage: scripts/tools/configtest-golden.sh [corpus-dir] [file...]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${1:-$here/bundles/org.calpe.config.keepalived/src/test/resources/corpus}
shift || true
command -v keepalived >/dev/null || { echo "keepalived is not installed (apt-get install keepalived)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root (network namespace)" >&2; exit 2; }
ns=calpe-golden-$$
scratch=$(mktemp -d)
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT
ip netns add "$ns"
for i in eth0 eth1 eth2 bond0; do ip netns exec "$ns" ip link add "$i" type veth peer name "p-$i"; done
ip netns exec "$ns" ip link set lo up
if [ $# -gt 0 ]; then files=("$@"); else mapfile -t files < <(find "$corpus" -name '*.conf' -not -path '*/include*/*' | sort); fi
n=0
for f in "${files[@]}"; do
  dir=$(dirname "$f"); base=$(basename "$f")
  # run from a scratch directory (keywords such as config_save_dir write relative to the working directory);
  # the file's directory is stripped from messages so goldens do not depend on where the checkout lives
  # optional first line "# configtest-args: -i ID" (e.g. for @id lines, which otherwise depend on the host name)
  extra=$(sed -n '1s/^# configtest-args: *//p' "$f")
  # shellcheck disable=SC2086
  out=$(cd "$scratch" && timeout 20 ip netns exec "$ns" keepalived -t $extra -f "$dir/$base" 2>&1) && rc=0 || rc=$?
  out=${out//"$dir/"/}
  { echo "$rc"; printf '%s\n' "$out"; } > "$f.expected"
  n=$((n+1))
done
echo "captured $n golden verdicts under $corpus"
