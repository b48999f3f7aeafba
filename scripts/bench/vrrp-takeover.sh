#!/usr/bin/env bash
# Benchmark (issue 3, "Targets", first bullet): VRRP takeover delay, Calpe vs keepalived, in one run.
#
#   scripts/bench/vrrp-takeover.sh [-n RUNS] [scenario...]
#
# Runs scripts/tools/vrrp-interop.sh once per run and pairing (a fresh lab each time; the tool builds and
# removes its namespaces), alternating the pairings so that both see the same machine load:
#   keepalived-keepalived   NODE_A=keepalived NODE_B=keepalived (the reference)
#   keepalived-calpe        NODE_A=keepalived NODE_B=calpe      (Calpe is the backup that takes over)
# and collects, from the tool's timings TSV, the excess of each takeover over the protocol timer
# (Master_Down_Interval after a crash, Skew_Time after a priority-0 advert):
#   arp leg     old master's last advert (or its priority-0 advert) -> new master's first gratuitous ARP/NA
#   advert leg  old master's last advert -> new master's first advert (measured by the tool for crashes only)
# Prints per pairing, scenario and leg: n, median, p90, p99, max of the excess in ms (nearest-rank
# percentiles: with fewer than 100 runs p99 is the maximum), then the target check for Calpe:
# p99 <= 1 ms and p99 no worse than keepalived's.
#
# Scenarios: the tool's names with a takeover timing: crash, clean-stop, unicast, v3-centi, v3-centi-stop,
# pass-auth, ipv6, link-loss, v3-milli, v3-milli-stop, v3-centi-link, v3-milli-link (default: crash clean-stop
# v3-centi v3-centi-stop). The issue's nine: crash clean-stop link-loss (v2, advert_int 1), v3-centi
# v3-centi-stop v3-centi-link (v3, 0.1), v3-milli v3-milli-stop v3-milli-link (v3, 0.01); "all9" names them.
#
# Environment:
#   RUNS            runs per pairing and scenario (default 20; -n overrides)
#   PAIRS           pairings as A:B (default "keepalived:keepalived keepalived:calpe")
#   BENCH_OUT       where per-run TSVs, logs and the summary go (default target/bench/vrrp-takeover)
#   RUN_TIMEOUT_S   wall-clock limit of one tool invocation (default: 120 s per scenario)
# Exit: 0 when every run completed (takeover failures of the tool are counted in the table, not fatal),
# 2 on a setup error, 77 if the tool cannot run here.
set -uo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
tool=$here/scripts/tools/vrrp-interop.sh

runs=${RUNS:-20}
if [ "${1:-}" = -n ]; then runs=${2:?-n needs a number}; shift 2; fi
case $runs in ''|*[!0-9]*) echo "runs must be a positive number, not '$runs'" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] && [ "$runs" -le 1000 ] || { echo "runs must be 1..1000" >&2; exit 2; }
[ $# -gt 0 ] && scenarios="$*" || scenarios="crash clean-stop v3-centi v3-centi-stop"
[ "$scenarios" = all9 ] && scenarios="crash clean-stop link-loss v3-centi v3-centi-stop v3-centi-link v3-milli v3-milli-stop v3-milli-link"
for s in $scenarios; do
    case $s in crash|clean-stop|unicast|v3-centi|v3-centi-stop|pass-auth|ipv6|link-loss|v3-milli|v3-milli-stop|v3-centi-link|v3-milli-link) ;;
        *) echo "scenario '$s' has no takeover timing (use crash, clean-stop, unicast, v3-centi, v3-centi-stop, pass-auth, ipv6, link-loss, v3-milli, v3-milli-stop, v3-centi-link, v3-milli-link, or all9)" >&2; exit 2 ;;
    esac
done
pairs=${PAIRS:-keepalived:keepalived keepalived:calpe}
nscen=$(wc -w <<<"$scenarios")
run_timeout=${RUN_TIMEOUT_S:-$((120 * nscen))}
out=${BENCH_OUT:-$here/target/bench/vrrp-takeover}
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 77; }
# Calpe is built once here (or, with CALPE_NO_BUILD=1, the existing jar is used) and then pinned for every run:
# source edits during the bench must not rebuild the code under test between runs.
case " $pairs " in
    *calpe*)
        # shellcheck source=../lib/common.sh
        . "$here/scripts/lib/common.sh"
        ( calpe_ensure_built ) || { echo "cannot build Calpe (CALPE_NO_BUILD=1 uses the existing $CALPE_JAR)" >&2; exit 2; }
        export CALPE_NO_BUILD=1
        jar_info="Calpe jar $CALPE_JAR built $(date -u -r "$CALPE_JAR" '+%Y-%m-%d %H:%M UTC')" ;;
    *) jar_info="" ;;
esac

rm -rf "$out"
mkdir -p "$out"
all=$out/all.tsv
printf 'run\tpair\tscenario\tmetric\tvalue_ms\tprotocol_timer_ms\texcess_ms\n' >"$all"
status=$out/status.tsv   # run pair scenario PASS|FAIL
: >"$status"

load() { cut -d' ' -f1-3 /proc/loadavg; }
t0=$(date +%s)
echo "vrrp-takeover: $runs runs x [$scenarios] x pairings [$pairs]; $(nproc) CPUs, load $(load) at start"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); keepalived $(keepalived -v 2>&1 | head -n1 | awk '{print $2}')${jar_info:+; $jar_info}"
incomplete=0
for ((r = 1; r <= runs; r++)); do
    for p in $pairs; do
        a=${p%%:*} b=${p##*:} pair=${p%%:*}-${p##*:}
        rdir=$out/$pair/run-$r
        mkdir -p "$rdir"
        # the tool's own EXIT trap removes its namespaces and scratch, also when timeout sends TERM
        NODE_A=$a NODE_B=$b LAB_REPORT_DIR=$rdir timeout -s TERM -k 30 "$run_timeout" \
            "$tool" $scenarios >"$rdir/output.log" 2>&1
        rc=$?
        case $rc in
            0|1) ;;
            77) echo "the interop tool cannot run here:"; tail -n 3 "$rdir/output.log"; exit 77 ;;
            *) incomplete=$((incomplete + 1)); echo "  run $r $pair: tool exit $rc (log $rdir/output.log)" ;;
        esac
        awk -v r="$r" -v p="$pair" '/^(PASS|FAIL) / { s = $2; sub(":", "", s); print r "\t" p "\t" s "\t" $1 }' \
            "$rdir/output.log" >>"$status"
        tsv=$rdir/vrrp-interop.$pair.tsv
        [ -f "$tsv" ] && awk -v r="$r" 'NR > 1 { print r "\t" $0 }' "$tsv" >>"$all"
        fails=$(awk -v r="$r" -v p="$pair" '$1 == r && $2 == p && $4 == "FAIL" { printf " %s", $3 }' "$status")
        echo "  run $r/$runs $pair done (load $(load))${fails:+; FAIL:$fails}"
    done
done
echo "elapsed $(( $(date +%s) - t0 )) s; load $(load) at end"

# --- summary ---------------------------------------------------------------------------------------------------
# leg of a metric: the tool's metric names (see crash_failover and clean_stop in vrrp-interop.sh)
summary=$out/summary.tsv
awk -F'\t' -v st="$status" '
    BEGIN { while ((getline l < st) > 0) { split(l, f, "\t"); k = f[2] SUBSEP f[3]; runs[k]++; if (f[4] == "FAIL") fails[k]++ } }
    NR == 1 { next }
    $7 == "" { next }
    $4 ~ /-> B first gratuitous ARP\)$/ { leg = "arp" }
    $4 ~ /-> B first advert\)$/ { leg = "advert" }
    $4 !~ /first (gratuitous ARP|advert)\)$/ { next }
    { k = $2 SUBSEP $3 SUBSEP leg; if (!(k in seen)) { seen[k] = 1; order[++n] = k } v[k] = v[k] " " $7 }
    function pct(a, m, q,   i) { i = int(q * m); if (i < q * m) i++; if (i < 1) i = 1; return a[i] }
    END {
        for (i = 1; i <= n; i++) {
            k = order[i]; split(k, kk, SUBSEP)
            m = split(substr(v[k], 2), a, " ")
            for (x = 2; x <= m; x++) { t = a[x] + 0; for (y = x - 1; y >= 1 && a[y] + 0 > t; y--) a[y + 1] = a[y]; a[y + 1] = t }
            rk = kk[1] SUBSEP kk[2]
            printf "%s\t%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%d/%d\n", kk[1], kk[2], kk[3], m,
                pct(a, m, 0.5), pct(a, m, 0.9), pct(a, m, 0.99), a[m], fails[rk] + 0, runs[rk] + 0
        }
    }' "$all" | sort -t$'\t' -k2,2 -k3,3 -k1,1r >"$summary"

echo
echo "Excess over the protocol timer, ms (nearest-rank percentiles; failed = tool FAIL verdicts / runs)"
printf '%-22s %-14s %-7s %4s %8s %8s %8s %8s  %s\n' pairing scenario leg n median p90 p99 max failed
while IFS=$'\t' read -r p s l n med p90 p99 mx f; do
    printf '%-22s %-14s %-7s %4s %8s %8s %8s %8s  %s\n' "$p" "$s" "$l" "$n" "$med" "$p90" "$p99" "$mx" "$f"
done <"$summary"

echo
echo "Target (issue 3): Calpe's excess p99 <= 1 ms and p99 no worse than keepalived's (arp leg decides)"
for s in $scenarios; do
    for l in arp advert; do
        c=$(awk -F'\t' -v s="$s" -v l="$l" '$1 ~ /-calpe$/ && $2 == s && $3 == l { print $4, $7 }' "$summary")
        k=$(awk -F'\t' -v s="$s" -v l="$l" '$1 == "keepalived-keepalived" && $2 == s && $3 == l { print $4, $7 }' "$summary")
        [ -n "$c" ] || continue
        read -r cn cp <<<"$c"
        read -r kn kp <<<"${k:-0 -}"
        abs=$(awk -v c="$cp" 'BEGIN { print (c <= 1.0 ? "met" : "NOT met") }')
        rel=$( [ "$kp" = - ] && echo "no keepalived figure" || awk -v c="$cp" -v k="$kp" 'BEGIN { print (c <= k ? "met" : "NOT met") }')
        sample=$( [ "$cn" -ge 20 ] && echo "" || echo " (only $cn runs: below the 20 the target asks for)")
        printf '  %-14s %-7s Calpe p99 %s ms: <= 1 ms %s; vs keepalived p99 %s ms: %s%s\n' "$s" "$l" "$cp" "$abs" "$kp" "$rel" "$sample"
    done
done
echo "data: $all, $summary"
[ "$incomplete" = 0 ]
