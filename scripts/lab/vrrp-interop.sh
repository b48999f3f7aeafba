#!/usr/bin/env bash
# Lab suite: Calpe against real keepalived 2.2.7 on one LAN, each in both roles (scripts/tools/vrrp-interop.sh
# does the work: namespaces, captures, timings, cleanup). Runs every scenario of the tool; ah-wrong-log and
# notify-fifo stand for ah-wrong and notify-argv, whose checks they include.
# Reports go to $LAB_REPORT_DIR (one JUnit XML per pairing).
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
scenarios="election crash clean-stop preempt nopreempt preempt-delay unicast v3-centi v3-centi-stop pass-auth pass-wrong advert-mismatch ipv6 ah-auth ah-wrong-log track-weight sync-group notify-fifo link-loss vmac vmac-xmit-base vmac6 track-file unicast-oldcsum"
rc=0 pass=0 fail=0
for pair in "calpe keepalived" "keepalived calpe"; do
  set -- $pair
  # v3-milli (advert_int 0.01: the master's adverts leave from the kernel) with Calpe as the master that is killed;
  # a killed keepalived master sometimes still sends a queued advert, which the tool counts as a failure
  extra=""; [ "$1" = calpe ] && extra=v3-milli
  out=$(NODE_A=$1 NODE_B=$2 "$here/scripts/tools/vrrp-interop.sh" $scenarios $extra 2>&1) || rc=1
  printf '%s\n' "$out" | grep -E '^(PASS|FAIL|AGAIN)' | sed "s/^/[$1-$2] /"
  # a failed scenario's notes (what differed) go to the log too: CI keeps nothing else
  printf '%s\n' "$out" | awk -v p="[$1-$2]" '/^== / { n = 0 } { b[n++] = $0 }
      /^FAIL/ { for (i = 0; i < n - 1; i++) print p " | " b[i]; n = 0 }'
  line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n1)
  [ -n "$line" ] || { printf '%s\n' "$out" | tail -n 20; rc=1; continue; }
  pass=$((pass + ${line%% passed*})); f=${line#*passed, }; fail=$((fail + ${f%% failed*}))
done
echo "vrrp-interop: $pass passed, $fail failed"
exit $rc
