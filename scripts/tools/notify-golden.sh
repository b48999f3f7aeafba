#!/usr/bin/env bash
# Capture what real keepalived (Debian 2.2.7) hands to notify scripts and writes to notify FIFOs, for the notify
# tests of org.calpe.vrrp.core (package org.calpe.vrrp.core.notify).
#
# Lab (see ../shared/LAB.md): a bridge inside its own "switch" namespace; node "a" (keepalived under observation,
# with every notify keyword configured) and node "b" (a plain keepalived peer with a higher priority) hang off it
# by veth pairs created in the switch namespace. Node "a" also has eth1, a veth whose peer stays unbridged in the
# switch namespace: it is the tracked interface that is set down for FAULT. The host's interfaces are never
# touched; addresses only from 198.18.0.0/15. Everything created is removed by name and PID in an EXIT trap.
#
# Every notify script is one logging script (log.sh; log-noargs.sh is a copy used where the keyword has no
# arguments) that appends, under an flock:  "@run <pid> <user>", one "@arg <word>" line per argv word (argv[0]
# included), "@end". notify_fifo is read by the driver (cat); vrrp_notify_fifo by vrrp_notify_fifo_script, which
# logs its own argv the same way and then appends every line it reads. The driver writes "@step <name>" between steps, after the step's
# FIFO line has arrived and a settling pause.
#
# Output, one file per scenario: <out>/<scenario>.notify, plus <scenario>.conf (node a's configuration; the
# scratch directory is written as @DIR@) and, for reloads, <scenario>.reload.conf. Format:
#   step <name>                 a driver step
#   run <user>                  a script run; runs inside a step are sorted by PID, i.e. in keepalived's fork order
#   arg <word>                  its argv, argv[0] first (@DIR@ = the script directory)
#   end
#   fifo <file> <line>          a line read from FIFO <file> ("notify" = notify_fifo, "vrrp" = vrrp_notify_fifo)
# Runs come before FIFO lines within a step (keepalived forks the scripts, then writes the FIFO).
#
# Usage: scripts/tools/notify-golden.sh [output-dir] [scenario...]     (needs root, keepalived)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$here/bundles/org.calpe.vrrp.core/src/test/resources/notify-golden}
shift || true
command -v keepalived >/dev/null || { echo "keepalived is not installed (apt-get install keepalived)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 2; }

tag=ng$$
ns_sw=calpe-$tag-sw
ns_a=calpe-$tag-a
ns_b=calpe-$tag-b
# 0755 so that scripts configured to run as nobody can be executed; created by root, so script security accepts it
dir=/tmp/calpe-notify-golden.$$
a_pid=""
b_pid=""
r_pid=""

stop_pid() { # pid: TERM its process group, then KILL after 5 s
    local pid=$1 i
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    stop_pid "$b_pid"
    stop_pid "$a_pid"
    stop_pid "$r_pid"
    local ns p
    for ns in "$ns_a" "$ns_b" "$ns_sw"; do
        if ip netns list | grep -qw "$ns"; then
            for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
            ip netns del "$ns" 2>/dev/null || true
        fi
    done
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -m 0755 "$dir"

# --- the scripts ---------------------------------------------------------------------------------------------
cat > "$dir/log.sh" <<'EOF'
#!/bin/sh
# appends this run's argv to runs.log (one word a line) under a lock
d=$(dirname "$0")
{
    flock 9
    printf '@run %s %s\n' "$$" "$(id -un)"
    printf '@arg %s\n' "$0"
    for a in "$@"; do printf '@arg %s\n' "$a"; done
    printf '@end\n'
} 9>>"$d/runs.log" >>"$d/runs.log"
EOF
cp "$dir/log.sh" "$dir/log-noargs.sh"
cat > "$dir/fifo-reader.sh" <<'EOF'
#!/bin/sh
# logs its argv like log.sh, then appends every line read from the FIFO (the last argument) to fifo-<$1>.log
d=$(dirname "$0")
{
    flock 9
    printf '@run %s %s\n' "$$" "$(id -un)"
    printf '@arg %s\n' "$0"
    for a in "$@"; do printf '@arg %s\n' "$a"; done
    printf '@end\n'
} 9>>"$d/runs.log" >>"$d/runs.log"
kind=$1
for last in "$@"; do :; done
while IFS= read -r line; do
    printf '%s\n' "$line" >> "$d/fifo-$kind.log"
done < "$last"
EOF
chmod 0755 "$dir"/*.sh

# --- the lab -------------------------------------------------------------------------------------------------
ip netns add "$ns_sw"
ip netns add "$ns_a"
ip netns add "$ns_b"
ip -n "$ns_sw" link add br0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0
ip -n "$ns_sw" link set br0 up
for side in a b; do
    ns=calpe-$tag-$side
    ip -n "$ns_sw" link add "sw-$side" type veth peer name eth0
    ip -n "$ns_sw" link set eth0 netns "$ns"
    ip -n "$ns_sw" link set "sw-$side" master br0 up
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
done
ip -n "$ns_sw" link add "tr-a" type veth peer name eth1
ip -n "$ns_sw" link set eth1 netns "$ns_a"
ip -n "$ns_sw" link set tr-a up
ip -n "$ns_a" link set eth1 up
ip -n "$ns_a" addr add 198.18.4.1/24 dev eth0
ip -n "$ns_a" addr add 198.18.5.1/24 dev eth1
ip -n "$ns_b" addr add 198.18.4.2/24 dev eth0

# --- running keepalived --------------------------------------------------------------------------------------
start_ka() { # node conf -> sets a_pid / b_pid
    local node=$1 conf=$2 ns pid
    ns=calpe-$tag-$node
    setsid ip netns exec "$ns" keepalived -n -l -D -P -f "$conf" \
        -p "$dir/$node.ka.pid" -r "$dir/$node.vrrp.pid" -c "$dir/$node.chk.pid" \
        >>"$dir/$node.keepalived.log" 2>&1 &
    pid=$!
    if [ "$node" = a ]; then a_pid=$pid; else b_pid=$pid; fi
}

fail() {
    echo "$scenario: $*" >&2
    echo "--- a's log:" >&2; tail -n 40 "$dir/a.keepalived.log" >&2 || true
    echo "--- runs.log:" >&2; tail -n 40 "$dir/runs.log" >&2 || true
    exit 1
}

count() { # file fixed-string -> number of lines containing it
    [ -f "$1" ] || { echo 0; return; }
    grep -cF -- "$2" "$1" || true
}

wait_fifo() { # fixed-string [occurrences] [seconds]: wait until fifo-notify.log holds the line that often
    local want=${2:-1} limit=${3:-20} i
    for i in $(seq 1 $((limit * 10))); do
        [ "$(count "$dir/fifo-notify.log" "$1")" -ge "$want" ] && { sleep 0.7; return 0; }
        sleep 0.1
    done
    fail "timed out waiting for FIFO line $1 (x$want)"
}

wait_gone() { # pid
    local i
    for i in $(seq 1 100); do kill -0 "$1" 2>/dev/null || { sleep 0.5; return 0; }; sleep 0.1; done
    fail "keepalived $1 did not stop"
}

start_reader() { # a reader of notify.fifo outside keepalived; reopens it after keepalived closes it (reload)
    setsid sh -c 'for i in $(seq 1 20); do cat "$1" || exit 0; done' reader "$dir/notify.fifo" \
        >>"$dir/fifo-notify.log" 2>/dev/null &
    r_pid=$!
}

step() { echo "@step $1" >> "$dir/runs.log"; echo "@step $1" >> "$dir/fifo-notify.log"; echo "@step $1" >> "$dir/fifo-vrrp.log"; }

# --- configurations ------------------------------------------------------------------------------------------
globals() {
    cat <<EOF
global_defs {
    router_id calpe_notify_golden
    enable_script_security
    script_user root
    notify_fifo $dir/notify.fifo
    vrrp_notify_fifo $dir/vrrp.fifo
    vrrp_notify_fifo_script "$dir/fifo-reader.sh vrrp"
}
EOF
}

peer_conf() { # instances... (name:vrid pairs), priority 200, no scripts
    local spec
    echo "global_defs {"
    echo "    router_id calpe_notify_peer"
    echo "}"
    for spec in "$@"; do
        echo "vrrp_instance ${spec%%:*} {"
        echo "    state BACKUP"
        echo "    interface eth0"
        echo "    virtual_router_id ${spec#*:}"
        echo "    priority 200"
        echo "    advert_int 1"
        echo "    virtual_ipaddress {"
        echo "        198.18.4.${spec#*:}/24"
        echo "    }"
        echo "}"
    done
}

instance_conf() {
    globals
    cat <<EOF
vrrp_track_file tf {
    file "$dir/track"
    weight 1
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    track_interface {
        eth1
    }
    track_file {
        tf
    }
    notify_priority_changes true
    virtual_ipaddress {
        198.18.4.51/24
    }
    notify_master "$dir/log.sh master 'two words' \"double quoted\""
    notify_backup $dir/log-noargs.sh nobody
    notify_fault "$dir/log.sh fault"
    notify_stop "$dir/log.sh stop"
    notify "$dir/log.sh generic"
    notify_master_rx_lower_pri "$dir/log.sh rx_lower"
}
EOF
}

sync_conf() {
    globals
    cat <<EOF
vrrp_sync_group G1 {
    group {
        VI_1
        VI_2
    }
    notify_master "$dir/log.sh group_master"
    notify_backup "$dir/log.sh group_backup"
    notify_fault "$dir/log.sh group_fault"
    notify_stop "$dir/log.sh group_stop"
    notify "$dir/log.sh group_generic"
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    track_interface {
        eth1
    }
    virtual_ipaddress {
        198.18.4.51/24
    }
    notify_master "$dir/log.sh vi1_master"
    notify_backup "$dir/log.sh vi1_backup"
    notify_fault "$dir/log.sh vi1_fault"
    notify_stop "$dir/log.sh vi1_stop"
    notify "$dir/log.sh vi1_generic"
}
vrrp_instance VI_2 {
    state BACKUP
    interface eth0
    virtual_router_id 52
    priority 100
    advert_int 1
    virtual_ipaddress {
        198.18.4.52/24
    }
    notify "$dir/log.sh vi2_generic"
}
EOF
}

deleted_conf() { # keep: "all" or "one"
    globals
    cat <<EOF
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress {
        198.18.4.51/24
    }
    notify "$dir/log.sh vi1_generic"
}
EOF
    [ "$1" = all ] || return 0
    cat <<EOF
vrrp_instance VI_2 {
    state BACKUP
    interface eth0
    virtual_router_id 52
    priority 100
    advert_int 1
    virtual_ipaddress {
        198.18.4.52/24
    }
    notify_deleted "$dir/log.sh vi2_deleted"
    notify_fault "$dir/log.sh vi2_fault"
    notify_stop "$dir/log.sh vi2_stop"
    notify "$dir/log.sh vi2_generic"
}
vrrp_instance VI_3 {
    state BACKUP
    interface eth0
    virtual_router_id 53
    priority 100
    advert_int 1
    virtual_ipaddress {
        198.18.4.53/24
    }
    notify_deleted
    notify_fault "$dir/log.sh vi3_fault"
    notify "$dir/log.sh vi3_generic"
}
vrrp_instance VI_4 {
    state BACKUP
    interface eth0
    virtual_router_id 54
    priority 100
    advert_int 1
    virtual_ipaddress {
        198.18.4.54/24
    }
    notify_fault "$dir/log.sh vi4_fault"
    notify_stop "$dir/log.sh vi4_stop"
    notify "$dir/log.sh vi4_generic"
}
EOF
}

# --- scenarios -----------------------------------------------------------------------------------------------
run_instance() {
    instance_conf > "$dir/a.conf"
    peer_conf VI_1:51 > "$dir/b.conf"
    echo 0 > "$dir/track"
    step start
    start_ka a "$dir/a.conf"
    wait_fifo 'INSTANCE "VI_1" MASTER 100'
    step peer-higher
    start_ka b "$dir/b.conf"
    wait_fifo 'INSTANCE "VI_1" BACKUP 100' 2 15
    step peer-stop
    stop_pid "$b_pid"; b_pid=""
    wait_fifo 'INSTANCE "VI_1" MASTER 100' 2
    step priority-up
    echo 10 > "$dir/track"
    wait_fifo 'INSTANCE "VI_1" MASTER_PRIORITY 110'
    step priority-down
    echo 0 > "$dir/track"
    wait_fifo 'INSTANCE "VI_1" MASTER_PRIORITY 100'
    step link-down
    ip -n "$ns_a" link set eth1 down
    wait_fifo 'INSTANCE "VI_1" FAULT'
    step link-up
    ip -n "$ns_a" link set eth1 up
    wait_fifo 'INSTANCE "VI_1" MASTER 100' 3
    step stop
    local pid=$a_pid
    kill -TERM "$pid"; wait_gone "$pid"; a_pid=""
}

run_sync() {
    sync_conf > "$dir/a.conf"
    peer_conf VI_1:51 VI_2:52 > "$dir/b.conf"
    step start
    start_ka a "$dir/a.conf"
    wait_fifo 'GROUP "G1" MASTER'
    step peer-higher
    start_ka b "$dir/b.conf"
    wait_fifo 'GROUP "G1" BACKUP' 2 15
    step peer-stop
    stop_pid "$b_pid"; b_pid=""
    wait_fifo 'GROUP "G1" MASTER' 2
    step link-down
    ip -n "$ns_a" link set eth1 down
    wait_fifo 'GROUP "G1" FAULT'
    step link-up
    ip -n "$ns_a" link set eth1 up
    wait_fifo 'GROUP "G1" MASTER' 3
    step stop
    local pid=$a_pid
    kill -TERM "$pid"; wait_gone "$pid"; a_pid=""
}

run_deleted() {
    deleted_conf all > "$dir/a.conf"
    step start
    start_ka a "$dir/a.conf"
    wait_fifo 'INSTANCE "VI_4" MASTER 100'
    wait_fifo 'INSTANCE "VI_1" MASTER 100'
    step reload
    deleted_conf one > "$dir/a.conf"
    kill -HUP "$a_pid"
    wait_fifo 'INSTANCE "VI_4" FAULT'
    sleep 1
    step stop
    local pid=$a_pid
    kill -TERM "$pid"; wait_gone "$pid"; a_pid=""
}

# --- turning the logs into the golden file -------------------------------------------------------------------
render() { # scenario -> stdout
    # runs.log: the steps split the runs; inside a step runs are ordered by PID (fork order)
    awk -v dir="$dir" '
        function flush(   n, i, j, t) {
            n = 0
            for (k in runs) { n++; keys[n] = k + 0 }
            for (i = 2; i <= n; i++) { t = keys[i]; j = i - 1; while (j > 0 && keys[j] > t) { keys[j + 1] = keys[j]; j-- } keys[j + 1] = t }
            for (i = 1; i <= n; i++) printf "%s", runs[keys[i]]
            delete runs; delete keys
        }
        { gsub(dir, "@DIR@") }
        /^@step / { if (started) { flush(); printf "@fifo-%s\n", step } step = $2; started = 1; print "step " step; next }
        /^@run / { pid = $2; cur = "run " $3 "\n"; next }
        /^@arg / { cur = cur "arg " substr($0, 6) "\n"; next }
        /^@end$/ { runs[pid] = runs[pid] cur "end\n"; next }
        END { flush(); printf "@fifo-%s\n", step }
    ' "$dir/runs.log" > "$dir/runs.txt"
    # put each step's FIFO lines (both FIFOs) where the awk left a placeholder
    local line s kind
    while IFS= read -r line; do
        case $line in
        @fifo-*)
            s=${line#@fifo-}
            for kind in notify vrrp; do
                awk -v s="$s" -v kind="$kind" '/^@step / { on = ($2 == s); next } on { print "fifo " kind " " $0 }' \
                    "$dir/fifo-$kind.log"
            done ;;
        *) printf '%s\n' "$line" ;;
        esac
    done < "$dir/runs.txt"
}

all_names="instance sync-group deleted"
[ $# -gt 0 ] && names="$*" || names=$all_names
mkdir -p "$out"
for scenario in $names; do
    rm -f "$dir"/*.log "$dir"/*.pid "$dir"/*.txt "$dir"/*.fifo
    : > "$dir/runs.log"; : > "$dir/fifo-notify.log"; : > "$dir/fifo-vrrp.log"
    chmod 0666 "$dir"/*.log     # scripts configured with a user (nobody) append too
    # notify_fifo is read from outside keepalived (keepalived ends its own FIFO script at shutdown, possibly
    # before the script has read the STOP lines); vrrp_notify_fifo is read by vrrp_notify_fifo_script
    mkfifo -m 0644 "$dir/notify.fifo"
    start_reader
    case $scenario in
        instance) run_instance ;;
        sync-group) run_sync ;;
        deleted) run_deleted ;;
        *) echo "unknown scenario $scenario" >&2; exit 2 ;;
    esac
    sleep 1
    stop_pid "$r_pid"; r_pid=""
    {
        echo "# keepalived $(keepalived --version 2>&1 | head -1 | awk '{print $2}') notify golden '$scenario' (scripts/tools/notify-golden.sh)"
        echo "# node a's configuration: $scenario.conf; format: see the script's header"
        render
    } > "$out/$scenario.notify"
    case $scenario in
        instance) instance_conf ;;
        sync-group) sync_conf ;;
        deleted) deleted_conf all ;;
    esac | sed "s|$dir|@DIR@|g" > "$out/$scenario.conf"
    [ "$scenario" = deleted ] && deleted_conf one | sed "s|$dir|@DIR@|g" > "$out/$scenario.reload.conf"
    echo "$scenario: $(grep -c '^run ' "$out/$scenario.notify") runs, $(grep -c '^fifo ' "$out/$scenario.notify") FIFO lines"
done
echo "captured under $out"
