#!/usr/bin/env bash
# Benchmark (issue 3, "Targets", third bullet): N VRRPv3 instances at advert_int 0.1 between two nodes, for a
# keepalived pair and a Calpe pair in the same run, one pair at a time, on the same lab and configuration.
#
#   scripts/bench/vrrp-scale.sh [-n N] [-w WINDOW_S] [impl...]      impl: keepalived calpe (default both)
#
# Node A: priority 150, state MASTER; node B: priority 100, state BACKUP; both nodes run the same
# implementation. Instance i (0-based) is VI_<i> on eth<i / P> with virtual_router_id i % P + 1 (P = PER_IF, 255) and the
# VIP 198.18.<16 + (i+1) / 256>.<(i+1) % 256>/32. VRIDs are per interface, so N > 255 needs several
# interfaces: each node gets K = ceil(N / P) veths, and eth<k> of both nodes share a bridge br<k> of their
# own in the switch namespace (one L2 domain per k, like VLANs), so equal VRIDs on different k never meet.
# Per implementation, one run with N instances:
#   (d) both nodes start at the same moment: instances of B (the lower priority) that ever log
#       "Entering MASTER STATE" until the lab has settled (target: 0; keepalived shows hundreds at 0.1 s)
#   settle: A holds all N VIPs, B none, for SETTLE_S; then B is stopped and started again against the
#       running master and the lab settles again (so that the rest does not depend on the start-up storm)
#   (a) spurious transitions over WINDOW_S: every "Entering ... STATE" log line of either node (target: 0)
#   (b) CPU of each node over the window (utime + stime of its process group, % of one core) and its memory
#       (RSS and PSS of the group, kB) at the end of the window
#   (c) SIGKILL of A's whole process group: from A's last advert (capture on every bridge in the switch
#       namespace) until every one of the N VIPs has had a gratuitous ARP from B, against
#       Master_Down_Interval + 10 ms (B's, priority 100); also each instance's own excess (its VIP's first
#       gratuitous ARP from B after the last advert A sent for it) as median / p99 / max
# and one run with N_SMALL instances (started the same way, settled, then SMALL_WAIT_S) for the memory per
# instance: (memory at N - memory at N_SMALL) / (N - N_SMALL), per node.
#
# Environment:
#   N (default 1000; -n), WINDOW_S (default 60; -w), N_SMALL (default 10), SETTLE_S (default 5),
#   STARTUP_S       how long the nodes may take until A holds all VIPs (default 60 + N / 20)
#   SMALL_WAIT_S    settled time before the small run's memory sample (default min(WINDOW_S, 20))
#   ADVERT_INT      (default 0.1)
#   PER_IF          instances (VRIDs) per interface, 1..255 (default 255; smaller to try several interfaces
#                   with a small N)
#   BENCH_OUT       logs, configurations, captures and results.tsv (default target/bench/vrrp-scale)
#   CALPE_NO_BUILD=1  use the existing appliance jar
# Exit: 0 when every measurement was taken (targets not met are reported, not fatal), 1 if one could not be,
# 2 on a setup error, 77 if it cannot run here.
set -uo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=../lib/common.sh
. "$here/scripts/lib/common.sh"
# shellcheck source=vrrp-lab.sh
. "$here/scripts/bench/vrrp-lab.sh"

n=${N:-1000} window=${WINDOW_S:-60}
while [ $# -gt 0 ]; do
    case $1 in
        -n) n=${2:?-n needs a number}; shift 2 ;;
        -w) window=${2:?-w needs seconds}; shift 2 ;;
        *) break ;;
    esac
done
impls=${*:-keepalived calpe}
n_small=${N_SMALL:-10} settle=${SETTLE_S:-5} adv=${ADVERT_INT:-0.1}
startup=${STARTUP_S:-$((60 + n / 20))}
small_wait=${SMALL_WAIT_S:-$(( window < 20 ? window : 20 ))}
per_if=${PER_IF:-255}   # VRIDs per interface (fewer: more interfaces for a small N, to try the multi-interface lab)
for v in "$n" "$window" "$n_small" "$settle" "$startup" "$small_wait"; do
    case $v in ''|*[!0-9]*) echo "N, WINDOW_S, N_SMALL, SETTLE_S, STARTUP_S, SMALL_WAIT_S must be whole numbers" >&2; exit 2 ;; esac
done
case $per_if in ''|*[!0-9]*) echo "PER_IF must be 1..255" >&2; exit 2 ;; esac
[ "$per_if" -ge 1 ] && [ "$per_if" -le 255 ] || { echo "PER_IF must be 1..255" >&2; exit 2; }
[ "$n" -ge 2 ] && [ "$n" -le 20000 ] || { echo "N must be 2..20000" >&2; exit 2; }
[ "$n_small" -ge 1 ] && [ "$n_small" -lt "$n" ] || { echo "N_SMALL must be 1..N-1" >&2; exit 2; }
for i in $impls; do case $i in keepalived|calpe) ;; *) echo "implementation must be keepalived or calpe, not '$i'" >&2; exit 2 ;; esac; done
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 77; }
command -v tcpdump >/dev/null || { echo "tcpdump is not installed" >&2; exit 77; }
case " $impls " in *" keepalived "*) command -v keepalived >/dev/null || { echo "keepalived is not installed" >&2; exit 77; } ;; esac
case " $impls " in *" calpe "*) ( calpe_ensure_built ) || exit 2; export CALPE_NO_BUILD=1 ;; esac

out=${BENCH_OUT:-$here/target/bench/vrrp-scale}
rm -rf "$out"; mkdir -p "$out"
results=$out/results.tsv
printf 'impl\tmetric\tnode\tvalue\tunit\n' >"$results"
lab_k=$(( (n + per_if - 1) / per_if ))
lab_prefix=calpe-bs$$
trap 'lab_cleanup' EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM HUP
lab_setup || { echo "cannot build the lab" >&2; exit 2; }
hz=$(getconf CLK_TCK)
# keepalived's timers (integer microseconds): MDI = 3 * adv + (256 - prio) * adv / 256
mdi_ms=$(awk -v a="$adv" 'BEGIN { u = int(a * 1000000 + 0.5); printf "%.3f", (3 * u + int(156 * u / 256)) / 1000 }')

gen_conf() { # count node file
    awk -v n="$1" -v node="$2" -v per="$per_if" -v adv="$adv" 'BEGIN {
        prio = node == "a" ? 150 : 100; st = node == "a" ? "MASTER" : "BACKUP"
        printf "# vrrp-scale node %s: %d instances\nglobal_defs {\n    router_id scale_%s\n    vrrp_version 3\n}\n", node, n, node
        for (i = 0; i < n; i++) {
            a = 16 * 256 + i + 1
            vip = sprintf("198.18.%d.%d", int(a / 256), a % 256)
            printf "vrrp_instance VI_%d {\n    state %s\n    interface eth%d\n    virtual_router_id %d\n", i, st, int(i / per), i % per + 1
            printf "    priority %d\n    advert_int %s\n    virtual_ipaddress {\n        %s/32 dev eth%d\n    }\n}\n", prio, adv, vip, int(i / per)
        }
    }' >"$3"
}
result() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$results"; }
say() { echo "  [$impl] $*"; }
wait_until() { # seconds command...: polls every 0.1 s until the command succeeds or the time is up
    local end; end=$(( $(date +%s) + $1 )); shift
    while [ "$(date +%s)" -lt "$end" ]; do "$@" && return 0; sleep 0.1; done
    "$@"
}
settled() { [ "$(lab_vip_count a)" = "$1" ] && [ "$(lab_vip_count b)" = 0 ]; }
held_settled() { # count seconds: settled continuously (checked every 0.1 s)
    local end; end=$(( $(date +%s) + $2 ))
    while [ "$(date +%s)" -lt "$end" ]; do settled "$1" || return 1; sleep 0.1; done
}
settle_pair() { # count: A holds all VIPs and B none, continuously for SETTLE_S (bounded by STARTUP_S)
    local c=$1 end; end=$(( $(date +%s) + startup ))
    while [ "$(date +%s)" -lt "$end" ]; do
        wait_until $(( end - $(date +%s) )) settled "$c" && held_settled "$c" "$settle" && return 0
    done
    say "not settled within $startup s: A holds $(lab_vip_count a), B $(lab_vip_count b) of $c VIPs (alive: A $(lab_alive a && echo yes || echo no), B $(lab_alive b && echo yes || echo no))"
    return 1
}
conf_pair() { local x; for x in a b; do mkdir -p "$1/$x/media"; gen_conf "$2" "$x" "$1/$x/media/keepalived.conf"; done; }
start_together() { # dir count: both nodes at the same moment, then wait until settled
    local d=$1 c=$2
    conf_pair "$d" "$c"
    lab_drop_vips a; lab_drop_vips b
    lab_start b "$impl" "$d/b" 18262
    lab_start a "$impl" "$d/a" 18261
    t_start=$(date +%s.%N)
    settle_pair "$c" || return 1
    say "$c instances started together: settled (A all VIPs, B none, for $settle s) $(awk -v a="$t_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s after the start"
}
restart_b() { # dir count: B stops, A takes everything, B starts again (BACKUP against a running master)
    local d=$1 c=$2 t0
    lab_stop b; lab_drop_vips b
    wait_until 20 settled "$c" || { say "A does not hold all VIPs after B stopped (A $(lab_vip_count a) of $c)"; return 1; }
    echo "=== vrrp-scale: B restarted ===" >>"$d/b/node.log"
    t0=$(date +%s.%N)
    lab_start b "$impl" "$d/b" 18262
    # B is up when it has logged a state for every instance since its restart
    local from; from=$(grep -n 'vrrp-scale: B restarted' "$d/b/node.log" | tail -n1 | cut -d: -f1)
    wait_until "$startup" eval '[ "$(tail -n +"${from:-1}" "$d/b/node.log" | grep -c "Entering BACKUP STATE")" -ge "$c" ]' \
        || { say "B did not log BACKUP for all $c instances within $startup s of its restart"; return 1; }
    settle_pair "$c" || return 1
    say "B restarted against the running master; settled $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s after its restart"
}
stop_pair() { lab_stop b; lab_stop a; lab_drop_vips a; lab_drop_vips b; }
pct() { # q values...: nearest rank
    local q=$1; shift
    printf '%s\n' "$@" | sort -g | awk -v q="$q" '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } i = int(q * NR); if (i < q * NR) i++; if (i < 1) i = 1; print v[i] }'
}

ok=1
echo "vrrp-scale: N=$n (K=$lab_k interfaces), advert_int $adv, window $window s, N_SMALL=$n_small; impls: $impls"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); keepalived $(keepalived -v 2>&1 | head -n1 | awk '{print $2}')$(case " $impls " in *calpe*) echo "; Calpe jar built $(date -u -r "$CALPE_JAR" '+%Y-%m-%d %H:%M UTC')" ;; esac)"
for impl in $impls; do
    echo "== $impl pair"
    d=$out/$impl/n$n
    lab_capture_start "$d/start-capture" || { say "tcpdump did not start"; ok=0; }
    if ! start_together "$d" "$n"; then ok=0; lab_capture_stop; stop_pair; continue; fi
    lab_capture_stop
    # (d) simultaneous start: B's instances that ever entered MASTER (its log), cross-checked with the capture:
    # the instances B sent adverts for (only a MASTER sends them), and each node's first advert after the start
    bm=$(grep -o '(VI_[0-9]*)[^(]*Entering MASTER STATE' "$d/b/node.log" | grep -o '^(VI_[0-9]*)' | sort -u | wc -l)
    lab_events "$d/start-capture" >"$d/start-capture/events"
    read -r bmc fa fb <<<"$(awk -v t0="$t_start" '$3 == "adv" && $2 == "b" && !(($4 " " $5) in s) { s[$4 " " $5] = 1; c++ }
        $3 == "adv" && $2 == "a" && fa == "" { fa = $1 } $3 == "adv" && $2 == "b" && fb == "" { fb = $1 }
        END { printf "%d %s %s\n", c, (fa == "" ? "-" : sprintf("%.3f", fa - t0)), (fb == "" ? "-" : sprintf("%.3f", fb - t0)) }' "$d/start-capture/events")"
    say "(d) simultaneous start: $bm of B's $n instances entered MASTER (log); B sent adverts for $bmc instances (capture); first advert after the start: A $fa s, B $fb s"
    result "$impl" start_b_instances_master b "$bm" instances
    result "$impl" start_b_instances_advertised b "$bmc" instances
    # the rest is measured after B restarts against the running master (not hostage to the start-up storm)
    if ! restart_b "$d" "$n"; then ok=0; stop_pair; continue; fi
    # (a) + (b): the window
    la=$(lab_log_lines "$d/a/node.log"); lb=$(lab_log_lines "$d/b/node.log")
    ta0=$(lab_ticks "${lab_pid[a]}"); tb0=$(lab_ticks "${lab_pid[b]}"); w0=$(date +%s.%N)
    sleep "$window"
    ta1=$(lab_ticks "${lab_pid[a]}"); tb1=$(lab_ticks "${lab_pid[b]}"); w1=$(date +%s.%N)
    read -r rss_a pss_a <<<"$(lab_mem "${lab_pid[a]}")"; read -r rss_b pss_b <<<"$(lab_mem "${lab_pid[b]}")"
    sa=$(lab_entering_after "$d/a/node.log" "$la"); sb=$(lab_entering_after "$d/b/node.log" "$lb")
    settled "$n" || say "warning: not settled at the end of the window (A $(lab_vip_count a), B $(lab_vip_count b) VIPs)"
    cpu_a=$(awk -v t=$((ta1 - ta0)) -v h="$hz" -v a="$w0" -v b="$w1" 'BEGIN { printf "%.1f", t / h / (b - a) * 100 }')
    cpu_b=$(awk -v t=$((tb1 - tb0)) -v h="$hz" -v a="$w0" -v b="$w1" 'BEGIN { printf "%.1f", t / h / (b - a) * 100 }')
    say "(a) spurious transitions in $window s: A $sa, B $sb"
    say "(b) CPU: A (master) $cpu_a %, B (backup) $cpu_b % of a core; memory: A RSS $rss_a kB (PSS $pss_a), B RSS $rss_b kB (PSS $pss_b)"
    result "$impl" spurious_transitions a "$sa" lines; result "$impl" spurious_transitions b "$sb" lines
    result "$impl" cpu a "$cpu_a" pct_core; result "$impl" cpu b "$cpu_b" pct_core
    result "$impl" rss_n a "$rss_a" kB; result "$impl" rss_n b "$rss_b" kB
    result "$impl" pss_n a "$pss_a" kB; result "$impl" pss_n b "$pss_b" kB
    # (c) crash of A's process group
    cap=$d/capture
    if ! lab_capture_start "$cap"; then
        say "(c) tcpdump did not start"; ok=0
    else
        sleep 1
        t_kill=$(date +%s.%N)
        lab_crash a
        lab_drop_vips a
        lim=$(awk -v a="$adv" -v n="$n" 'BEGIN { print int(3 * a + 10 + n / 100) }')
        wait_until "$lim" eval '[ "$(lab_vip_count b)" = "$n" ]' || say "(c) B holds only $(lab_vip_count b) of $n VIPs $lim s after the crash"
        sleep 0.5
        lab_capture_stop
        lab_events "$cap" >"$cap/events"
        # per VIP: the first gratuitous ARP from B after the kill; per instance: the last advert A sent for it
        read -r t_last moved t_all <<<"$(awk -v tk="$t_kill" '
            $2 == "a" && $3 == "adv" && $1 < tk + 1 { last = $1; la[$4 " " $5] = $1 }
            $2 == "b" && $3 == "garp" && $1 > tk + 0 && !($5 in g) { g[$5] = $1; m++; if ($1 > all) all = $1 }
            END { printf "%s %d %s\n", (last == "" ? "-" : last), m, (all == "" ? "-" : all) }' "$cap/events")"
        excesses=$(awk -v tk="$t_kill" -v per="$per_if" -v mdi="$mdi_ms" '
            $2 == "a" && $3 == "adv" && $1 < tk + 1 { la[$4 " " $5] = $1 }
            $2 == "b" && $3 == "garp" && $1 > tk + 0 && !($5 in g) {
                g[$5] = 1; split($5, o, "."); i = o[3] * 256 + o[4] - 4097
                key = int(i / per) " " (i % per + 1)
                if (key in la) printf "%.3f\n", ($1 - la[key]) * 1000 - mdi }' "$cap/events")
        adv_excesses=$(awk -v tk="$t_kill" -v mdi="$mdi_ms" '
            $2 == "a" && $3 == "adv" && $1 < tk + 1 { la[$4 " " $5] = $1 }
            $2 == "b" && $3 == "adv" && $1 > tk + 0 && !(($4 " " $5) in g) {
                g[$4 " " $5] = 1; if (($4 " " $5) in la) printf "%.3f\n", ($1 - la[$4 " " $5]) * 1000 - mdi }' "$cap/events")
        if [ "$t_last" = - ] || [ "$t_all" = - ]; then
            say "(c) no advert from A or no gratuitous ARP from B in the capture ($cap)"; ok=0
        else
            dall=$(awk -v a="$t_last" -v b="$t_all" 'BEGIN { printf "%.3f", (b - a) * 1000 }')
            verdict=$(awk -v d="$dall" -v m="$mdi_ms" -v c="$moved" -v n="$n" 'BEGIN { print (c == n && d <= m + 10 ? "met" : "NOT met") }')
            # shellcheck disable=SC2086
            say "(c) crash: $moved of $n VIPs had a gratuitous ARP from B; A's last advert -> last VIP's first gratuitous ARP $dall ms (Master_Down_Interval $mdi_ms ms + 10: $verdict); per instance excess over MDI: median $(pct 0.5 $excesses), p99 $(pct 0.99 $excesses), max $(pct 1 $excesses) ms ($(wc -w <<<"$excesses") instances)"
            # shellcheck disable=SC2086
            say "(c) per instance, A's last advert -> B's first advert, excess over MDI: median $(pct 0.5 $adv_excesses), p99 $(pct 0.99 $adv_excesses), max $(pct 1 $adv_excesses) ms"
            # how close together A's last adverts went: B's Master_Down timers expire as far apart (the shorter,
            # the more takeovers B has to make per millisecond)
            span=$(awk -v tk="$t_kill" '$2 == "a" && $3 == "adv" && $1 < tk + 1 { la[$4 " " $5] = $1 }
                END { for (k in la) { if (min == "" || la[k] < min) min = la[k]; if (la[k] > max) max = la[k] }
                      printf "%.1f", (max - min) * 1000 }' "$cap/events")
            say "(c) A's last adverts of the $n instances went out within $span ms"
            result "$impl" crash_last_adverts_span_ms a "$span" ms
            result "$impl" crash_vips_moved b "$moved" vips
            result "$impl" crash_all_vips_ms b "$dall" ms
            result "$impl" crash_all_vips_excess_ms b "$(awk -v d="$dall" -v m="$mdi_ms" 'BEGIN { printf "%.3f", d - m }')" ms
            # shellcheck disable=SC2086
            result "$impl" crash_instance_excess_p99_ms b "$(pct 0.99 $excesses)" ms
        fi
    fi
    stop_pair
    # memory per instance: the small run
    ds=$out/$impl/n$n_small
    if start_together "$ds" "$n_small"; then
        sleep "$small_wait"
        read -r srss_a spss_a <<<"$(lab_mem "${lab_pid[a]}")"; read -r srss_b spss_b <<<"$(lab_mem "${lab_pid[b]}")"
        per_a=$(awk -v x="$rss_a" -v y="$srss_a" -v n="$n" -v m="$n_small" 'BEGIN { printf "%.2f", (x - y) / (n - m) }')
        per_b=$(awk -v x="$rss_b" -v y="$srss_b" -v n="$n" -v m="$n_small" 'BEGIN { printf "%.2f", (x - y) / (n - m) }')
        ppa=$(awk -v x="$pss_a" -v y="$spss_a" -v n="$n" -v m="$n_small" 'BEGIN { printf "%.2f", (x - y) / (n - m) }')
        ppb=$(awk -v x="$pss_b" -v y="$spss_b" -v n="$n" -v m="$n_small" 'BEGIN { printf "%.2f", (x - y) / (n - m) }')
        say "(b) memory with $n_small instances: A RSS $srss_a kB, B RSS $srss_b kB; per instance: A $per_a kB (PSS $ppa), B $per_b kB (PSS $ppb)"
        result "$impl" rss_small a "$srss_a" kB; result "$impl" rss_small b "$srss_b" kB
        result "$impl" rss_per_instance a "$per_a" kB; result "$impl" rss_per_instance b "$per_b" kB
        result "$impl" pss_per_instance a "$ppa" kB; result "$impl" pss_per_instance b "$ppb" kB
    else
        ok=0
    fi
    stop_pair
done

echo
echo "Summary (N=$n, advert_int $adv, window $window s; target: 0 spurious, 0 B masters at start, all VIPs within MDI $mdi_ms + 10 ms, CPU and memory per instance no worse than keepalived's)"
printf '%-11s %9s %9s %8s %8s %9s %9s %8s %12s %10s\n' impl spur-A spur-B cpu-A% cpu-B% kB/inst-A kB/inst-B start-B-M all-VIPs-ms inst-p99
for impl in $impls; do
    g() { awk -F'\t' -v i="$impl" -v m="$1" -v n="$2" '$1 == i && $2 == m && $3 == n { print $4 }' "$results"; }
    printf '%-11s %9s %9s %8s %8s %9s %9s %8s %12s %10s\n' "$impl" "$(g spurious_transitions a)" "$(g spurious_transitions b)" \
        "$(g cpu a)" "$(g cpu b)" "$(g rss_per_instance a)" "$(g rss_per_instance b)" "$(g start_b_instances_master b)" \
        "$(g crash_all_vips_ms b)" "$(g crash_instance_excess_p99_ms b)"
done
echo "data: $results; logs and captures under $out"
[ "$ok" = 1 ]
