# shellcheck shell=bash
# Sourced by scripts/bench/vrrp-scale.sh and vrrp-gc.sh: a two-node VRRP lab with K "VLANs".
#
# Namespaces <prefix>-sw (the switch: bridges br0..br{K-1}, STP off, forward_delay 0, mcast_snooping 0,
# ageing_time 0), <prefix>-a and <prefix>-b (the nodes). Node n has eth0..eth{K-1}; eth<k> is a veth whose
# peer s<n><k> is a port of br<k> only, so each index k is its own L2 domain: VRIDs are per interface and
# instance VRID 7 on eth0 never hears VRID 7 on eth1. Addresses: 198.19.<k>.1 (A) and .2 (B) /24; MACs
# 02:00:c6:13:<k>:01 (A) and :02 (B) so a capture tells the nodes apart. Captures run in the switch namespace
# on each bridge. Everything is created in the switch or node namespaces; the host's is never touched.
#
# The caller sets lab_prefix and lab_k, calls lab_setup, and must call lab_cleanup from its EXIT trap.

lab_prefix=${lab_prefix:-calpe-lab$$}
lab_k=${lab_k:-1}
lab_sw="" lab_a="" lab_b=""
declare -A lab_pid=([a]="" [b]="")   # process group of each node's daemon
lab_cap_pids=""                      # process groups of the captures

lab_ns() { [ "$1" = a ] && echo "$lab_a" || echo "$lab_b"; }

lab_setup() {
    local n k i
    lab_sw=$lab_prefix-sw lab_a=$lab_prefix-a lab_b=$lab_prefix-b
    ip netns add "$lab_sw" || return 1
    ip -n "$lab_sw" link set lo up
    ip netns add "$lab_a" || return 1
    ip netns add "$lab_b" || return 1
    for ((k = 0; k < lab_k; k++)); do
        ip -n "$lab_sw" link add "br$k" type bridge stp_state 0 forward_delay 0 mcast_snooping 0 ageing_time 0 || return 1
        ip -n "$lab_sw" link set "br$k" up || return 1
        for n in a b; do
            [ "$n" = a ] && i=1 || i=2
            ip -n "$lab_sw" link add "s$n$k" type veth peer name "eth$k" address "$(printf '02:00:c6:13:%02x:%02x' "$k" "$i")" || return 1
            ip -n "$lab_sw" link set "eth$k" netns "$(lab_ns "$n")" || return 1
            ip -n "$lab_sw" link set "s$n$k" master "br$k" up || return 1
            ip -n "$(lab_ns "$n")" link set "eth$k" up || return 1
            ip -n "$(lab_ns "$n")" addr add "198.19.$k.$i/24" dev "eth$k" || return 1
        done
    done
    ip -n "$lab_a" link set lo up && ip -n "$lab_b" link set lo up
}

lab_group_alive() { [ -n "$1" ] && pgrep -g "$1" >/dev/null 2>&1; }
lab_wait_gone() { # pgid seconds
    local i n=$(( $2 * 20 ))
    for ((i = 0; i < n; i++)); do lab_group_alive "$1" || return 0; sleep 0.05; done
    return 1
}

lab_cleanup() {
    local n p g
    for n in a b; do [ -n "${lab_pid[$n]}" ] && kill -KILL -- "-${lab_pid[$n]}" 2>/dev/null; done
    for g in $lab_cap_pids; do kill -KILL -- "-$g" 2>/dev/null; done
    for n in "$lab_a" "$lab_b" "$lab_sw"; do
        [ -n "$n" ] || continue
        if ip netns list 2>/dev/null | grep -w >/dev/null "$n"; then
            for p in $(ip netns pids "$n" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
            ip netns del "$n" 2>/dev/null
        fi
    done
    return 0
}

# lab_start node impl dir port: keepalived or Calpe in the node's namespace, its own process group, output
# to dir/node.log; configuration dir/media/keepalived.conf (Calpe: dir/media is the config media)
lab_start() {
    local n=$1 impl=$2 d=$3 port=$4
    mkdir -p "$d/media" "$d/state" "$d/run"
    rm -f "$d/run/"*.pid
    if [ "$impl" = keepalived ]; then
        setsid ip netns exec "$(lab_ns "$n")" keepalived -n -l -D -P -f "$d/media/keepalived.conf" \
            -p "$d/run/keepalived.pid" -r "$d/run/vrrp.pid" -c "$d/run/checkers.pid" -b "$d/run/bfd.pid" \
            >>"$d/node.log" 2>&1 </dev/null &
    else
        setsid ip netns exec "$(lab_ns "$n")" "$CALPE_ROOT/scripts/calpe" -n -l -P --media "$d/media" --state "$d/state" \
            --http-port "$port" >>"$d/node.log" 2>&1 </dev/null &
    fi
    lab_pid[$n]=$!
    disown "${lab_pid[$n]}"
}
lab_crash() { # node: SIGKILL of the process group, bounded wait
    local n=$1
    [ -n "${lab_pid[$n]}" ] || return 0
    kill -KILL -- "-${lab_pid[$n]}" 2>/dev/null
    lab_wait_gone "${lab_pid[$n]}" 10 || echo "  warning: process group ${lab_pid[$n]} survives SIGKILL" >&2
    lab_pid[$n]=""
}
lab_stop() { # node: SIGTERM to the daemon, 15 s, then KILL of the group
    local n=$1 g=${lab_pid[$1]}
    [ -n "$g" ] || return 0
    kill -TERM "$g" 2>/dev/null
    lab_wait_gone "$g" 15 || { kill -KILL -- "-$g" 2>/dev/null; lab_wait_gone "$g" 5; }
    lab_pid[$n]=""
}
lab_alive() { lab_group_alive "${lab_pid[$1]}"; }

# VIPs: the 198.18.0.0/16 addresses on the node (its own addresses are in 198.19.0.0/16)
lab_vip_count() { ip -n "$(lab_ns "$1")" -o -4 addr show 2>/dev/null | grep -c ' inet 198\.18\.'; }
lab_drop_vips() { # node: a crashed node keeps its VIPs
    ip -n "$(lab_ns "$1")" -o -4 addr show 2>/dev/null \
        | awk '$4 ~ /^198\.18\./ { print "addr del " $4 " dev " $2 }' | ip -n "$(lab_ns "$1")" -force -batch - 2>/dev/null
    return 0
}

# --- process accounting (the node's whole process group) -------------------------------------------------------
lab_group_pids() { pgrep -g "$1" 2>/dev/null; }
lab_ticks() { # pgid: utime + stime of every process in the group, in clock ticks
    local p t=0 v
    for p in $(lab_group_pids "$1"); do
        v=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }')
        t=$((t + ${v:-0}))
    done
    echo "$t"
}
lab_mem() { # pgid: "RSS PSS" in kB, summed over the group
    local p
    for p in $(lab_group_pids "$1"); do cat "/proc/$p/smaps_rollup" 2>/dev/null; done \
        | awk '$1 == "Rss:" { r += $2 } $1 == "Pss:" { s += $2 } END { printf "%d %d\n", r, s }'
}
lab_log_lines() { [ -f "$1" ] && wc -l <"$1" || echo 0; }
lab_entering_after() { # file line: "Entering ... STATE" lines after that line
    [ -f "$1" ] || { echo 0; return; }
    tail -n +"$(( $2 + 1 ))" "$1" | grep -c 'Entering [A-Z]* STATE'
}

# --- captures ----------------------------------------------------------------------------------------------------
lab_capture_start() { # dir: one tcpdump per bridge, VRRP and ARP, into dir/br<k>.pcap
    local k d=$1 i ok
    mkdir -p "$d"
    lab_cap_pids=""
    for ((k = 0; k < lab_k; k++)); do
        # (no --immediate-mode, no -U: at 10,000 packets/s they cost a core; the kernel stamps each packet
        # anyway, and SIGINT flushes the file. Packets reach the file up to ~1 s late: wait before stopping.)
        setsid ip netns exec "$lab_sw" tcpdump -i "br$k" -nn -tt -B 32768 -s 96 -w "$d/br$k.pcap" \
            'ip proto 112 or arp' >"$d/tcpdump-$k.log" 2>&1 </dev/null &
        lab_cap_pids+=" $!"
        disown $!
    done
    for ((k = 0; k < lab_k; k++)); do
        ok=0
        for ((i = 0; i < 100; i++)); do grep -q 'listening on' "$d/tcpdump-$k.log" 2>/dev/null && { ok=1; break; }; sleep 0.05; done
        [ "$ok" = 1 ] || return 1
    done
}
lab_capture_stop() { # (give the capture's buffer time to reach the file first)
    local g
    sleep 1.2
    for g in $lab_cap_pids; do kill -INT "$g" 2>/dev/null; done
    for g in $lab_cap_pids; do lab_wait_gone "$g" 5 || kill -KILL -- "-$g" 2>/dev/null; done
    lab_cap_pids=""
}
# events of a capture dir: "<ts> <a|b> adv <k> <vrid> <prio>" and "<ts> <a|b> garp <k> <address>", time-sorted
lab_events() {
    local k d=$1
    for ((k = 0; k < lab_k; k++)); do
        [ -f "$d/br$k.pcap" ] || continue
        tcpdump -r "$d/br$k.pcap" -nn -tt -e 2>/dev/null | awk -v k="$k" '
            { n = ""; if ($2 ~ /:01$/) n = "a"; else if ($2 ~ /:02$/) n = "b"; if (n == "") next }
            / VRRPv[23], Advertisement/ {
                p = ""; r = ""
                for (i = 1; i < NF; i++) {
                    if ($i == "prio") { p = $(i + 1); sub(",", "", p) }
                    if ($i == "vrid") { r = $(i + 1); sub(",", "", r) }
                }
                print $1, n, "adv", k, r, p; next }
            /ethertype ARP/ {
                w = ""; t = ""
                for (i = 1; i < NF; i++) {
                    if ($i == "who-has") w = $(i + 1)
                    if ($i == "tell" && w != "") { t = $(i + 1); sub(",", "", t); if (t == w) { print $1, n, "garp", k, w; next } }
                    if ($i == "Reply" && $(i + 2) == "is-at") { print $1, n, "garp", k, $(i + 1); next }
                }
            }'
    done | sort -k1,1n
}
