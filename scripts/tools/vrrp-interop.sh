#!/usr/bin/env bash
# VRRP interop lab: two nodes (A, priority 150; B, priority 100) on one bridge, each running keepalived or
# Calpe, watched by a client/observer namespace C that captures everything with tcpdump. Every scenario prints
# PASS/FAIL with a reason and the timings it measured from packet timestamps.
#
#   NODE_A=keepalived|calpe NODE_B=keepalived|calpe scripts/tools/vrrp-interop.sh [scenario...]
#
# Scenarios (default: all but the last four, in this order):
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
#   ah-auth         auth_type AH on both: election, crash failover timing, then A restarts (its AH sequence
#                   numbers start again) and takes back: each accepts the other's adverts
#   ah-wrong        different AH passwords: the adverts are rejected, so both become MASTER
#   track-weight    vrrp_script chk_file (interval 1, fall 2, rise 2, weight -60) on A fails: B takes over one
#                   Master_Down_Interval after A's last priority-150 advert; it passes again: A preempts one
#                   Master_Down_Interval after the last advert of B it accepted; both within interval * fall
#                   (rise) + Master_Down_Interval of the change
#   sync-group      VI_1 and VI_2 in vrrp_sync_group G1, VI_1 tracks eth1 (a second veth): A's eth1 down moves
#                   both instances to B together (priority-0 adverts for both), eth1 up moves both back
#   notify-argv     notify_master/backup/fault and notify scripts on both nodes: the argv of every run, step by
#                   step (start, election, FAULT, recovery, SIGTERM), equals keepalived 2.2.7's (a golden below),
#                   and every script ran in the ordinary scheduling class (SCHED_OTHER), as keepalived's
#   ah-wrong-log    ah-wrong, and each node logs "IPSEC-AH : invalid IPSEC HMAC-MD5 value..." once per rejected
#                   advert (keepalived does so at INFO, also without -D)
#   notify-fifo     notify-argv with notify_fifo: the FIFO lines equal keepalived's too
#   link-loss       the master loses its link (LINK_LOSS_AT=node: `ip link set eth0 down` in A's namespace, the
#                   default; switch: A's veth peer in the switch goes down): last advert of A -> first
#                   gratuitous ARP of B vs B's Master_Down_Interval; A drops the VIP; link up: A takes back
#   v3-milli        VRRPv3 advert_int 0.01: election + crash failover timing
#   v3-milli-stop   VRRPv3 advert_int 0.01: clean stop timing
#   v3-centi-link   VRRPv3 advert_int 0.1: link-loss timing (as link-loss)
#   v3-milli-link   VRRPv3 advert_int 0.01: link-loss timing (as link-loss)
#   vmac            use_vmac on both: each node creates vrrp.51 (private macvlan, MAC 00:00:5e:00:01:33) on eth0;
#                   the VIP sits on it, adverts and gratuitous ARPs leave with the VMAC as source MAC; crash of A:
#                   B takes over within Master_Down_Interval (A's last advert by source IP -> first gratuitous
#                   ARP); A restarts, adopts the VMAC the crash left and takes back; SIGTERM removes the VMACs
#   vmac-xmit-base  the same with vmac_xmit_base: adverts leave from eth0's own MAC, gratuitous ARPs from the VMAC
#   unicast-oldcsum VRRPv3 unicast, only A has old_unicast_checksum (224.0.0.18 in the checksum's pseudo-header):
#                   B switches on A's first advert ("(VI_1) Setting unicast VRRPv3 checksum to old version") and
#                   accepts it; election + crash failover timing, no "Invalid VRRPv3 checksum" on B
#   track-file      VI_1 tracks track_file tf_prio (the node's file "prio", weight -60, init_file 0 overwrite): A
#                   writes 1 into it, its priority drops to 90 at once, B takes over one Master_Down_Interval after
#                   A's last priority-150 advert; A writes 0: A preempts one Master_Down_Interval after B's last
#                   advert it accepted
#   vmac6           vmac with VRRPv3 and an IPv6 VIP: MAC 00:00:5e:00:02:33, adverts from eth0's link-local
#                   address (which the VMAC carries too, deprecated)
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
#   Every rejected advert is logged, also without -D: "(VI_1) received an invalid passwd!", for AH
#   "(VI_1) IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !".
# - AH: a restarted node's sequence numbers start again and the peer (MASTER) accepts them.
# - track_script weight: a MASTER whose priority drops sends no extra advert (the next one carries the new
#   priority); the BACKUP discards lower-priority adverts and takes over one Master_Down_Interval after the last
#   full-priority one; the old MASTER turns BACKUP on its first advert. A BACKUP whose priority rises above the
#   MASTER's logs "received lower priority (100) advert ... - discarding" and takes over one Master_Down_Interval
#   (at its new priority) after the last advert it accepted: no faster preemption.
# - sync group FAULT: priority-0 adverts for every member at once (the first member's twice); the peer's members
#   take over together, a few ms apart (tens under load).
# - notify: at start "backup" runs too; FAULT passes the configured priority (150, not 0); SIGTERM runs the
#   generic notify with STOP; quoted words in a notify_* command stay one argument. notify_fifo gets
#   'INSTANCE "VI_1" <STATE> <priority>' for the same transitions.
# - `keepalived -t` exits 6 when scripts are configured without enable_script_security (keepalived runs them
#   anyway; Calpe applies nothing): configurations with scripts set enable_script_security and script_user root.
#
# Guest stalls: a SCHED_FIFO 99 prober per CPU (scripts/lib/stall-probe.py) runs through each scenario and logs
# every wake-up over 5 ms late; when every CPU's prober was late at once, the whole VM stood still (a CI machine's
# host paused it; keepalived, itself the backup, once took over 63 ms late there, against ~1 ms in every run here).
# One CPU's prober alone is late more often (within 47 of 180 keepalived takeovers in a 20-run bench, 0.1-7.1 ms
# of the takeover), which does not count. A takeover over the tolerance by no more than the guest's standstill
# between the two packets measured fails that run and the scenario runs once more ("AGAIN"; the JUnit output keeps
# the first run's verdict); a second such run, or a late takeover the standstill does not explain, fails.
#
# keepalived runs as `keepalived -n -l -D -P -f CONF` with its own pid files; Calpe as
# `scripts/calpe -n -l -P --media DIR --state DIR --http-port PORT`; each in its node namespace under setsid
# (its own process group). A crash is SIGKILL of that process group.
#
# Lab (see ../shared/LAB.md): namespaces <prefix>-sw (bridge br0: STP off, forward_delay 0, mcast_snooping 0,
# ageing_time 0 so unicast adverts are flooded to the observer too), <prefix>-a, -b, -c. Every veth is created
# in the switch namespace and one end moved into a node namespace; the host's namespace is never touched.
# A and B also have eth1, a veth whose peer stays unbridged in the switch namespace (the tracked interface).
# Addresses: 198.18.4.0/24 and 2001:db8:4::/64 only.
#
# Environment:
#   NODE_A, NODE_B        keepalived (default) or calpe
#   LAB_REPORT_DIR        JUnit XML and a timings TSV go here (default target/lab-reports)
#   TAKEOVER_TOL_MS       allowed excess of a takeover delay over the protocol timer (default 20)
#   CALPE_STARTUP_S       how long a Calpe node may take to start (default 20)
#   KEEP_SCRATCH=1        keep the scratch directory (logs, captures, configurations)
#   LINK_LOSS_AT          link-loss: node (A's eth0 down, the default) or switch (its peer sw-a down)
#   NOTIFY_RECORD=DIR     notify-argv/-fifo: write each node's normalised lines there (to refresh the goldens
#                         from a keepalived-keepalived run)
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
default_scenarios="election crash clean-stop preempt nopreempt preempt-delay unicast v3-centi v3-centi-stop pass-auth pass-wrong advert-mismatch ipv6 ah-auth ah-wrong track-weight sync-group notify-argv"
all_scenarios="$default_scenarios ah-wrong-log notify-fifo link-loss v3-milli v3-milli-stop v3-centi-link v3-milli-link track-file unicast-oldcsum vmac vmac-xmit-base vmac6"
[ $# -gt 0 ] && scenarios="$*" || scenarios=$default_scenarios

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
declare -A logmark=([a]=0 [b]=0)   # lines of node.log before the node's latest start
vip4=198.18.4.100
vip4b=198.18.4.101   # VI_2's (sync-group)
vip6=2001:db8:4::100
td_pid="" probe_pid=""

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
    [ -n "$probe_pid" ] && kill -KILL "$probe_pid" 2>/dev/null
    [ -n "${fifo_pid:-}" ] && kill -KILL -- "-$fifo_pid" 2>/dev/null
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
    # eth1 on A and B: a veth whose peer stays unbridged in the switch; the tracked interface that is set down
    for n in a b; do
        ip -n "$ns_sw" link add "tr-$n" type veth peer name eth1 || return 1
        ip -n "$ns_sw" link set eth1 netns "${ns[$n]}" || return 1
        ip -n "$ns_sw" link set "tr-$n" up || return 1
        ip -n "${ns[$n]}" link set eth1 up || return 1
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
#   ver 2|3, adv seconds, fam 4|6, unicast 0|1, auth_a/auth_b password or "" (auth_kind PASS|AH), adv_b
#   (advert_int of B), mode preempt|nopreempt|delay:N, insts (VI_1, or "VI_1 VI_2" in sync group G1),
#   track_script 0|1 (vrrp_script chk_file with weight -60 on VI_1), track_if 0|1 (track_interface eth1 on
#   VI_1), notify 0|1 (notify_master/backup/fault and notify on every instance), fifo 0|1 (notify_fifo)
set_params() {
    ver=2 adv=1 adv_b="" fam=4 unicast=0 auth_a="" auth_b="" auth_kind=PASS mode=preempt
    insts=VI_1 track_script=0 track_if=0 notify=0 fifo=0
    vmac=0 vmac_xmit=0 vip_dev=eth0
    track_file=0 old_csum_a=0
}
# track_file tf_prio: the node's file "prio", read as a number, times the weight
tf_weight=-60
# vrrp_script chk_file: fails while the node's file "down" exists
chk_interval=1 chk_fall=2 chk_rise=2 chk_weight=-60
inst_vrid() { echo $((50 + ${1#VI_})); }              # VI_1 -> 51, VI_2 -> 52
inst_vip4() { echo "198.18.4.$((99 + ${1#VI_}))"; }  # VI_1 -> 198.18.4.100 (= $vip4), VI_2 -> .101
# The node's helper scripts: check.sh (chk_file) and notify.sh, which appends one line per run (the basename of
# argv[0], then every argument after a '|') to notify.log under a lock: a node may run several at once; and its
# scheduling policy (field 41 of /proc/PID/stat, 0 = SCHED_OTHER) to sched.log.
write_scripts() { # node
    local d=$sdir/$1
    mkdir -p "$d"
    printf '#!/bin/sh\n[ ! -e "%s/down" ]\n' "$d" >"$d/check.sh"
    printf '%s\n' '#!/bin/sh' 'd=$(dirname "$0")' 'line=$(basename "$0")' \
        'for a in "$@"; do line="$line|$a"; done' \
        '{ flock 9; printf "%s\n" "$line" >>"$d/notify.log"; } 9>>"$d/notify.lock"' \
        'cut -d")" -f2- /proc/$$/stat | awk "{ print \$39 }" >>"$d/sched.log"' >"$d/notify.sh"
    chmod 0755 "$d/check.sh" "$d/notify.sh"
}
write_conf() { # node file
    local n=$1 f=$2 peer a auth my_adv d=$sdir/$1 i
    [ "$n" = a ] && peer=b || peer=a
    [ "$n" = a ] && auth=$auth_a || auth=$auth_b
    my_adv=$adv
    [ "$n" = b ] && [ -n "$adv_b" ] && my_adv=$adv_b
    {
        echo "# vrrp-interop node $n (${impl[$n]})"
        echo "global_defs {"
        echo "    router_id interop_$n"
        echo "    vrrp_version $ver"
        # without script security keepalived runs the scripts but `keepalived -t` exits 6 and Calpe applies nothing
        if [ "$track_script" = 1 ] || [ "$notify" = 1 ]; then
            echo "    enable_script_security"
            echo "    script_user root"
        fi
        [ "$fifo" = 1 ] && echo "    notify_fifo $d/notify.fifo"
        echo "}"
        if [ "$track_script" = 1 ]; then
            echo "vrrp_script chk_file {"
            echo "    script \"$d/check.sh\""
            echo "    interval $chk_interval"
            echo "    fall $chk_fall"
            echo "    rise $chk_rise"
            echo "    weight $chk_weight"
            echo "}"
        fi
        if [ "$track_file" = 1 ]; then
            echo "track_file tf_prio {"
            echo "    file \"$d/prio\""
            echo "    weight $tf_weight"
            echo "    init_file 0 overwrite"
            echo "}"
        fi
        if [ "$insts" != VI_1 ]; then
            echo "vrrp_sync_group G1 {"
            echo "    group {"
            for i in $insts; do echo "        $i"; done
            echo "    }"
            echo "}"
        fi
        for i in $insts; do
            echo "vrrp_instance $i {"
            echo "    state BACKUP"
            echo "    interface eth0"
            echo "    virtual_router_id $(inst_vrid "$i")"
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
                echo "        auth_type $auth_kind"
                echo "        auth_pass $auth"
                echo "    }"
            fi
            if [ "$i" = VI_1 ] && [ "$track_script" = 1 ]; then
                echo "    track_script {"
                echo "        chk_file"
                echo "    }"
            fi
            [ "$n" = a ] && [ "$old_csum_a" = 1 ] && echo "    old_unicast_checksum"
            if [ "$i" = VI_1 ] && [ "$track_file" = 1 ]; then
                echo "    track_file {"
                echo "        tf_prio"
                echo "    }"
            fi
            if [ "$i" = VI_1 ] && [ "$track_if" = 1 ]; then
                echo "    track_interface {"
                echo "        eth1"
                echo "    }"
            fi
            [ "$vmac" = 1 ] && echo "    use_vmac"
            [ "$vmac_xmit" = 1 ] && echo "    vmac_xmit_base"
            if [ "$notify" = 1 ]; then
                echo "    notify_master \"$d/notify.sh master 'two words' x\""
                echo "    notify_backup \"$d/notify.sh backup\""
                echo "    notify_fault \"$d/notify.sh fault\""
                echo "    notify $d/notify.sh"
            fi
            echo "    virtual_ipaddress {"
            [ "$fam" = 6 ] && a="$vip6/64" || a="$(inst_vip4 "$i")/24"
            echo "        $a dev eth0"
            echo "    }"
            echo "}"
        done
    } >"$f"
}
vip() { [ "$fam" = 6 ] && echo "$vip6" || echo "$vip4"; }
# (no grep -q after a pipe: with pipefail, the writer's SIGPIPE would make a match look like a failure)
has_vip() { ip -n "${ns[$1]}" -o addr show dev "${vip_dev:-eth0}" 2>/dev/null | grep -F " $(vip)/" >/dev/null; }
has_addr() { ip -n "${ns[$1]}" -o addr show dev eth0 2>/dev/null | grep -F " $2/" >/dev/null; } # node address
drop_vips() { # node: a crashed node keeps its VIPs; remove them by address
    ip -n "${ns[$1]}" addr del "$vip4/24" dev eth0 2>/dev/null
    ip -n "${ns[$1]}" addr del "$vip4b/24" dev eth0 2>/dev/null
    ip -n "${ns[$1]}" addr del "$vip6/64" dev eth0 2>/dev/null
    if [ "${vip_dev:-eth0}" != eth0 ]; then   # use_vmac: the VMAC a crash leaves keeps the VIP
        ip -n "${ns[$1]}" addr del "$vip4/24" dev "$vip_dev" 2>/dev/null
        ip -n "${ns[$1]}" addr del "$vip6/64" dev "$vip_dev" 2>/dev/null
    fi
    return 0
}

# --- nodes -----------------------------------------------------------------------------------------------------
sdir=""   # per-scenario scratch directory
start_node() { # node
    local n=$1 d=$sdir/$1
    mkdir -p "$d/media" "$d/state" "$d/run"
    [ -f "$d/media/keepalived.conf" ] || write_conf "$n" "$d/media/keepalived.conf"
    rm -f "$d/run/"*.pid
    logmark[$n]=0
    [ -f "$d/node.log" ] && logmark[$n]=$(wc -l <"$d/node.log")
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
crash_node() { # node: SIGKILL the whole process group (sets killed_at), wait until it is gone, remove the VIPs left behind
    local n=$1
    [ -n "${pid[$n]}" ] || return 0
    kill -KILL -- "-${pid[$n]}" 2>/dev/null
    killed_at=$EPOCHREALTIME   # SIGKILL is pending on every process of the group from here on
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
# events: "<ts> <src-mac> adv <prio> <vrid>" and "<ts> <src-mac> garp <address>" (gratuitous ARP or unsolicited
# NA; for $vip4, $vip4b and $vip6). AH-authenticated adverts are seen as "AH(spi=...,seq=...): VRRPv2, ...".
events() {
    tcpdump -r "$pcap" -nn -tt -e 2>/dev/null | awk -v v4="$vip4" -v v4b="$vip4b" -v v6="$vip6" '
        / VRRPv[23], Advertisement/ {
            p = ""; r = ""
            for (i = 1; i < NF; i++) {
                if ($i == "prio") { p = $(i + 1); sub(",", "", p) }
                if ($i == "vrid") { r = $(i + 1); sub(",", "", r) }
            }
            print $1, $2, "adv", p, r; next }
        /ethertype ARP/ && ($0 ~ ("who-has " v4 "( \\([^)]*\\))? tell " v4 "([ ,]|$)") || $0 ~ ("Reply " v4 " is-at")) { print $1, $2, "garp", v4; next }
        /ethertype ARP/ && ($0 ~ ("who-has " v4b "( \\([^)]*\\))? tell " v4b "([ ,]|$)") || $0 ~ ("Reply " v4b " is-at")) { print $1, $2, "garp", v4b; next }
        /neighbor advertisement, tgt is / && $0 ~ ("tgt is " v6 "([ ,]|$)") { print $1, $2, "garp", v6; next }'
}
ev_first() { # node kind after-ts [prio|address] [vrid]: ts of the first such event after the time, or empty
    awk -v m="${mac[$1]}" -v k="$2" -v t="$3" -v p="${4:-}" -v r="${5:-}" \
        '$2 == m && $3 == k && $1 > t + 0 && (p == "" || $4 == p) && (r == "" || $5 == r) { print $1; exit }' "$sdir/events"
}
ev_last() { # node kind before-ts [prio] [vrid]: ts of the last such event before the time, or empty
    awk -v m="${mac[$1]}" -v k="$2" -v t="$3" -v p="${4:-}" -v r="${5:-}" \
        '$2 == m && $3 == k && $1 < t + 0 && (p == "" || $4 == p) && (r == "" || $5 == r) { l = $1 } END { if (l != "") print l }' "$sdir/events"
}
ev_count() { # node kind from-ts to-ts [vrid]
    awk -v m="${mac[$1]}" -v k="$2" -v f="$3" -v t="$4" -v r="${5:-}" \
        '$2 == m && $3 == k && $1 > f + 0 && $1 < t + 0 && (r == "" || $5 == r) { c++ } END { print c + 0 }' "$sdir/events"
}
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) * 1000 }'; }
# keepalived's timers (microseconds, integer arithmetic): skew = (256 - prio) * adv / 256, MDI = 3 * adv + skew
skew_ms() { awk -v p="$1" -v a="$2" 'BEGIN { u = int(a * 1000000 + 0.5); printf "%.3f", int((256 - p) * u / 256) / 1000 }'; }
mdi_ms() { awk -v p="$1" -v a="$2" 'BEGIN { u = int(a * 1000000 + 0.5); printf "%.3f", (3 * u + int((256 - p) * u / 256)) / 1000 }'; }
within() { # value expected: true when expected - 1 ms <= value <= expected + tol
    awk -v v="$1" -v e="$2" -v t="$tol_ms" 'BEGIN { exit !(v >= e - 1 && v <= e + t) }'
}
# The guest stall probe (see "Guest stalls" above) runs through each scenario: while every CPU's prober was late,
# nothing in the VM ran, neither node nor the kernel's timers.
start_probe() {
    : >"$sdir/stalls.raw"
    chrt -f 99 python3 "$here/scripts/lib/stall-probe.py" "$sdir/stalls.raw" 900 >/dev/null 2>&1 </dev/null &
    probe_pid=$!
}
stop_probe() {
    [ -n "$probe_pid" ] || return 0
    kill "$probe_pid" 2>/dev/null; wait "$probe_pid" 2>/dev/null
    probe_pid=""
}
stood_still_ms() { # from-ts to-ts: how long the whole guest stood still between the two times
    python3 "$here/scripts/lib/stall-probe.py" --guest "$sdir/stalls.raw" "$1" "$2"
}
timed() { # value-ms expected-ms from-ts to-ts message: fails with the message unless the value is within the
    # tolerance; a value late only by the guest's standstill between the two times marks the run for a second one
    local st
    st=$(stood_still_ms "$3" "$4")
    [ "$st" = 0.0 ] || metric "guest standstill within that takeover" "$st" ""
    within "$1" "$2" && return 0
    if awk -v v="$1" -v e="$2" -v t="$tol_ms" -v s="$st" 'BEGIN { exit !(v > e + t && v - s <= e + t) }'; then
        [ -z "$result" ] && result=$5
        note "failure: $5; the whole guest stood still for $st ms of it"
        stalled=1
    else
        fail "$5 (the guest stood still for $st ms of it)"
    fi
}
now() { date +%s.%N; }

# --- waiting ---------------------------------------------------------------------------------------------------
now_us() { local t=$EPOCHREALTIME; echo $((10#${t//[!0-9]/})); }
wait_until() { # seconds command...: polls every 50 ms until `seconds` of wall-clock time have passed (the
    # time the checks themselves take counts, so a limit means the same on a fast and a slow machine)
    local s=$1 i n end
    shift
    end=$(( $(now_us) + $(awk -v s="$s" 'BEGIN { printf "%d", s * 1000000 }') ))
    n=$(awk -v s="$s" 'BEGIN { print int(s * 20) + 1 }')
    for ((i = 0; i < n; i++)); do
        "$@" && return 0
        [ "$(now_us)" -lt "$end" ] || return 1
        sleep 0.05
    done
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
fail() { [ -z "$result" ] && result=$*; hard=1; note "failure: $*"; }
finish_scenario() {
    local secs
    secs=$(awk -v a="$scen_t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
    if [ -n "$result" ] && [ "$stalled" = 1 ] && [ "$hard" = 0 ] && [ "$retried" = 0 ]; then
        retry=1
        echo "AGAIN $scen: $result, but the whole guest stood still for the excess (${secs} s; logs $sdir.1)"
        retry_notes="first run: $result; guest standstills (every CPU's RT-99 prober > 5 ms late at once): $(python3 "$here/scripts/lib/stall-probe.py" --guest "$sdir/stalls.raw" | awk '$2 > m { m = $2 } END { printf "%d, longest %.1f", NR, m }') ms"$'\n'
        rm -rf "$sdir.1"; mv "$sdir" "$sdir.1"
        return 0
    fi
    detail="$retry_notes$detail"
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
    scen=$1 result="" detail="" scen_t0=$(now) hard=0 stalled=0
    sdir=$scratch/$scen
    echo "== $scen (A: ${impl[a]} prio ${prio[a]}, B: ${impl[b]} prio ${prio[b]})"
    mkdir -p "$sdir/a/media" "$sdir/b/media"
    write_scripts a; write_scripts b
    write_conf a "$sdir/a/media/keepalived.conf"
    write_conf b "$sdir/b/media/keepalived.conf"
    start_capture || fail "tcpdump did not start: $(head -c 200 "$sdir/tcpdump.log")"
    start_probe
}
end() {
    # both at once (each takes about a second); B first so that it does not take over from A meanwhile
    [ -n "${pid[b]}" ] && kill -TERM "${pid[b]}" 2>/dev/null
    [ -n "${pid[a]}" ] && kill -TERM "${pid[a]}" 2>/dev/null
    stop_node b; stop_node a
    drop_vips a; drop_vips b
    ip -n "${ns[a]}" link set eth1 up; ip -n "${ns[b]}" link set eth1 up
    stop_capture
    stop_probe
    finish_scenario
}
# A node is up once its log shows its first state (keepalived and Calpe both log "(VI_1) Entering ... STATE")
# (node.log collects every run of a node: only the lines of its latest start count)
node_ready() { [ -f "$sdir/$1/node.log" ] && tail -n "+$((logmark[$1] + 1))" "$sdir/$1/node.log" | grep -E 'Entering (BACKUP|MASTER|FAULT) STATE' >/dev/null; }
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
    t_kill=$(now) killed_at=""
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
    timed "$d" "$exp" "$t_last" "$t_garp" "crash takeover took $d ms, Master_Down_Interval is $exp ms (tolerance -1/+$tol_ms ms)"
    # t_kill is read before the kill is issued (a fork of date earlier): an advert due meanwhile is A's right
    local early k=${killed_at:-$t_kill}
    early=$(ev_count a adv "$t_kill" "$k")
    [ "$early" = 0 ] || note "A sent $early advert(s) while the kill was being issued"
    [ "$(ev_count a adv "$k" 9e12)" = 0 ] \
        || fail "A sent adverts after SIGKILL of its process group ($(ms "$k" "$(ev_first a adv "$k")") ms after the kill)"
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
    timed "$d" "$exp" "$t0" "$t_garp" "takeover after priority 0 took $d ms, Skew_Time is $exp ms (tolerance -1/+$tol_ms ms)"
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
        lim=$(awk -v x="$(settle_s)" -v m="$min" 'BEGIN { print x + m + 2 }')   # A is up (wait_ready)
        wait_until "$lim" only_master a || { fail "A did not take back the VIP within $lim s of being up again (B vip: $(has_vip b && echo yes || echo no))"; return 1; }
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

# --- AH ----------------------------------------------------------------------------------------------------------
# After crash_failover (B is MASTER, A crashed): A restarts with a fresh AH sequence number and takes back by
# preempt; B must accept A's adverts (it stops sending) and A must accept B's until then.
restart_takeback() {
    local lim tfa
    sleep 0.3
    t_restart=$(now)
    start_node a
    wait_ready a || return 1
    lim=$(awk -v x="$(settle_s)" 'BEGIN { print x + 2 }')
    wait_until "$lim" only_master a || { fail "A did not take back the VIP within $lim s of being up again (B vip: $(has_vip b && echo yes || echo no))"; return 1; }
    sleep "$(awk -v a="$adv" 'BEGIN { print a + 0.3 }')"
    only_master a || fail "mastership not stable after A took back"
    events >"$sdir/events"
    tfa=$(ev_first a adv "$t_restart")
    [ -n "$tfa" ] || { fail "no advert from A after its restart"; return 1; }
    metric "A restart -> A first advert" "$(ms "$t_restart" "$tfa")" ""
    [ "$(ev_count b adv "$(awk -v t="$tfa" -v a="$adv" 'BEGIN { printf "%.6f", t + a + 0.05 }')" 9e12)" = 0 ] \
        || fail "B kept sending adverts more than one interval after A's first advert (rejects A's adverts?)"
}
sc_ah_auth() {
    set_params; auth_kind=AH auth_a=secret1 auth_b=secret1; begin ah-auth
    elect && crash_failover && restart_takeback
    end
}
# both nodes log one rejection per advert of the other, in keepalived's words
auth_log_check() { # phrase
    local n o r
    declare -A c
    for n in a b; do c[$n]=$(grep -cF "$1" "$sdir/$n/node.log"); done
    events >"$sdir/events"   # after reading the logs: every logged rejection is in the capture
    for n in a b; do
        [ "$n" = a ] && o=b || o=a
        r=$(ev_count "$o" adv "${started[$n]}" 9e12)
        note "node $n (${impl[$n]}) logged '$1' ${c[$n]} times; node $o sent $r adverts while $n ran"
        [ "${c[$n]}" -ge 1 ] || fail "node $n (${impl[$n]}) did not log '$1'"
        # (the capture may see an advert a little after the node logged it; the last ones may not be logged yet)
        [ "${c[$n]}" -le $((r + 1)) ] && [ "${c[$n]}" -ge $((r - 2)) ] \
            || fail "node $n (${impl[$n]}) logged '$1' ${c[$n]} times for $r adverts of node $o"
    done
}
ah_wrong_phrase="IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !"
sc_ah_wrong() {
    set_params; auth_kind=AH auth_a=secret1 auth_b=wrongpw; begin ah-wrong
    both_master_common "different AH auth_pass"
    end
}
# the same, and each node logs every rejected advert (keepalived: at INFO, also without -D)
sc_ah_wrong_log() {
    set_params; auth_kind=AH auth_a=secret1 auth_b=wrongpw; begin ah-wrong-log
    both_master_common "different AH auth_pass" && auth_log_check "$ah_wrong_phrase"
    end
}

# --- track_script weight -----------------------------------------------------------------------------------------
# A's chk_file fails (its file "down" appears): after fall runs A's priority drops by 60 below B's, B ignores
# the lower adverts and takes over one Master_Down_Interval after A's last full-priority advert, and A turns
# BACKUP on B's first advert. The file goes away: after rise runs A's priority is back, it ignores B's adverts
# and preempts one Master_Down_Interval after B's last advert that it accepted.
track_weight_moves() {
    local low=$((prio[a] + chk_weight)) t0 t_garp t_last t_low tb d exp lo hi lim
    t0=$(now)
    touch "$sdir/a/down"
    lim=$(awk -v i="$chk_interval" -v f="$chk_fall" -v s="$(settle_s)" 'BEGIN { print i * f + s + 1 }')
    wait_until "$lim" only_master b || { fail "B did not take over within $lim s of A's check failing (A vip: $(has_vip a && echo yes || echo no))"; return 1; }
    sleep "$(awk -v a="$adv" 'BEGIN { print a + 0.3 }')"
    events >"$sdir/events"
    t_garp=$(ev_first b garp "$t0")
    t_low=$(ev_first a adv "$t0" "$low")
    [ -n "$t_garp" ] || { fail "no gratuitous ARP from B after A's check failed"; return 1; }
    [ -n "$t_low" ] && metric "check fails -> A advert with priority $low" "$(ms "$t0" "$t_low")" "" \
        || fail "A sent no advert with priority $low"
    t_last=$(ev_last a adv "$t_garp" "${prio[a]}")
    [ -n "$t_last" ] || { fail "no priority-${prio[a]} advert from A before B's takeover"; return 1; }
    exp=$(mdi_ms "${prio[b]}" "$adv")
    d=$(ms "$t_last" "$t_garp")
    metric "A last priority-${prio[a]} advert -> B first gratuitous ARP" "$d" "$exp"
    timed "$d" "$exp" "$t_last" "$t_garp" "B took over $d ms after A's last full-priority advert, Master_Down_Interval is $exp ms"
    d=$(ms "$t0" "$t_garp")
    # the check fails between (fall - 1) and fall intervals after the file appears; A's last full-priority
    # advert is at most one advert interval before that; then B's Master_Down_Interval
    lo=$(awk -v i="$chk_interval" -v f="$chk_fall" -v a="$adv" -v e="$exp" 'BEGIN { printf "%.3f", (i * (f - 1) - a) * 1000 + e - 1 }')
    hi=$(awk -v i="$chk_interval" -v f="$chk_fall" -v e="$exp" -v t="$tol_ms" 'BEGIN { printf "%.3f", i * f * 1000 + e + t + 100 }')
    metric "check fails -> B first gratuitous ARP (bounds $lo..$hi ms)" "$d" ""
    awk -v v="$d" -v l="$lo" -v h="$hi" 'BEGIN { exit !(v >= l && v <= h) }' || fail "B took over $d ms after A's check failed, outside $lo..$hi ms"
    tb=$(ev_first b adv "$t0")
    [ -n "$tb" ] && [ "$(ev_count a adv "$(awk -v t="$tb" 'BEGIN { printf "%.6f", t + 0.05 }')" 9e12)" != 0 ] \
        && fail "A (priority $low) kept sending adverts after B's first advert"

    t0=$(now)
    rm -f "$sdir/a/down"
    exp=$(mdi_ms "${prio[a]}" "$adv")
    lim=$(awk -v i="$chk_interval" -v f="$chk_rise" -v s="$(settle_s)" 'BEGIN { print i * f + s + 1 }')
    wait_until "$lim" only_master a || { fail "A did not take back within $lim s of its check passing again (B vip: $(has_vip b && echo yes || echo no))"; return 1; }
    sleep "$(awk -v a="$adv" 'BEGIN { print a + 0.3 }')"
    events >"$sdir/events"
    t_garp=$(ev_first a garp "$t0")
    [ -n "$t_garp" ] || { fail "no gratuitous ARP from A after its check passed again"; return 1; }
    # A accepted B's adverts until its priority came back, then ignored them: it takes over one Master_Down_Interval
    # (at priority 150) after the last one it accepted, which the capture cannot tell: the B advert that fits best
    local t_adv_a
    t_adv_a=$(ev_first a adv "$t0")
    d=$(awk -v m="${mac[b]}" -v t="$t_garp" -v e="$exp" '$2 == m && $3 == "adv" && $1 < t + 0 {
            d = (t - $1) * 1000; x = d - e; if (x < 0) x = -x
            if (best == "" || x < bx) { best = d; bx = x } } END { if (best != "") printf "%.3f", best }' "$sdir/events")
    [ -n "$d" ] || { fail "no advert from B before A took back"; return 1; }
    metric "B last accepted advert -> A first gratuitous ARP" "$d" "$exp"
    # (the tolerance only has to tell the MDI at priority 150 from the one at 90, 234 ms apart; keepalived itself
    # was seen 68 ms late here under load)
    awk -v v="$d" -v e="$exp" 'BEGIN { exit !(v >= e - 1 && v <= e + 100) }' \
        || fail "A took back $d ms after a B advert, its Master_Down_Interval is $exp ms (at priority $low: $(mdi_ms "$low" "$adv") ms)"
    hi=$(awk -v i="$chk_interval" -v f="$chk_rise" -v e="$exp" -v t="$tol_ms" 'BEGIN { printf "%.3f", i * f * 1000 + e + t + 100 }')
    d=$(ms "$t0" "$t_garp")
    metric "check passes -> A first gratuitous ARP (at most $hi ms)" "$d" ""
    awk -v v="$d" -v h="$hi" 'BEGIN { exit !(v <= h) }' || fail "A took back $d ms after its check passed, more than $hi ms"
    [ -n "$t_adv_a" ] && [ "$(ev_count b adv "$(awk -v t="$t_adv_a" 'BEGIN { printf "%.6f", t + 0.05 }')" 9e12)" != 0 ] \
        && fail "B kept sending adverts after A's first advert"
    return 0
}
sc_track_weight() { set_params; track_script=1; begin track-weight; elect && track_weight_moves; end; }

# --- sync group ----------------------------------------------------------------------------------------------------
# VI_1 and VI_2 in sync group G1 on both nodes; only VI_1 tracks eth1. A's eth1 goes down: VI_1 enters FAULT
# and takes VI_2 along, so B becomes MASTER of both; eth1 up: A takes both back.
group_on() { # node: it holds both VIPs, the other node neither
    local o
    [ "$1" = a ] && o=b || o=a
    has_addr "$1" "$vip4" && has_addr "$1" "$vip4b" && ! has_addr "$o" "$vip4" && ! has_addr "$o" "$vip4b"
}
where_vips() { local n; for n in a b; do printf '%s:%s%s ' "$n" "$(has_addr "$n" "$vip4" && echo " VI_1")" "$(has_addr "$n" "$vip4b" && echo " VI_2")"; done; }
sync_group_moves() {
    local t0 g1 g2 lim i n
    wait_until 3 group_on a || { fail "A is not MASTER of both instances after the election ($(where_vips))"; return 1; }
    t0=$(now)
    ip -n "${ns[a]}" link set eth1 down
    lim=$(awk -v s="$(settle_s)" 'BEGIN { print s + 1 }')
    wait_until "$lim" group_on b || { fail "B did not take both VIPs within $lim s of A's eth1 going down ($(where_vips))"; return 1; }
    sleep 0.3
    events >"$sdir/events"
    g1=$(ev_first b garp "$t0" "$vip4"); g2=$(ev_first b garp "$t0" "$vip4b")
    [ -n "$g1" ] && [ -n "$g2" ] || { fail "no gratuitous ARP from B for both VIPs"; return 1; }
    metric "A eth1 down -> B first gratuitous ARP for VI_1" "$(ms "$t0" "$g1")" ""
    metric "A eth1 down -> B first gratuitous ARP for VI_2" "$(ms "$t0" "$g2")" ""
    for i in VI_1 VI_2; do
        n=$(ev_first a adv "$t0" 0 "$(inst_vrid "$i")")
        [ -n "$n" ] && metric "A eth1 down -> A priority-0 advert for $i" "$(ms "$t0" "$n")" "" \
            || fail "A sent no priority-0 advert for $i on FAULT"
    done
    # both with priority 0 at once: B takes both over after its Skew_Time, together
    local apart
    apart=$(awk -v a="$g1" -v b="$g2" 'BEGIN { d = (a - b) * 1000; printf "%.3f", d < 0 ? -d : d }')
    metric "B's takeovers of VI_1 and VI_2 apart" "$apart" ""
    # (keepalived's sync group: the member that times out first waits for the others; their gratuitous ARPs
    # follow each other by a few ms, tens under load; one not moved with the group would lag by about a second)
    awk -v d="$apart" 'BEGIN { exit !(d <= 100) }' || fail "B's takeovers of VI_1 and VI_2 are $apart ms apart"
    # A stays out (FAULT) while eth1 is down
    n=$(awk -v a="$adv" 'BEGIN { print int(a * 20) }')
    for ((i = 0; i < n; i++)); do group_on b || { fail "not both VIPs on B while A's eth1 is down ($(where_vips))"; return 1; }; sleep 0.05; done

    t0=$(now)
    ip -n "${ns[a]}" link set eth1 up
    lim=$(awk -v s="$(settle_s)" 'BEGIN { print s + 1.5 }')
    wait_until "$lim" group_on a || { fail "A did not take both VIPs back within $lim s of eth1 up ($(where_vips))"; return 1; }
    sleep "$(awk -v a="$adv" 'BEGIN { print a + 0.3 }')"
    group_on a || fail "not both VIPs on A after it took back ($(where_vips))"
    events >"$sdir/events"
    g1=$(ev_first a garp "$t0" "$vip4"); g2=$(ev_first a garp "$t0" "$vip4b")
    [ -n "$g1" ] && metric "A eth1 up -> A first gratuitous ARP for VI_1" "$(ms "$t0" "$g1")" ""
    [ -n "$g2" ] && metric "A eth1 up -> A first gratuitous ARP for VI_2" "$(ms "$t0" "$g2")" ""
    [ -n "$g1" ] && [ -n "$g2" ] || fail "no gratuitous ARP from A for both VIPs after eth1 up"
    for i in VI_1 VI_2; do
        n=$(ev_first a adv "$t0" "" "$(inst_vrid "$i")")
        [ -n "$n" ] && [ "$(ev_count b adv "$(awk -v t="$n" -v a="$adv" 'BEGIN { printf "%.6f", t + a + 0.05 }')" 9e12 "$(inst_vrid "$i")")" != 0 ] \
            && fail "B kept sending $i adverts more than one interval after A's first"
    done
    return 0
}
sc_sync_group() { set_params; insts="VI_1 VI_2" track_if=1; begin sync-group; elect && sync_group_moves; end; }

# --- notify scripts ------------------------------------------------------------------------------------------------
# Both nodes run notify_master/backup/fault and notify (notify.sh: one line per run) on VI_1, which tracks eth1.
# Steps: A starts (BACKUP); B starts, A wins; A's eth1 down (A FAULT, B MASTER); eth1 up (A BACKUP, then
# MASTER; B BACKUP); A stops (SIGTERM). After each step the driver appends "@ <step>" to both nodes' logs
# (under the scripts' lock), once the lines the golden expects have arrived and a pause passed. Runs within a
# step are compared sorted (scripts started together race for the lock); steps in order. The golden is
# keepalived 2.2.7's own output for this configuration (keepalived against keepalived, this lab); each node is
# compared with it, so a mixed pairing checks keepalived's node as well as Calpe's.
notify_golden_a='notify.sh|INSTANCE|VI_1|BACKUP|150
notify.sh|backup
@ a-start
notify.sh|INSTANCE|VI_1|MASTER|150
notify.sh|master|two words|x
@ elected
notify.sh|INSTANCE|VI_1|FAULT|150
notify.sh|fault
@ fault
notify.sh|INSTANCE|VI_1|BACKUP|150
notify.sh|backup
@ recover-backup
notify.sh|INSTANCE|VI_1|MASTER|150
notify.sh|master|two words|x
@ recover-master
notify.sh|INSTANCE|VI_1|STOP|150
@ a-stop'
notify_golden_b='@ a-start
notify.sh|INSTANCE|VI_1|BACKUP|100
notify.sh|backup
@ elected
notify.sh|INSTANCE|VI_1|MASTER|100
notify.sh|master|two words|x
@ fault
@ recover-backup
notify.sh|INSTANCE|VI_1|BACKUP|100
notify.sh|backup
@ recover-master
notify.sh|INSTANCE|VI_1|MASTER|100
notify.sh|master|two words|x
@ a-stop'
fifo_golden_a='INSTANCE "VI_1" BACKUP 150
@ a-start
INSTANCE "VI_1" MASTER 150
@ elected
INSTANCE "VI_1" FAULT 150
@ fault
INSTANCE "VI_1" BACKUP 150
@ recover-backup
INSTANCE "VI_1" MASTER 150
@ recover-master
INSTANCE "VI_1" STOP 150
@ a-stop'
fifo_golden_b='@ a-start
INSTANCE "VI_1" BACKUP 100
@ elected
INSTANCE "VI_1" MASTER 100
@ fault
@ recover-backup
INSTANCE "VI_1" BACKUP 100
@ recover-master
INSTANCE "VI_1" MASTER 100
@ a-stop'
fifo_pid=""   # notify-fifo: the FIFO readers
golden_count() { # golden step: lines of that step
    printf '%s\n' "$1" | awk -v s="$2" '/^@ / { if ($2 == s) { print c + 0; exit } c = 0; next } NF { c++ }'
}
step_lines() { # file: lines since the last marker
    [ -f "$1" ] || { echo 0; return; }
    awk '/^@ / { c = 0; next } NF { c++ } END { print c + 0 }' "$1"
}
notify_step() { # step: waits for the expected lines on both nodes (bounded), pauses, writes the marker
    local s=$1 n want f got
    for n in a b; do
        f=$sdir/$n/notify.log
        [ "$n" = a ] && want=$(golden_count "$notify_golden_a" "$s") || want=$(golden_count "$notify_golden_b" "$s")
        wait_until 5 eval '[ "$(step_lines "$f")" -ge "${want:-0}" ]' || true
        if [ "$fifo" = 1 ]; then
            f=$sdir/$n/fifo.log
            [ "$n" = a ] && want=$(golden_count "$fifo_golden_a" "$s") || want=$(golden_count "$fifo_golden_b" "$s")
            wait_until 1 eval '[ "$(step_lines "$f")" -ge "${want:-0}" ]' || true   # (arrive with the runs)
        fi
    done
    sleep 0.5
    for n in a b; do
        { flock 9; echo "@ $s" >>"$sdir/$n/notify.log"; } 9>>"$sdir/$n/notify.lock"
        [ "$fifo" = 1 ] && echo "@ $s" >>"$sdir/$n/fifo.log"
    done
    return 0
}
normalize_steps() { # file: lines sorted within each step, markers kept in place
    awk '/^@ / { printf "%03d\t2%s\n", n, $0; n++; next } NF { printf "%03d\t1%s\n", n, $0 }' "$1" \
        | LC_ALL=C sort | cut -f2- | cut -c2-
}
compare_golden() { # what file golden
    local got
    got=$(normalize_steps "$2")
    if [ "$got" = "$(printf '%s\n' "$3" | grep -v '^$' | normalize_steps /dev/stdin)" ]; then
        note "$1: as keepalived ($(grep -vc '^@ ' "$2") lines)"
    else
        fail "$1 differs from keepalived's"
        note "$1, got:"; note "$(printf '%s\n' "$got" | sed 's/^/      /')"
        note "$1, keepalived 2.2.7 wrote:"; note "$(printf '%s\n' "$3" | sed 's/^/      /')"
    fi
    [ -n "${NOTIFY_RECORD:-}" ] && { mkdir -p "$NOTIFY_RECORD"; printf '%s\n' "$got" >"$NOTIFY_RECORD/$scen.$1.txt"; }
    return 0
}
start_fifo_readers() { # a reader per node that also holds the FIFO open for writing (no EOF between writers)
    local n
    for n in a b; do mkfifo -m 0600 "$sdir/$n/notify.fifo" || return 1; done
    setsid sh -c 'exec 3<>"$1"; exec 4<>"$2"; cat <&3 >>"$3" & cat <&4 >>"$4"; wait' fifo-readers \
        "$sdir/a/notify.fifo" "$sdir/b/notify.fifo" "$sdir/a/fifo.log" "$sdir/b/fifo.log" </dev/null >/dev/null 2>&1 &
    fifo_pid=$!
}
stop_fifo_readers() {
    [ -n "$fifo_pid" ] || return 0
    kill -TERM -- "-$fifo_pid" 2>/dev/null
    wait_group_gone "$fifo_pid" 3 || kill -KILL -- "-$fifo_pid" 2>/dev/null
    wait "$fifo_pid" 2>/dev/null
    fifo_pid=""
}
notify_steps() {
    local lim
    if [ "$fifo" = 1 ]; then start_fifo_readers || { fail "cannot make the FIFOs"; return 1; }; fi
    start_node a; wait_ready a || return 1
    notify_step a-start
    start_node b; wait_ready b || return 1
    lim=$(awk -v s="$(settle_s)" 'BEGIN { print s + 2 }')
    wait_until "$lim" only_master a || { fail "A did not become the only MASTER"; return 1; }
    notify_step elected
    ip -n "${ns[a]}" link set eth1 down
    wait_until "$lim" only_master b || { fail "B did not take over when A's eth1 went down"; return 1; }
    notify_step fault
    ip -n "${ns[a]}" link set eth1 up
    notify_step recover-backup
    wait_until "$lim" only_master a || { fail "A did not take back after eth1 up"; return 1; }
    notify_step recover-master
    stop_node a
    wait_until "$lim" has_vip b || fail "B did not take over after A stopped"
    notify_step a-stop
    compare_golden "node A (${impl[a]}) notify argv" "$sdir/a/notify.log" "$notify_golden_a"
    compare_golden "node B (${impl[b]}) notify argv" "$sdir/b/notify.log" "$notify_golden_b"
    local n pol
    for n in a b; do # keepalived runs its scripts in the ordinary class, whatever its own (vrrp_rt_priority)
        pol=$(sort -u "$sdir/$n/sched.log" 2>/dev/null | tr '\n' ' ')
        if [ "$pol" = "0 " ]; then
            note "node ${n^^} (${impl[$n]}) notify scripts ran in SCHED_OTHER"
        else
            fail "node ${n^^} (${impl[$n]}) notify scripts ran with scheduling policies '${pol}' (keepalived: 0, SCHED_OTHER)"
        fi
    done
    if [ "$fifo" = 1 ]; then
        compare_golden "node A (${impl[a]}) notify_fifo" "$sdir/a/fifo.log" "$fifo_golden_a"
        compare_golden "node B (${impl[b]}) notify_fifo" "$sdir/b/fifo.log" "$fifo_golden_b"
    fi
}
sc_notify_argv() { set_params; notify=1 track_if=1; begin notify-argv; notify_steps; end; stop_fifo_readers; }
sc_notify_fifo() { set_params; notify=1 track_if=1 fifo=1; begin notify-fifo; notify_steps; end; stop_fifo_readers; }

# --- link loss ---------------------------------------------------------------------------------------------------
# A (the master) loses its link: its eth0 goes down (or the switch's end of its veth). A's last advert in the
# capture -> B's first gratuitous ARP, against B's Master_Down_Interval (as a crash: A's adverts just stop).
# A must drop the VIP (keepalived: FAULT); once the link is back A takes back (preempt).
link_loss_at=${LINK_LOSS_AT:-node}
link_of_a() { # up|down: A's link, on the side LINK_LOSS_AT names
    if [ "$link_loss_at" = switch ]; then ip -n "$ns_sw" link set sw-a "$1"; else ip -n "${ns[a]}" link set eth0 "$1"; fi
}
link_loss_failover() {
    local t_down t_garp t_last t_adv d exp lim
    t_down=$(now)
    link_of_a down || { fail "cannot set A's link down ($link_loss_at side)"; return 1; }
    wait_until "$(awk -v a="$adv" 'BEGIN { print 3 * a + 3 }')" has_vip b || { fail "B did not take the VIP after A lost its link"; link_of_a up; return 1; }
    sleep "$(awk -v a="$adv" 'BEGIN { print a + 0.2 }')"
    events >"$sdir/events"
    t_garp=$(ev_first b garp "$t_down")
    t_last=$(ev_last a adv "${t_garp:-9e12}")
    if [ -z "$t_garp" ]; then fail "no gratuitous ARP from B in the capture after A lost its link"
    elif [ -z "$t_last" ]; then fail "no advert from A in the capture before B's takeover"
    else
        d=$(ms "$t_last" "$t_garp")
        exp=$(mdi_ms "${prio[b]}" "$adv")
        metric "link-loss takeover (A last advert -> B first gratuitous ARP)" "$d" "$exp"
        t_adv=$(ev_first b adv "$t_last")
        [ -n "$t_adv" ] && metric "link-loss takeover (A last advert -> B first advert)" "$(ms "$t_last" "$t_adv")" "$exp"
        metric "link down -> B first gratuitous ARP (phase-dependent)" "$(ms "$t_down" "$t_garp")" ""
        timed "$d" "$exp" "$t_last" "$t_garp" "link-loss takeover took $d ms, Master_Down_Interval is $exp ms (tolerance -1/+$tol_ms ms)"
    fi
    # (keepalived 2.2.7: A enters FAULT and removes the VIP at once)
    wait_until 2 eval '! has_vip a' || fail "A kept the VIP while its link was down ($link_loss_at side)"
    node_alive a || fail "A is not running after losing its link"
    link_of_a up
    lim=$(awk -v s="$(settle_s)" 'BEGIN { print s + 2 }')
    wait_until "$lim" only_master a || { fail "A did not take back within $lim s of its link coming back (A vip: $(has_vip a && echo yes || echo no), B vip: $(has_vip b && echo yes || echo no))"; return 1; }
    return 0
}
link_loss_scenario() { # name [ver adv]
    set_params
    [ $# -gt 1 ] && { ver=$2 adv=$3; }
    case $link_loss_at in node|switch) ;; *) echo "LINK_LOSS_AT must be node or switch, not '$link_loss_at'" >&2; exit 2 ;; esac
    begin "$1"; elect && link_loss_failover; link_of_a up; end
}
sc_link_loss() { link_loss_scenario link-loss; }
sc_v3_centi_link() { link_loss_scenario v3-centi-link 3 0.1; }
sc_v3_milli_link() { link_loss_scenario v3-milli-link 3 0.01; }
# VRRPv3 at advert_int 0.01 (Master_Down_Interval 36.093 ms at priority 100): election + crash; clean stop
# (Skew_Time 6.094 ms)
sc_v3_milli() { set_params; ver=3 adv=0.01; begin v3-milli; elect && crash_failover; end; }
sc_v3_milli_stop() { set_params; ver=3 adv=0.01; begin v3-milli-stop; elect && clean_stop; end; }

# --- use_vmac ----------------------------------------------------------------------------------------------------
# keepalived 2.2.7 here: vrrp.51@eth0, macvlan mode private, addrgenmode none, created at start (also as BACKUP);
# the VIP goes on it even when its entry says "dev eth0"; adverts and gratuitous ARPs leave with the VMAC as
# source MAC (with vmac_xmit_base the adverts leave from eth0 and its MAC); IPv4: arp_ignore=1, accept_local=1,
# rp_filter=0 on the VMAC, arp_ignore=1 and arp_filter=1 on eth0 (left so at stop); IPv6: the VMAC carries eth0's
# link-local address (nodad, deprecated). SIGTERM removes the VMAC; a crash leaves it, and a restart adopts it.
vmac_if=vrrp.51
vmac_mac() { [ "$fam" = 6 ] && echo 00:00:5e:00:02:33 || echo 00:00:5e:00:01:33; }
node_src() { # node: the source address of its adverts
    if [ "$fam" = 6 ]; then
        ip -n "${ns[$1]}" -6 -o addr show dev eth0 scope link | awk '{ sub("/.*", "", $4); print $4; exit }'
    else
        echo "${ip4[$1]}"
    fi
}
# "<ts> <src-mac> adv <prio> <vrid> <src-ip>" and "<ts> <src-mac> garp <address>": with a VMAC both nodes send
# from the same MAC, so adverts are told apart by source address; after a crash every announcement is B's
vmac_events() {
    tcpdump -r "$pcap" -nn -tt -e 2>/dev/null | awk -v v4="$vip4" -v v6="$vip6" '
        / VRRPv[23], Advertisement/ {
            p = ""; r = ""; s = $0
            for (i = 1; i < NF; i++) {
                if ($i == "prio") { p = $(i + 1); sub(",", "", p) }
                if ($i == "vrid") { r = $(i + 1); sub(",", "", r) }
            }
            sub(/^.*length [0-9]+: /, "", s); split(s, w, " ")
            print $1, $2, "adv", p, r, w[1]; next }
        /ethertype ARP/ && ($0 ~ ("who-has " v4 "( \\([^)]*\\))? tell " v4 "([ ,]|$)") || $0 ~ ("Reply " v4 " is-at")) { print $1, $2, "garp", v4; next }
        /neighbor advertisement, tgt is / && $0 ~ ("tgt is " v6 "([ ,]|$)") { print $1, $2, "garp", v6; next }'
}
vmac_sysctl_is() { # node key value what
    local v
    v=$(ip netns exec "${ns[$1]}" cat "/proc/sys/net/$2" 2>/dev/null)
    [ "$v" = "$3" ] || fail "node $1 (${impl[$1]}): $2 is '$v', keepalived sets $3"
}
vmac_check_link() { # node: its VMAC is what keepalived 2.2.7 creates
    local n=$1 d
    d=$(ip -n "${ns[$n]}" -d link show "$vmac_if" 2>&1)
    case $d in *"$vmac_if@eth0:"*) ;; *) fail "node $n (${impl[$n]}) has no $vmac_if@eth0: $(printf '%s' "$d" | head -c 120)"; return 1 ;; esac
    case $d in *"link/ether $(vmac_mac) "*) ;; *) fail "node $n (${impl[$n]}): $vmac_if's MAC is not $(vmac_mac)" ;; esac
    case $d in *"macvlan mode private"*) ;; *) fail "node $n (${impl[$n]}): $vmac_if is not a private macvlan" ;; esac
    case $d in *"addrgenmode none"*) ;; *) fail "node $n (${impl[$n]}): $vmac_if's addrgenmode is not none" ;; esac
    case $d in *"<"*"UP"*">"*) ;; *) fail "node $n (${impl[$n]}): $vmac_if is not up" ;; esac
    if [ "$fam" = 6 ]; then
        ip -n "${ns[$n]}" -6 -o addr show dev "$vmac_if" | grep -F " $(node_src "$n")/64 " >/dev/null \
            || fail "node $n (${impl[$n]}): $vmac_if lacks eth0's link-local address $(node_src "$n")"
    else
        vmac_sysctl_is "$n" "ipv4/conf/$vmac_if/arp_ignore" 1
        vmac_sysctl_is "$n" "ipv4/conf/$vmac_if/accept_local" 1
        vmac_sysctl_is "$n" "ipv4/conf/$vmac_if/rp_filter" 0
        vmac_sysctl_is "$n" "ipv4/conf/eth0/arp_ignore" 1
        vmac_sysctl_is "$n" "ipv4/conf/eth0/arp_filter" 1
    fi
}
vmac_macs() { # kind after-ts [src]: the distinct source MACs of such events, space-separated
    awk -v k="$1" -v t="$2" -v s="${3:-}" '$3 == k && $1 > t + 0 && (s == "" || $6 == s) && (k != "adv" || $4 != 0) { print $2 }' \
        "$sdir/events" | sort -u | tr '\n' ' '
}
vmac_scenario() { # scenario-name
    local n src_a want t_kill t_garp t_last d exp lim
    begin "$1"
    elect || return 1
    for n in a b; do vmac_check_link "$n"; done
    ip -n "${ns[a]}" -o addr show dev eth0 | grep -F " $(vip)/" >/dev/null && fail "A put the VIP on eth0, not on $vmac_if"
    vmac_events >"$sdir/events"
    src_a=$(node_src a)
    want=$(vmac_mac)
    [ "$vmac_xmit" = 1 ] && want=${mac[a]}
    [ "$(vmac_macs adv 0 "$src_a")" = "$want " ] || fail "A's adverts left with source MAC '$(vmac_macs adv 0 "$src_a")', expected $want"
    [ "$(vmac_macs garp 0)" = "$(vmac_mac) " ] || fail "A's gratuitous ARP/NA left with source MAC '$(vmac_macs garp 0)', expected $(vmac_mac)"
    note "A's adverts from $src_a with source MAC $want, gratuitous ARP/NA from $(vmac_mac)"
    t_kill=$(now) killed_at=""
    crash_node a
    wait_until "$(awk -v a="$adv" 'BEGIN { print 3 * a + 3 }')" has_vip b || { fail "B did not take the VIP on $vmac_if after A crashed"; return 1; }
    sleep "$(awk -v a="$adv" 'BEGIN { print a + 0.2 }')"
    vmac_events >"$sdir/events"
    t_garp=$(awk -v t="$t_kill" '$3 == "garp" && $1 > t + 0 { print $1; exit }' "$sdir/events")
    t_last=$(awk -v s="$src_a" -v t="${t_garp:-9e12}" '$3 == "adv" && $6 == s && $1 < t + 0 { l = $1 } END { if (l != "") print l }' "$sdir/events")
    if [ -z "$t_garp" ] || [ -z "$t_last" ]; then
        fail "no takeover in the capture (B's first gratuitous ARP/NA: ${t_garp:-none}, A's last advert: ${t_last:-none})"
    else
        d=$(ms "$t_last" "$t_garp")
        exp=$(mdi_ms "${prio[b]}" "$adv")
        metric "crash takeover (A last advert -> B first gratuitous ARP)" "$d" "$exp"
        timed "$d" "$exp" "$t_last" "$t_garp" "crash takeover took $d ms, Master_Down_Interval is $exp ms (tolerance -1/+$tol_ms ms)"
    fi
    [ "$(vmac_macs garp "$t_kill")" = "$(vmac_mac) " ] || fail "B's gratuitous ARP/NA left with source MAC '$(vmac_macs garp "$t_kill")', expected $(vmac_mac)"
    # A restarts next to the VMAC its crash left behind: it adopts it (no second macvlan) and takes back
    start_node a
    wait_ready a || return 1
    lim=$(awk -v x="$(settle_s)" 'BEGIN { print x + 2 }')
    wait_until "$lim" only_master a || { fail "A did not take back within $lim s of being up again (A vip: $(has_vip a && echo yes || echo no), B vip: $(has_vip b && echo yes || echo no))"; return 1; }
    n=$(ip -n "${ns[a]}" -o link show type macvlan | grep -c '@eth0')
    [ "$n" = 1 ] || fail "A has $n macvlans on eth0 after its restart, expected the one it adopted: $(ip -n "${ns[a]}" -o link show type macvlan | awk '{ print $2 }' | tr '\n' ' ')"
    vmac_check_link a
    # SIGTERM: both remove their VMAC
    kill -TERM "${pid[b]}" 2>/dev/null; kill -TERM "${pid[a]}" 2>/dev/null
    stop_node b; stop_node a
    for n in a b; do
        ip -n "${ns[$n]}" link show "$vmac_if" >/dev/null 2>&1 && fail "node $n (${impl[$n]}) left $vmac_if behind after SIGTERM"
    done
    return 0
}
vmac_cleanup() { # the lab as before: no VMAC, eth0's ARP settings back to the kernel's defaults
    local n
    for n in a b; do
        ip -n "${ns[$n]}" link del "$vmac_if" 2>/dev/null
        ip netns exec "${ns[$n]}" sysctl -qw net.ipv4.conf.eth0.arp_ignore=0 net.ipv4.conf.eth0.arp_filter=0
    done
    return 0
}
sc_vmac() { set_params; vmac=1 vip_dev=$vmac_if; vmac_scenario vmac; end; vmac_cleanup; }
sc_vmac_xmit_base() { set_params; vmac=1 vmac_xmit=1 vip_dev=$vmac_if; vmac_scenario vmac-xmit-base; end; vmac_cleanup; }
sc_vmac6() { set_params; ver=3 fam=6 vmac=1 vip_dev=$vmac_if; vmac_scenario vmac6; end; vmac_cleanup; }

# --- track_file ----------------------------------------------------------------------------------------------------
# A writes 1 into its track file: its priority drops by 60 below B's at once (inotify, no check interval), B ignores
# the lower adverts and takes over one Master_Down_Interval after A's last full-priority advert. A writes 0: its
# priority is back, it ignores B's adverts and preempts one Master_Down_Interval after the last one it accepted.
track_file_moves() {
    local low=$((prio[a] + tf_weight)) t0 t_garp t_last t_low exp d
    [ "$(cat "$sdir/a/prio" 2>/dev/null)" = 0 ] || { fail "init_file did not write 0 into A's track file"; return 1; }
    t0=$(now)
    echo 1 >"$sdir/a/prio"
    wait_until "$(settle_s)" only_master b || { fail "B did not take over within $(settle_s) s of A's file saying 1"; return 1; }
    sleep "$(awk -v a="$adv" 'BEGIN { print a + 0.3 }')"
    events >"$sdir/events"
    t_garp=$(ev_first b garp "$t0")
    [ -n "$t_garp" ] || { fail "no gratuitous ARP from B after A's file changed"; return 1; }
    t_low=$(ev_first a adv "$t0" "$low")
    if [ -n "$t_low" ]; then
        metric "file written -> A advert with priority $low" "$(ms "$t0" "$t_low")" ""
        awk -v v="$(ms "$t0" "$t_low")" -v a="$adv" 'BEGIN { exit !(v <= a * 1000 + 100) }' \
            || fail "A's first priority-$low advert came more than one advert interval after the file changed"
    else
        fail "A sent no advert with priority $low"
    fi
    t_last=$(ev_last a adv "$t_garp" "${prio[a]}")
    [ -n "$t_last" ] || { fail "no priority-${prio[a]} advert from A before B's takeover"; return 1; }
    exp=$(mdi_ms "${prio[b]}" "$adv")
    d=$(ms "$t_last" "$t_garp")
    metric "A last priority-${prio[a]} advert -> B first gratuitous ARP" "$d" "$exp"
    timed "$d" "$exp" "$t_last" "$t_garp" "B took over $d ms after A's last full-priority advert, Master_Down_Interval is $exp ms"

    t0=$(now)
    echo 0 >"$sdir/a/prio"
    wait_until "$(settle_s)" only_master a || { fail "A did not take back within $(settle_s) s of its file saying 0"; return 1; }
    sleep "$(awk -v a="$adv" 'BEGIN { print a + 0.3 }')"
    events >"$sdir/events"
    t_garp=$(ev_first a garp "$t0")
    [ -n "$t_garp" ] || { fail "no gratuitous ARP from A after its file said 0"; return 1; }
    exp=$(mdi_ms "${prio[a]}" "$adv")
    d=$(awk -v m="${mac[b]}" -v t="$t_garp" -v e="$exp" '$2 == m && $3 == "adv" && $1 < t + 0 {
            d = (t - $1) * 1000; x = d - e; if (x < 0) x = -x
            if (best == "" || x < bx) { best = d; bx = x } } END { if (best != "") printf "%.3f", best }' "$sdir/events")
    [ -n "$d" ] || { fail "no advert from B before A took back"; return 1; }
    metric "B last accepted advert -> A first gratuitous ARP" "$d" "$exp"
    awk -v v="$d" -v e="$exp" 'BEGIN { exit !(v >= e - 1 && v <= e + 100) }' \
        || fail "A took back $d ms after a B advert, its Master_Down_Interval is $exp ms"
    return 0
}
sc_track_file() { set_params; track_file=1; begin track-file; elect && track_file_moves; end; }

# --- old_unicast_checksum ------------------------------------------------------------------------------------------
# A's adverts carry the old VRRPv3 unicast checksum: B's check with the real destination fails, the one with
# 224.0.0.18 passes, so B switches to the old style for good (receiving and sending) and accepts A.
sc_unicast_oldcsum() {
    set_params; ver=3 unicast=1 old_csum_a=1
    begin unicast-oldcsum
    if elect && crash_failover; then
        grep -qF "(VI_1) Setting unicast VRRPv3 checksum to old version" "$sdir/b/node.log" \
            || fail "B never logged \"(VI_1) Setting unicast VRRPv3 checksum to old version\""
        ! grep -qF "Invalid VRRPv3 checksum" "$sdir/b/node.log" || fail "B rejected an advert: Invalid VRRPv3 checksum"
    fi
    end
}

# --- main ------------------------------------------------------------------------------------------------------
echo "VRRP interop lab: A=${impl[a]} B=${impl[b]}, scenarios: $scenarios"
setup_lab || { echo "cannot build the lab" >&2; exit 2; }
rm -f "$tsv"
t_suite=$(now)
for s in $scenarios; do
    retried=0 retry_notes=""
    for ((attempt = 0; attempt < 2; attempt++)); do   # a second run only when the guest stood still (finish_scenario)
        retry=0
        "sc_${s//-/_}"
        [ "$retry" = 1 ] || break
        retried=1
    done
done
secs=$(awk -v a="$t_suite" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
mkdir -p "$reports"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="lab.vrrp-interop.%s" tests="%d" failures="%d" errors="0" skipped="0" time="%s">%s</testsuite>\n' \
    "$pair" $((passed + failed)) "$failed" "$secs" "$cases" >"$junit"
echo "report $junit, timings $tsv"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
