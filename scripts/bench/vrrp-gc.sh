#!/usr/bin/env bash
# Benchmark (issue 3, "Targets", second bullet): zero spurious transitions over D minutes with VRRPv3
# advert_int 0.01 while another bundle in the Calpe node allocates garbage as fast as it can.
#
#   scripts/bench/vrrp-gc.sh [-d MINUTES]
#
# One instance pair (VI_1, VRID 51, VIP 198.18.16.1/32 on eth0), A priority 150, B priority 100, both state
# BACKUP; A starts first, B once A holds the VIP. Two pairings, one after the other (PAIRS, A:B):
#   calpe:keepalived   Calpe is the master (its adverts must never stop for a Master_Down_Interval, 36.1 ms)
#   keepalived:calpe   Calpe is the backup (it must never time out while keepalived's adverts arrive)
# The Calpe node's media holds bundles/gchog.jar (scripts/bench/gc-hog, built here with javac + jar against
# the Felix framework jar in ~/.m2): GC_THREADS threads allocating byte arrays in a loop, keeping a ring of
# recent ones alive so that the old generation fills too. Calpe runs with its default JVM options
# ($CALPE_DEFAULT_JAVA_OPTS, or CALPE_JAVA_OPTS if set) plus -Xlog:gc into gc.log.
# After the settle (the garbage bundle has started, SETTLE_S more), over the window it counts:
#   - spurious transitions: every "Entering ... STATE" log line of either node (target: 0 on both)
#   - from a capture in the switch namespace: B's adverts (a backup sends none) and the gaps between A's
#     adverts (max, p99.9: a gap over B's Master_Down_Interval means B may take over)
#   - the VIP sampled every second: on A only
#   - GC pauses in the window (gc.log): count, total, p99, max, how many over 10 ms; the allocation rate
#   - guest-wide stalls: a SCHED_FIFO 99 prober per CPU that sleeps 1 ms at a time logs each wake-up over 5 ms
#     late; A's silences over B's Master_Down_Interval are counted, and those during which every CPU's prober
#     was late at once for >= 10 ms (the guest itself stood still: the host paused the VM, which steal time does
#     not always show)
# Environment: DURATION_MIN (default 10; -d), DURATION_S (overrides, for short runs), PAIRS, GC_THREADS
# (default 1), CALPE_GLOBAL_DEFS (one more global_defs line for the Calpe node, e.g. "vrrp_priority -20"), SETTLE_S (default 3), CALPE_STARTUP_S (default 60), BENCH_OUT (default target/bench/vrrp-gc),
# CALPE_NO_BUILD=1 (use the existing appliance jar).
# Exit: 0 when every pairing was measured (spurious transitions are reported, not fatal), 1 if one could not
# be, 2 on a setup error, 77 if it cannot run here.
set -uo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=../lib/common.sh
. "$here/scripts/lib/common.sh"
# shellcheck source=vrrp-lab.sh
. "$here/scripts/bench/vrrp-lab.sh"

minutes=${DURATION_MIN:-10}
[ "${1:-}" = -d ] && { minutes=${2:?-d needs minutes}; shift 2; }
case $minutes in ''|*[!0-9]*) echo "minutes must be a whole number" >&2; exit 2 ;; esac
window=${DURATION_S:-$((minutes * 60))}
case $window in ''|*[!0-9]*|0) echo "DURATION_S must be a positive whole number" >&2; exit 2 ;; esac
pairs=${PAIRS:-calpe:keepalived keepalived:calpe}
settle=${SETTLE_S:-3} startup=${CALPE_STARTUP_S:-60} threads=${GC_THREADS:-1}
adv=0.01
for p in $pairs; do
    case $p in calpe:keepalived|keepalived:calpe|calpe:calpe) ;; *) echo "pairings are A:B with Calpe on at least one side, not '$p'" >&2; exit 2 ;; esac
done
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 77; }
command -v tcpdump >/dev/null || { echo "tcpdump is not installed" >&2; exit 77; }
command -v keepalived >/dev/null || { echo "keepalived is not installed" >&2; exit 77; }
( calpe_ensure_built ) || exit 2
export CALPE_NO_BUILD=1

out=${BENCH_OUT:-$here/target/bench/vrrp-gc}
rm -rf "$out"; mkdir -p "$out"
"$here/scripts/bench/gc-hog/build.sh" "$out/gchog.jar" || { echo "cannot build the garbage bundle" >&2; exit 2; }
results=$out/results.tsv
printf 'pair\tmetric\tvalue\n' >"$results"
lab_k=1
lab_prefix=calpe-bg$$
probe=""
trap 'lab_cleanup; [ -n "$probe" ] && kill "$probe" 2>/dev/null' EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM HUP
lab_setup || { echo "cannot build the lab" >&2; exit 2; }
mdi_b=$(awk -v a="$adv" 'BEGIN { u = int(a * 1000000 + 0.5); printf "%.3f", (3 * u + int(156 * u / 256)) / 1000 }')
base_opts=${CALPE_JAVA_OPTS:-$CALPE_DEFAULT_JAVA_OPTS}

conf() { # node file implementation
    local prio extra=; [ "$1" = a ] && prio=150 || prio=100
    [ "$3" = calpe ] && extra=${CALPE_GLOBAL_DEFS:-}
    printf '%s\n' "# vrrp-gc node $1" "global_defs {" "    router_id gc_$1" "    vrrp_version 3" ${extra:+"    $extra"} "}" \
        "vrrp_instance VI_1 {" "    state BACKUP" "    interface eth0" "    virtual_router_id 51" "    priority $prio" \
        "    advert_int $adv" "    virtual_ipaddress {" "        198.18.16.1/32 dev eth0" "    }" "}" >"$2"
}
wait_until() { # seconds command...
    local s=$1 i m; shift
    m=$(( s * 10 ))
    for ((i = 0; i < m; i++)); do "$@" && return 0; sleep 0.1; done
    "$@"
}
has_vip() { [ "$(lab_vip_count "$1")" = 1 ]; }
only_a() { has_vip a && ! has_vip b; }
ready() { grep -E 'Entering (BACKUP|MASTER|FAULT) STATE' "$1/node.log" >/dev/null 2>&1; }
pct() { # q < values: nearest rank, "-" for none
    sort -g | awk -v q="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } i = int(q * NR); if (i < q * NR) i++; if (i < 1) i = 1; print v[i] }'
}
result() { printf '%s\t%s\t%s\n' "$pair" "$1" "$2" >>"$results"; }
say() { echo "  [$pair] $*"; }
start() { # node impl dir port
    if [ "$2" = calpe ]; then
        mkdir -p "$3/media/bundles"
        cp "$out/gchog.jar" "$3/media/bundles/"
        CALPE_JAVA_OPTS="$base_opts -Xlog:gc:file=$3/gc.log:time,uptime,level,tags -Dcalpe.bench.gchog.threads=$threads" \
            lab_start "$1" "$2" "$3" "$4"
    else
        lab_start "$1" "$2" "$3" "$4"
    fi
}

ok=1
echo "vrrp-gc: VRRPv3 advert_int $adv, window $window s per pairing, $threads garbage thread(s); pairings: $pairs"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); keepalived $(keepalived -v 2>&1 | head -n1 | awk '{print $2}'); Calpe jar built $(date -u -r "$CALPE_JAR" '+%Y-%m-%d %H:%M UTC'); JVM options: $base_opts"
for pair in $pairs; do
    ia=${pair%%:*} ib=${pair##*:}
    echo "== A=$ia (150, master) B=$ib (100, backup)"
    d=$out/$ia-$ib   # (no colon: -Xlog:gc:file= cannot take one)
    mkdir -p "$d/a/media" "$d/b/media"
    conf a "$d/a/media/keepalived.conf" "$ia"; conf b "$d/b/media/keepalived.conf" "$ib"
    lab_drop_vips a; lab_drop_vips b
    start a "$ia" "$d/a" 18271
    if ! wait_until "$startup" has_vip a; then say "A did not take the VIP within $startup s"; ok=0; lab_stop a; continue; fi
    start b "$ib" "$d/b" 18272
    if ! wait_until "$startup" ready "$d/b"; then say "B did not log a state within $startup s"; ok=0; lab_stop b; lab_stop a; continue; fi
    # the garbage bundle runs before the window starts
    for x in a b; do
        [ "$([ $x = a ] && echo "$ia" || echo "$ib")" = calpe ] || continue
        wait_until 30 grep -q 'gc-hog: started' "$d/$x/node.log" || { say "the garbage bundle did not start on node $x (see $d/$x/node.log)"; ok=0; }
    done
    # the capture starts before the settle: tcpdump attaching to the bridge coincided with a flip of a keepalived
    # backup (in the 10 ms before its first packet) in every run that started it at the window's start
    lab_capture_start "$d/capture" || { say "tcpdump did not start"; ok=0; }
    # a guest-wide stall probe: a SCHED_FIFO 99 prober per CPU that sleeps 1 ms at a time and logs how late it
    # woke when over 5 ms. Nothing in the guest outranks them, so when all are late at once the guest itself did
    # not run (the host paused the VM or its vCPUs; steal time does not always show it) and nothing could send
    chrt -f 99 python3 "$here/scripts/lib/stall-probe.py" "$d/stalls.raw" "$((window + settle + 15))" >/dev/null 2>&1 &
    probe=$!
    sleep "$settle"
    only_a || say "warning: not settled (A VIP: $(lab_vip_count a), B VIP: $(lab_vip_count b))"
    la=$(lab_log_lines "$d/a/node.log"); lb=$(lab_log_lines "$d/b/node.log")
    ga=$(lab_log_lines "$d/a/gc.log"); gb=$(lab_log_lines "$d/b/gc.log")
    w0=$(date +%s.%N)
    bad=0
    for ((s = 0; s < window; s++)); do only_a || bad=$((bad + 1)); sleep 1; done
    w1=$(date +%s.%N)
    lab_capture_stop
    kill "$probe" 2>/dev/null; wait "$probe" 2>/dev/null
    python3 "$here/scripts/lib/stall-probe.py" --guest "$d/stalls.raw" >"$d/stalls"
    sa=$(lab_entering_after "$d/a/node.log" "$la"); sb=$(lab_entering_after "$d/b/node.log" "$lb")
    lab_events "$d/capture" >"$d/capture/events"
    na=$(awk -v f="$w0" -v t="$w1" '$1 >= f + 0 && $1 <= t + 0 && $2 == "a" && $3 == "adv"' "$d/capture/events" | wc -l)
    nb=$(awk -v f="$w0" -v t="$w1" '$1 >= f + 0 && $1 <= t + 0 && $2 == "b" && $3 == "adv"' "$d/capture/events" | wc -l)
    awk -v f="$w0" -v t="$w1" '$1 >= f + 0 && $1 <= t + 0 && $2 == "a" && $3 == "adv" {
        if (p != "") printf "%.3f\n", ($1 - p) * 1000; p = $1 }' "$d/capture/events" >"$d/capture/a-gaps"
    gmax=$(pct 1 <"$d/capture/a-gaps"); g999=$(pct 0.999 <"$d/capture/a-gaps")
    say "spurious transitions in $window s: A $sa, B $sb; VIP not on A only in $bad of $window one-second samples"
    say "capture: A sent $na adverts (gaps: max $gmax ms, p99.9 $g999 ms; B's Master_Down_Interval $mdi_b ms), B sent $nb"
    # A's silences long enough for B to take over, and whether the guest itself stood still meanwhile (a
    # standstill of >= 10 ms ending inside the silence or within 5 ms after it)
    read -r st_n st_max long_n long_st <<<"$(awk -v f="$w0" -v t="$w1" -v mdi="$mdi_b" '
        FILENAME == ARGV[1] { if ($1 >= f + 0 && $1 <= t + 0) { n++; if ($2 > m) m = $2; if ($2 >= 10) { se[++k] = $1; sl[k] = $2 } } next }
        $1 >= f + 0 && $1 <= t + 0 && $2 == "a" && $3 == "adv" {
            if (p != "" && ($1 - p) * 1000 > mdi) {
                g++
                for (i = 1; i <= k; i++) if (se[i] > p && se[i] - sl[i] / 1000 < $1 + 0.005) { s++; break }
            }
            p = $1 }
        END { printf "%d %.1f %d %d\n", n, m, g, s }' "$d/stalls" "$d/capture/events")"
    say "guest standstills (every CPU's RT-99 prober > 5 ms late at once): $st_n, longest $st_max ms; A's silences over B's Master_Down_Interval: $long_n, $long_st of them while the guest stood still"
    result spurious_a "$sa"; result spurious_b "$sb"; result vip_bad_samples "$bad"
    result a_adverts "$na"; result b_adverts "$nb"; result a_gap_max_ms "$gmax"; result a_gap_p999_ms "$g999"
    result guest_stalls "$st_n"; result guest_stall_max_ms "$st_max"; result a_silences_over_mdi "$long_n"
    result a_silences_over_mdi_in_guest_stall "$long_st"
    for x in a b; do
        [ -f "$d/$x/gc.log" ] || continue
        from=$([ $x = a ] && echo "$ga" || echo "$gb")
        tail -n +"$((from + 1))" "$d/$x/gc.log" | awk '/ Pause / && $NF ~ /ms$/ { v = $NF; sub("ms", "", v); print v + 0 }' >"$d/$x/gc-pauses"
        gc_n=$(wc -l <"$d/$x/gc-pauses")
        gc_tot=$(awk '{ t += $1 } END { printf "%.1f", t }' "$d/$x/gc-pauses")
        gc_10=$(awk '$1 > 10 { o++ } END { print o + 0 }' "$d/$x/gc-pauses")
        gc_p99=$(pct 0.99 <"$d/$x/gc-pauses"); gc_max=$(pct 1 <"$d/$x/gc-pauses")
        rate=$(grep 'gc-hog: allocated' "$d/$x/node.log" | tail -n1 | sed 's/.*gc-hog: //')
        say "node $x (Calpe) GC pauses in the window: $gc_n, total $gc_tot ms, p99 $gc_p99 ms, max $gc_max ms, $gc_10 over 10 ms; garbage bundle: ${rate:-no report}"
        result "gc_pauses_$x" "$gc_n"; result "gc_pause_total_ms_$x" "$gc_tot"; result "gc_pause_p99_ms_$x" "$gc_p99"
        result "gc_pause_max_ms_$x" "$gc_max"; result "gc_pauses_over_10ms_$x" "$gc_10"
    done
    verdict=$([ "$sa" = 0 ] && [ "$sb" = 0 ] && [ "$nb" = 0 ] && [ "$bad" = 0 ] && echo met || echo "NOT met")
    say "target (0 spurious transitions on both nodes): $verdict"
    lab_stop b; lab_stop a; lab_drop_vips a; lab_drop_vips b
done
echo "data: $results; logs, gc.log and captures under $out"
[ "$ok" = 1 ]
