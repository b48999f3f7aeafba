#!/usr/bin/env bash
# VRRP interop lab: two nodes (A, priority 150; B, priority 100) on one bridge, each running keepalived or
# Calpe, watched by a client/observer namespace C that captures everything with tcpdump. Every scenario prints
# PASS/FAIL with a reason and the timings it measured from packet timestamps.
#
#   NODE_A=keepalived|calpe NODE_B=keepalived|calpe scripts/tools/vrrp-interop.sh [scenario...]
#
# Scenarios (default: all, in this order):
#   election        higher priority wins, exactly one MASTER (VIP checked with `ip -n NS addr`)
#   crash           SIGKILL of the master's process group; last advert of A -> first gratuitous ARP of B,
#                   compared with B's Master_Down_Interval
#   clean-stop      SIGTERM of the master; its priority-0 advert -> B's first gratuitous ARP, vs Skew_Time
#   preempt         A crashes, B takes over, A restarts and takes back (preempt, the default)
#   nopreempt       the same with nopreempt: A restarts and stays BACKUP, B keeps the VIP
#   preempt-delay   the same with preempt_delay: A takes back, but not before preempt_delay after its start
#   unicast         unicast_src_ip/unicast_peer: election + crash failover timing
#   v3-centi        VRRPv3 advert_int 0.1: election + crash failover timing
#   v3-centi-stop   VRRPv3 advert_int 0.1: clean stop timing
#   pass-auth       auth_type PASS on both: election + crash failover timing
#   pass-wrong      different PASS passwords: keepalived drops the other's adverts, so both become MASTER
#   advert-mismatch advert_int 1 vs 2 (v2): keepalived drops the other's adverts, so both become MASTER
#   ipv6            VRRPv3 with an IPv6 VIP: election + crash failover timing (unsolicited NA)
#
# What keepalived 2.2.7 does here (keepalived against keepalived, this lab):
# - both nodes start in BACKUP; the higher priority times out first (its Master_Down_Interval) and wins.
# - crash: the backup's first advert follows the old master's last one by Master_Down_Interval + ~0.5-1 ms,
#   its gratuitous ARPs follow its advert by ~0.2 ms (up to a few ms under load).
# - SIGTERM: the priority-0 advert leaves ~1-4 ms after the signal; the backup takes over Skew_Time later.
# - preempt: a restarted higher-priority BACKUP ignores the lower-priority master's adverts and takes over when
#   its own Master_Down_Interval runs out (restart -> takeover ~3.45 s at advert_int 1, priority 150); the old
#   master sends no advert after the new master's first one.
# - preempt_delay N: lower-priority adverts are accepted (they restart the timer) for N s after start, then
#   ignored: takeover ~N s + Master_Down_Interval after start, minus the phase (5 s -> ~7.9 s).
# - wrong auth_pass or a different advert_int: the adverts are dropped ("received an invalid passwd!"), both
#   nodes become MASTER and keep the VIP. One of them then sends adverts only rarely: its advert timer appears
#   to restart whenever a (rejected) advert arrives just before it fires, so the phase decides which one.
#
# keepalived runs as `keepalived -n -l -D -P -f CONF` with its own pid files; Calpe as
# `scripts/calpe -n -l -P --media DIR --state DIR --http-port PORT`; each in its node namespace under setsid
# (its own process group). A crash is SIGKILL of that process group.
#
# Lab (see ../shared/LAB.md): namespaces <prefix>-sw (bridge br0: STP off, forward_delay 0, mcast_snooping 0,
# ageing_time 0 so unicast adverts are flooded to the observer too), <prefix>-a, -b, -c. Every veth is created
# in the switch namespace and one end moved into a node namespace; the host's namespace is never touched.
# Addresses: 198.18.4.0/24 and 2001:db8:4::/64 only.
#
# Environment:
#   NODE_A, NODE_B        keepalived (default) or calpe
#   LAB_REPORT_DIR        JUnit XML and a timings TSV go here (default target/lab-reports)
#   TAKEOVER_TOL_MS       allowed excess of a takeover delay over the protocol timer (default 20)
#   CALPE_STARTUP_S       how long a Calpe node may take to start (default 20)
#   KEEP_SCRATCH=1        keep the scratch directory (logs, captures, configurations)
#
# Prints "N passed, N failed" last and exits 1 if anything failed, 2 on a setup error, 77 if it cannot run here.
set -uo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=../lib/common.sh
. "$here/scripts/lib/common.sh"

NODE_A=${NODE_A:-keepalived}
NODE_B=${NODE_B:-keepalived}
tol_ms=${TAKEOVER_TOL_MS:-20}
calpe_startup_s=${CALPE_STARTUP_S:-20}
all_scenarios="election crash clean-stop preempt nopreempt preempt-delay unicast v3-centi v3-centi-stop pass-auth pass-wrong advert-mismatch ipv6"
[ $# -gt 0 ] && scenarios="$*" || scenarios=$all_scenarios

for impl in "$NODE_A" "$NODE_B"; do
    case $impl in keepalived|calpe) ;; *) echo "NODE_A/NODE_B must be keepalived or calpe, not '$impl'" >&2; exit 2 ;; esac
done
for s in $scenarios; do
    case " $all_scenarios " in *" $s "*) ;; *) echo "unknown scenario '$s' (known: $all_scenarios)" >&2; exit 2 ;; esac
done
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 77; }
command -v tcpdump >/dev/null || { echo "tcpdump is not installed (apt-get install tcpdump)" >&2; exit 77; }
if [ "$NODE_A" = keepalived ] || [ "$NODE_B" = keepalived ]; then
    command -v keepalived >/dev/null || { echo "keepalived is not installed (apt-get install keepalived)" >&2; exit 77; }
fi
if [ "$NODE_A" = calpe ] || [ "$NODE_B" = calpe ]; then
    calpe_ensure_built
    export CALPE_NO_BUILD=1   # built once here; other helpers' edits must not rebuild under a running lab
fi

reports=${LAB_REPORT_DIR:-$here/target/lab-reports}
mkdir -p "$reports"
pair=$NODE_A-$NODE_B
junit=$reports/TEST-lab.vrrp-interop.$pair.xml
tsv=$reports/vrrp-interop.$pair.tsv
scratch=$(mktemp -d "${TMPDIR:-/tmp}/calpe-vrrp-interop.XXXXXX")

tag=vi$$
ns_sw=calpe-$tag-sw
declare -A ns=([a]=calpe-$tag-a [b]=calpe-$tag-b [c]=calpe-$tag-c)
declare -A mac=([a]=02:00:c6:12:04:01 [b]=02:00:c6:12:04:02 [c]=02:00:c6:12:04:03)
declare -A ip4=([a]=198.18.4.1 [b]=198.18.4.2 [c]=198.18.4.3)
declare -A ip6=([a]=2001:db8:4::1 [b]=2001:db8:4::2 [c]=2001:db8:4::3)
declare -A impl=([a]=$NODE_A [b]=$NODE_B)
declare -A prio=([a]=150 [b]=100)
declare -A port=([a]=18151 [b]=18152)
declare -A pid=([a]="" [b]="")
declare -A started=([a]=0 [b]=0)
vip4=198.18.4.100
vip6=2001:db8:4::100
td_pid=""

# --- processes -------------------------------------------------------------------------------------------------
group_alive() { [ -n "$1" ] && pgrep -g "$1" >/dev/null 2>&1; }
wait_group_gone() { # pgid seconds
    local i n=$(( $2 * 20 ))
    for ((i = 0; i < n; i++)); do group_alive "$1" || return 0; sleep 0.05; done
    return 1
}
kill_group() { # pgid: TERM, 10 s, KILL
    local g=$1
    group_alive "$g" || return 0
    kill -TERM -- "-$g" 2>/dev/null || true
    wait_group_gone "$g" 10 && return 0
    kill -KILL -- "-$g" 2>/dev/null || true
    wait_group_gone "$g" 5 || true
}

cleanup() {
    local n p
    trap - INT TERM
    for n in a b; do [ -n "${pid[$n]}" ] && kill -KILL -- "-${pid[$n]}" 2>/dev/null; done
    [ -n "$td_pid" ] && kill -KILL -- "-$td_pid" 2>/dev/null
    for n in a b c; do
        if ip netns list 2>/dev/null | grep -w >/dev/null "${ns[$n]}"; then
            for p in $(ip netns pids "${ns[$n]}" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
            ip netns del "${ns[$n]}" 2>/dev/null
        fi
    done
    ip netns list 2>/dev/null | grep -w >/dev/null "$ns_sw" && ip netns del "$ns_sw" 2>/dev/null
    if [ "${KEEP_SCRATCH:-0}" = 1 ]; then echo "scratch kept: $scratch" >&2; else rm -rf "$scratch"; fi
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM HUP

# --- the lab ---------------------------------------------------------------------------------------------------
setup_lab() {
    local n
    ip netns add "$ns_sw" || return 1
    ip -n "$ns_sw" link set lo up
    ip -n "$ns_sw" link add br0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0 ageing_time 0 || return 1
    ip -n "$ns_sw" link set br0 up
    for n in a b c; do
        ip netns add "${ns[$n]}" || return 1
        ip -n "$ns_sw" link add "sw-$n" type veth peer name eth0 address "${mac[$n]}" || return 1
        ip -n "$ns_sw" link set eth0 netns "${ns[$n]}" || return 1
        ip -n "$ns_sw" link set "sw-$n" master br0 up || return 1
        ip netns exec "${ns[$n]}" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
            net.ipv6.conf.eth0.accept_dad=0 net.ipv6.conf.all.keep_addr_on_down=1 || return 1
        ip -n "${ns[$n]}" link set lo up
        ip -n "${ns[$n]}" link set eth0 up || return 1
        ip -n "${ns[$n]}" addr add "${ip4[$n]}/24" dev eth0 || return 1
        ip -n "${ns[$n]}" addr add "${ip6[$n]}/64" dev eth0 nodad || return 1
    done
    # the link-local addresses (IPv6 adverts come from them) must be usable before anything starts
    local i
    for ((i = 0; i < 100; i++)); do
        [ -z "$(ip -n "${ns[a]}" -6 addr show dev eth0 tentative)$(ip -n "${ns[b]}" -6 addr show dev eth0 tentative)" ] \
            && ip -n "${ns[a]}" -6 addr show dev eth0 scope link | grep fe80 >/dev/null \
            && ip -n "${ns[b]}" -6 addr show dev eth0 scope link | grep fe80 >/dev/null && return 0
        sleep 0.05
    done
    return 1
}

# --- configuration ---------------------------------------------------------------------------------------------
# Scenario parameters (set by each scenario before write_confs):
#   ver 2|3, adv seconds, fam 4|6, unicast 0|1, auth_a/auth_b PASS password or "", adv_b (advert_int of B),
#   mode preempt|nopreempt|delay:N
set_params() {
    ver=2 adv=1 adv_b="" fam=4 unicast=0 auth_a="" auth_b="" mode=preempt
}
write_conf() { # node file
    local n=$1 f=$2 peer a auth my_adv
    [ "$n" = a ] && peer=b || peer=a
    [ "$n" = a ] && auth=$auth_a || auth=$auth_b
    my_adv=$adv
    [ "$n" = b ] && [ -n "$adv_b" ] && my_adv=$adv_b
    {
        echo "# vrrp-interop node $n (${impl[$n]})"
        echo "global_defs {"
        echo "    router_id interop_$n"
        echo "    vrrp_version $ver"
        echo "}"
        echo "vrrp_instance VI_1 {"
        echo "    state BACKUP"
        echo "    interface eth0"
        echo "    virtual_router_id 51"
        echo "    priority ${prio[$n]}"
        echo "    advert_int $my_adv"
        case $mode in
            nopreempt) echo "    nopreempt" ;;
            delay:*) echo "    preempt_delay ${mode#delay:}" ;;
        esac
        if [ "$unicast" = 1 ]; then
            echo "    unicast_src_ip ${ip4[$n]}"
            echo "    unicast_peer {"
            echo "        ${ip4[$peer]}"
            echo "    }"
        fi
        if [ -n "$auth" ]; then
            echo "    authentication {"
            echo "        auth_type PASS"
            echo "        auth_pass $auth"
            echo "    }"
        fi
        echo "    virtual_ipaddress {"
        [ "$fam" = 6 ] && a="$vip6/64" || a="$vip4/24"
        echo "        $a dev eth0"
        echo "    }"
        echo "}"
    } >"$f"
}
vip() { [ "$fam" = 6 ] && echo "$vip6" || echo "$vip4"; }
# (no grep -q after a pipe: with pipefail, the writer's SIGPIPE would make a match look like a failure)
has_vip() { ip -n "${ns[$1]}" -o addr show dev eth0 2>/dev/null | grep -F " $(vip)/" >/dev/null; }
drop_vips() { # node: a crashed node keeps its VIPs; remove them by address
    ip -n "${ns[$1]}" addr del "$vip4/24" dev eth0 2>/dev/null
    ip -n "${ns[$1]}" addr del "$vip6/64" dev eth0 2>/dev/null
    return 0
}

# --- nodes -----------------------------------------------------------------------------------------------------
sdir=""   # per-scenario scratch directory
start_node() { # node
    local n=$1 d=$sdir/$1
    mkdir -p "$d/media" "$d/state" "$d/run"
    [ -f "$d/media/keepalived.conf" ] || write_conf "$n" "$d/media/keepalived.conf"
    rm -f "$d/run/"*.pid
    started[$n]=$(date +%s.%N)
    if [ "${impl[$n]}" = keepalived ]; then
        setsid ip netns exec "${ns[$n]}" keepalived -n -l -D -P -f "$d/media/keepalived.conf" \
            -p "$d/run/keepalived.pid" -r "$d/run/vrrp.pid" -c "$d/run/checkers.pid" -b "$d/run/bfd.pid" \
            >>"$d/node.log" 2>&1 </dev/null &
    else
        setsid ip netns exec "${ns[$n]}" "$here/scripts/calpe" -n -l -P --media "$d/media" --state "$d/state" \
            --http-port "${port[$n]}" >>"$d/node.log" 2>&1 </dev/null &
    fi
    pid[$n]=$!
    disown "${pid[$n]}"   # reaped by pid/pgid checks; no "Killed" job reports from the shell
}
crash_node() { # node: SIGKILL the whole process group, wait until it is gone, remove the VIPs left behind
    local n=$1
    [ -n "${pid[$n]}" ] || return 0
    kill -KILL -- "-${pid[$n]}" 2>/dev/null
    wait_group_gone "${pid[$n]}" 10 || echo "  warning: process group ${pid[$n]} of node $n survives SIGKILL" >&2
    pid[$n]=""
    drop_vips "$n"
}
stop_node() { # node: SIGTERM to the main process (as an init system would), bounded wait, then the group
    local n=$1 g=${pid[$1]}
    [ -n "$g" ] || return 0
    kill -TERM "$g" 2>/dev/null
    wait_group_gone "$g" 15 || kill_group "$g"
    wait "$g" 2>/dev/null
    pid[$n]=""
}
node_alive() { group_alive "${pid[$1]}"; }
startup_s() { [ "${impl[$1]}" = calpe ] && echo "$calpe_startup_s" || echo 2; }

# --- capture ---------------------------------------------------------------------------------------------------
pcap=""
start_capture() {
    pcap=$sdir/capture.pcap
    setsid ip netns exec "${ns[c]}" tcpdump -i eth0 -nn -tt --immediate-mode -U -s 256 -w "$pcap" \
        'ip proto 112 or ip6 proto 112 or ip proto 51 or arp or icmp6' >"$sdir/tcpdump.log" 2>&1 </dev/null &
    td_pid=$!
    local i
    for ((i = 0; i < 100; i++)); do grep -q 'listening on' "$sdir/tcpdump.log" 2>/dev/null && return 0; sleep 0.05; done
    return 1
}
stop_capture() {
    [ -n "$td_pid" ] || return 0
    kill -INT "$td_pid" 2>/dev/null
    wait_group_gone "$td_pid" 5 || kill -KILL -- "-$td_pid" 2>/dev/null
    wait "$td_pid" 2>/dev/null
    td_pid=""
}
# events: "<ts> <src-mac> adv <prio>" and "<ts> <src-mac> garp <address>" (gratuitous ARP or unsolicited NA)
events() {
    tcpdump -r "$pcap" -nn -tt -e 2>/dev/null | awk -v v4="$vip4" -v v6="$vip6" '
        / VRRPv[23], Advertisement/ {
            p = ""
            for (i = 1; i < NF; i++) if ($i == "prio") { p = $(i + 1); sub(",", "", p) }
            print $1, $2, "adv", p; next }
        /ethertype ARP/ && ($0 ~ ("who-has " v4 "( \\([^)]*\\))? tell " v4 "([ ,]|$)") || $0 ~ ("Reply " v4 " is-at")) { print $1, $2, "garp", v4; next }
        /neighbor advertisement, tgt is / && $0 ~ ("tgt is " v6 "([ ,]|$)") { print $1, $2, "garp", v6; next }'
}
ev_first() { # node kind after-ts [prio]: ts of the first such event after the time, or empty
    awk -v m="${mac[$1]}" -v k="$2" -v t="$3" -v p="${4:-}" \
        '$2 == m && $3 == k && $1 > t + 0 && (p == "" || $4 == p) { print $1; exit }' "$sdir/events"
}
ev_last() { # node kind before-ts: ts of the last such event before the time, or empty
    awk -v m="${mac[$1]}" -v k="$2" -v t="$3" '$2 == m && $3 == k && $1 < t + 0 { l = $1 } END { if (l != "") print l }' "$sdir/events"
}
ev_count() { # node kind from-ts to-ts
    awk -v m="${mac[$1]}" -v k="$2" -v f="$3" -v t="$4" '$2 == m && $3 == k && $1 > f + 0 && $1 < t + 0 { c++ } END { print c + 0 }' "$sdir/events"
}
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) * 1000 }'; }
# keepalived's timers (microseconds, integer arithmetic): skew = (256 - prio) * adv / 256, MDI = 3 * adv + skew
skew_ms() { awk -v p="$1" -v a="$2" 'BEGIN { u = int(a * 1000000 + 0.5); printf "%.3f", int((256 - p) * u / 256) / 1000 }'; }
mdi_ms() { awk -v p="$1" -v a="$2" 'BEGIN { u = int(a * 1000000 + 0.5); printf "%.3f", (3 * u + int((256 - p) * u / 256)) / 1000 }'; }
within() { # value expected: true when expected - 1 ms <= value <= expected + tol
    awk -v v="$1" -v e="$2" -v t="$tol_ms" 'BEGIN { exit !(v >= e - 1 && v <= e + t) }'
}
now() { date +%s.%N; }

# --- waiting ---------------------------------------------------------------------------------------------------
wait_until() { # seconds command...: polls every 50 ms, bounded
    local s=$1 i n
    shift
    n=$(awk -v s="$s" 'BEGIN { print int(s * 20) }')
    for ((i = 0; i < n; i++)); do "$@" && return 0; sleep 0.05; done
    "$@"
}
only_master() { # node: it holds the VIP, the other live node does not
    local n=$1 o
    [ "$n" = a ] && o=b || o=a
    has_vip "$n" && ! { node_alive "$o" && has_vip "$o"; }
}
both_master() { has_vip a && has_vip b; }
settle_s() { awk -v a="$adv" 'BEGIN { print 3 * a + 1.5 }'; }   # the MDI of the slower node plus margin

# --- results ---------------------------------------------------------------------------------------------------
passed=0 failed=0 cases="" result="" detail=""
xml_escape() { printf '%s' "$1" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g'; }
note() { detail+="$*"$'\n'; echo "    $*"; }
metric() { # name value-ms expected-ms: a measured timing, also into the TSV
    local ex
    ex=$(awk -v v="$2" -v e="$3" 'BEGIN { if (e == "") print ""; else printf "%.3f", v - e }')
    note "$1: ${2} ms${3:+ (protocol timer ${3} ms, excess ${ex} ms)}"
    [ -f "$tsv" ] || { mkdir -p "$reports"; printf 'pair\tscenario\tmetric\tvalue_ms\tprotocol_timer_ms\texcess_ms\n' >"$tsv"; }
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$pair" "$scen" "$1" "$2" "${3:-}" "$ex" >>"$tsv"
}
fail() { [ -z "$result" ] && result=$*; note "failure: $*"; }
finish_scenario() {
    local secs
    secs=$(awk -v a="$scen_t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
    if [ -z "$result" ]; then
        passed=$((passed + 1))
        echo "PASS $scen (${secs} s)"
        cases+="<testcase classname=\"lab.vrrp-interop.$pair\" name=\"$scen\" time=\"$secs\"><system-out>$(xml_escape "$detail")</system-out></testcase>"
    else
        failed=$((failed + 1))
        echo "FAIL $scen: $result (${secs} s; logs $sdir)"
        cases+="<testcase classname=\"lab.vrrp-interop.$pair\" name=\"$scen\" time=\"$secs\"><failure message=\"$(xml_escape "$result")\"/><system-out>$(xml_escape "$detail")</system-out></testcase>"
        [ "${KEEP_SCRATCH:-0}" = 1 ] || for n in a b; do
            [ -s "$sdir/$n/node.log" ] && { echo "    --- node $n (${impl[$n]}) log tail:"; tail -n 8 "$sdir/$n/node.log" | sed 's/^/    | /'; }
        done
    fi
}

# --- scenario building blocks ----------------------------------------------------------------------------------
begin() { # scenario-name
    scen=$1 result="" detail="" scen_t0=$(now)
    sdir=$scratch/$scen
    echo "== $scen (A: ${impl[a]} prio ${prio[a]}, B: ${impl[b]} prio ${prio[b]})"
    mkdir -p "$sdir/a/media" "$sdir/b/media"
    write_conf a "$sdir/a/media/keepalived.conf"
    write_conf b "$sdir/b/media/keepalived.conf"
    start_capture || fail "tcpdump did not start: $(head -c 200 "$sdir/tcpdump.log")"
}
end() {
    # both at once (each takes about a second); B first so that it does not take over from A meanwhile
    [ -n "${pid[b]}" ] && kill -TERM "${pid[b]}" 2>/dev/null
    [ -n "${pid[a]}" ] && kill -TERM "${pid[a]}" 2>/dev/null
    stop_node b; stop_node a
    drop_vips a; drop_vips b
    stop_capture
    finish_scenario
}
# A node is up once its log shows its first state (keepalived and Calpe both log "(VI_1) Entering ... STATE")
node_ready() { [ -f "$sdir/$1/node.log" ] && grep -E 'Entering (BACKUP|MASTER|FAULT) STATE' "$sdir/$1/node.log" >/dev/null; }
wait_ready() { # node
    wait_until "$(startup_s "$1")" node_ready "$1" || { fail "node $1 (${impl[$1]}) did not log a VRRP state within $(startup_s "$1") s (alive: $(node_alive "$1" && echo yes || echo no))"; return 1; }
}
# start both nodes and wait until A is the only master. "together": both at once (the election scenario);
# otherwise A first and B once A is up, so that a slow start (a JVM) cannot hand the first mastership to B.
elect() { # [together]
    if [ "${1:-}" = together ]; then
        start_node b; start_node a
    else
        start_node a; wait_ready a || return 1; start_node b
    fi
    wait_ready a || return 1; wait_ready b || return 1
    local lim
    lim=$(awk -v a="$(startup_s a)" -v b="$(startup_s b)" -v s="$(settle_s)" 'BEGIN { print (a > b ? a : b) + s + 3 }')
    if ! wait_until "$lim" only_master a; then
        fail "no single MASTER A within $lim s (A vip: $(has_vip a && echo yes || echo no), B vip: $(has_vip b && echo yes || echo no), A alive: $(node_alive a && echo yes || echo no), B alive: $(node_alive b && echo yes || echo no))"
        return 1
    fi
    # stable for three adverts: A keeps the VIP, B never holds it
    local i n
    n=$(awk -v a="$adv" 'BEGIN { print int(a * 3 * 20) + 1 }')
    for ((i = 0; i < n; i++)); do
        only_master a || { fail "mastership not stable after election (A vip: $(has_vip a && echo yes || echo no), B vip: $(has_vip b && echo yes || echo no))"; return 1; }
        sleep 0.05
    done
    return 0
}
# crash A (the master), wait for B; measures A's last advert -> B's first gratuitous ARP against B's MDI
crash_failover() {
    local t_kill t_garp t_last d exp
    t_kill=$(now)
    crash_node a
    wait_until "$(awk -v a="$adv" 'BEGIN { print 3 * a + 3 }')" has_vip b || { fail "B did not take the VIP after A crashed"; return 1; }
    sleep "$(awk -v a="$adv" 'BEGIN { print a + 0.2 }')"   # a little more capture
    events >"$sdir/events"
    t_garp=$(ev_first b garp "$t_kill")
    [ -n "$t_garp" ] || { fail "no gratuitous ARP/NA from B in the capture after the crash"; return 1; }
    t_last=$(ev_last a adv "$t_garp")
    [ -n "$t_last" ] || { fail "no advert from A in the capture before B's takeover"; return 1; }
    d=$(ms "$t_last" "$t_garp")
    exp=$(mdi_ms "${prio[b]}" "$adv")
    metric "crash takeover (A last advert -> B first gratuitous ARP)" "$d" "$exp"
    local t_adv
    t_adv=$(ev_first b adv "$t_last")
    [ -n "$t_adv" ] && metric "crash takeover (A last advert -> B first advert)" "$(ms "$t_last" "$t_adv")" "$exp"
    metric "crash -> B first gratuitous ARP (phase-dependent)" "$(ms "$t_kill" "$t_garp")" ""
    within "$d" "$exp" || fail "crash takeover took $d ms, Master_Down_Interval is $exp ms (tolerance -1/+$tol_ms ms)"
    [ "$(ev_count a adv "$t_kill" 9e12)" = 0 ] || fail "A sent adverts after SIGKILL of its process group"
    has_vip a && fail "A still holds the VIP"
    return 0
}
clean_stop() { # SIGTERM A; measures A's priority-0 advert -> B's first gratuitous ARP against B's skew time
    local t_term t0 t_garp d exp
    t_term=$(now)
    stop_node a
    wait_until "$(awk -v a="$adv" 'BEGIN { print 3 * a + 3 }')" has_vip b || { fail "B did not take the VIP after A stopped"; return 1; }
    sleep 0.3
    events >"$sdir/events"
    t0=$(ev_first a adv "$t_term" 0)
    [ -n "$t0" ] || { fail "A sent no priority-0 advert on SIGTERM"; return 1; }
    t_garp=$(ev_first b garp "$t_term")
    [ -n "$t_garp" ] || { fail "no gratuitous ARP/NA from B after A stopped"; return 1; }
    d=$(ms "$t0" "$t_garp")
    exp=$(skew_ms "${prio[b]}" "$adv")
    metric "SIGTERM -> A priority-0 advert" "$(ms "$t_term" "$t0")" ""
    metric "clean takeover (A priority-0 advert -> B first gratuitous ARP)" "$d" "$exp"
    within "$d" "$exp" || fail "takeover after priority 0 took $d ms, Skew_Time is $exp ms (tolerance -1/+$tol_ms ms)"
    has_vip a && fail "A kept the VIP after a clean stop"
    return 0
}
# elect, crash A, B takes over; then A restarts (t_restart). Leaves A running.
crash_and_restart() {
    elect || return 1
    crash_node a
    wait_until "$(awk -v a="$adv" 'BEGIN { print 3 * a + 3 }')" has_vip b || { fail "B did not take over after A crashed"; return 1; }
    sleep 0.5
    t_restart=$(now)
    start_node a
    wait_ready a
}

# --- scenarios -------------------------------------------------------------------------------------------------
sc_election() {
    set_params; begin election
    if elect together; then
        stop_capture; events >"$sdir/events"
        local ta
        ta=$(ev_first a garp 0)
        [ -n "$ta" ] && metric "A start -> A first gratuitous ARP" "$(ms "${started[a]}" "$ta")" "" || fail "no gratuitous ARP from A"
        local tl
        tl=$(awk -v a="$adv" -v t="$ta" 'BEGIN { printf "%.6f", t + a * 1.5 }')
        [ "$(ev_count b adv "$tl" 9e12)" = 0 ] || fail "B still sends adverts while A is MASTER"
        [ "$(ev_count a adv "$ta" 9e12)" -ge 2 ] || fail "A sent fewer than 2 adverts as MASTER"
    fi
    end
}
sc_crash() { set_params; begin crash; elect && crash_failover; end; }
sc_clean_stop() { set_params; begin clean-stop; elect && clean_stop; end; }
preempt_common() { # expect-takeover 0|1 [min-seconds]
    local want=$1 min=${2:-0} lim ta
    crash_and_restart || return 1
    if [ "$want" = 1 ]; then
        lim=$(awk -v s="$(startup_s a)" -v x="$(settle_s)" -v m="$min" 'BEGIN { print s + x + m + 2 }')
        wait_until "$lim" only_master a || { fail "A did not take back the VIP within $lim s of its restart (B vip: $(has_vip b && echo yes || echo no))"; return 1; }
        sleep "$(awk -v a="$adv" 'BEGIN { print 2 * a }')"
        only_master a || fail "mastership not stable after A took back"
        events >"$sdir/events"
        ta=$(ev_first a garp "$t_restart")
        [ -n "$ta" ] || { fail "no gratuitous ARP from A after its restart"; return 1; }
        local d tfa tlb
        d=$(ms "$t_restart" "$ta")
        metric "A restart -> A first gratuitous ARP" "$d" ""
        tfa=$(ev_first a adv "$t_restart")
        tlb=$(ev_last b adv "${tfa:-9e12}")
        [ -n "$tfa" ] && [ -n "$tlb" ] && metric "B last advert -> A first advert" "$(ms "$tlb" "$tfa")" ""
        [ -n "$tfa" ] && note "B adverts after A's first advert: $(ev_count b adv "$tfa" 9e12)"
        [ -n "$tfa" ] && [ "$(ev_count b adv "$(awk -v t="$tfa" -v a="$adv" 'BEGIN { printf "%.6f", t + a }')" 9e12)" != 0 ] \
            && fail "B kept sending adverts more than one interval after A's first advert"
        if [ "$min" != 0 ]; then
            awk -v d="$d" -v m="$min" 'BEGIN { exit !(d >= m * 1000) }' \
                || fail "A took back after $d ms, before preempt_delay $min s"
        fi
    else
        lim=$(awk -v x="$(settle_s)" 'BEGIN { print 2 * x }')   # A is up (wait_ready): twice its MDI and more
        local i n
        n=$(awk -v l="$lim" 'BEGIN { print int(l * 20) }')
        for ((i = 0; i < n; i++)); do
            has_vip a && { fail "A took the VIP despite nopreempt"; break; }
            has_vip b || { fail "B lost the VIP"; break; }
            sleep 0.05
        done
        node_alive a || fail "A is not running"
        events >"$sdir/events"
        [ "$(ev_count a adv "$t_restart" 9e12)" = 0 ] || fail "A sent adverts after its restart (nopreempt)"
        note "A watched for $lim s after restart: stayed BACKUP, B kept the VIP"
    fi
}
sc_preempt() { set_params; begin preempt; preempt_common 1; end; }
sc_nopreempt() { set_params; mode=nopreempt; begin nopreempt; preempt_common 0; end; }
sc_preempt_delay() { set_params; mode=delay:5; begin preempt-delay; preempt_common 1 5; end; }
sc_unicast() { set_params; unicast=1; begin unicast; elect && crash_failover; end; }
sc_v3_centi() { set_params; ver=3 adv=0.1; begin v3-centi; elect && crash_failover; end; }
sc_v3_centi_stop() { set_params; ver=3 adv=0.1; begin v3-centi-stop; elect && clean_stop; end; }
sc_pass_auth() { set_params; auth_a=secret1 auth_b=secret1; begin pass-auth; elect && crash_failover; end; }
both_master_common() { # what: keepalived drops the other's adverts, so both end up MASTER
    local lim i n
    start_node b; start_node a
    wait_ready a || return 1; wait_ready b || return 1
    lim=$(awk -v a="$(startup_s a)" -v b="$(startup_s b)" -v s="$(settle_s)" 'BEGIN { print (a > b ? a : b) + s + 3 }')
    wait_until "$lim" both_master || { fail "expected both nodes MASTER ($1), A vip: $(has_vip a && echo yes || echo no), B vip: $(has_vip b && echo yes || echo no)"; return 1; }
    n=$(awk -v a="$adv" 'BEGIN { print int(3 * a * 20) }')
    for ((i = 0; i < n; i++)); do both_master || { fail "not both MASTER for 3 intervals"; return 1; }; sleep 0.05; done
    events >"$sdir/events"
    note "both MASTER: A sent $(ev_count a adv 0 9e12) adverts, B $(ev_count b adv 0 9e12)"
}
sc_pass_wrong() { set_params; auth_a=secret1 auth_b=wrongpw; begin pass-wrong; both_master_common "different auth_pass"; end; }
sc_advert_mismatch() { set_params; adv_b=2; begin advert-mismatch; both_master_common "advert_int 1 vs 2"; end; }
sc_ipv6() { set_params; ver=3 fam=6; begin ipv6; elect && crash_failover; end; }

# --- main ------------------------------------------------------------------------------------------------------
echo "VRRP interop lab: A=${impl[a]} B=${impl[b]}, scenarios: $scenarios"
setup_lab || { echo "cannot build the lab" >&2; exit 2; }
rm -f "$tsv"
t_suite=$(now)
for s in $scenarios; do
    "sc_${s//-/_}"
done
secs=$(awk -v a="$t_suite" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
mkdir -p "$reports"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="lab.vrrp-interop.%s" tests="%d" failures="%d" errors="0" skipped="0" time="%s">%s</testsuite>\n' \
    "$pair" $((passed + failed)) "$failed" "$secs" "$cases" >"$junit"
echo "report $junit, timings $tsv"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
