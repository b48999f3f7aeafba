#!/usr/bin/env bash
# Lab test: for every configtest corpus file, Calpe's config test must give the same exit code as the real
# `keepalived -t` (Debian package), both run live in the same private network namespace holding the
# interfaces the corpus names (eth0 eth1 eth2 bond0; veth pairs created inside the namespace only).
# Writes a JUnit XML report to $LAB_REPORT_DIR (default target/lab-reports) and prints "N passed, N failed".
# Usage: scripts/lab/configtest-compare.sh [corpus-dir]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${1:-$here/bundles/org.calpe.config.keepalived/src/test/resources/corpus}
reports=${LAB_REPORT_DIR:-$here/target/lab-reports}
[ "$(id -u)" = 0 ] || { echo "configtest-compare: needs root (network namespace)" >&2; exit 2; }
command -v keepalived >/dev/null || { echo "configtest-compare: keepalived is not installed" >&2; exit 2; }
cp_file=$here/appliance-image/target/configtest/classpath
[ -f "$cp_file" ] || { echo "configtest-compare: build first ($cp_file missing)" >&2; exit 2; }
ns=calpe-cmp-$$; work=$(mktemp -d)
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/cwd"
ip netns add "$ns"
for i in eth0 eth1 eth2 bond0; do ip netns exec "$ns" ip link add "$i" type veth peer name "p-$i"; done
ip netns exec "$ns" ip link set lo up
mapfile -t files < <(find "$corpus" -name '*.conf' | grep -v '/include[^/]*/' | sort)
[ "${#files[@]}" -gt 0 ] || { echo "configtest-compare: empty corpus" >&2; exit 1; }
: > "$work/batch"
for f in "${files[@]}"; do
  extra=$(sed -n '1s/^# configtest-args: *//p' "$f")
  if [ -n "$extra" ]; then printf '%s\t%s\n' "$f" "$(echo "$extra" | tr ' ' '\t')"; else printf '%s\n' "$f"; fi >> "$work/batch"
done
# Calpe: one JVM for the whole corpus
ip netns exec "$ns" java -cp "$(cat "$cp_file")" org.calpe.config.keepalived.ConfigTest --batch --quiet \
  < "$work/batch" > "$work/calpe" 2>&1
pass=0; fail=0; cases=""
for f in "${files[@]}"; do
  extra=$(sed -n '1s/^# configtest-args: *//p' "$f")
  # shellcheck disable=SC2086
  # from a scratch directory: keywords such as config_save_dir write relative to the working directory
  kout=$(cd "$work/cwd" && timeout 20 ip netns exec "$ns" keepalived -t $extra -f "$f" 2>&1) && krc=0 || krc=$?
  crc=$(awk -F'\t' -v f="$f" '$2==f {print $1}' "$work/calpe")
  name=${f#"$corpus"/}
  if [ "$crc" = "$krc" ]; then
    pass=$((pass+1)); cases+="<testcase classname=\"lab.configtest\" name=\"$name\"/>"
  else
    fail=$((fail+1))
    msg=$(printf 'keepalived -t exit %s, calpe exit %s; keepalived said: %s' "$krc" "${crc:-none}" "$kout" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g')
    cases+="<testcase classname=\"lab.configtest\" name=\"$name\"><failure message=\"exit code differs\">$msg</failure></testcase>"
    echo "DIFFERS: $name: keepalived $krc, calpe ${crc:-none}" >&2
  fi
done
mkdir -p "$reports"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="lab.configtest-compare" tests="%d" failures="%d" errors="0" skipped="0">%s</testsuite>\n' \
  $((pass+fail)) "$fail" "$cases" > "$reports/TEST-lab.configtest-compare.xml"
echo "configtest-compare: $pass passed, $fail failed"
[ "$fail" = 0 ]
