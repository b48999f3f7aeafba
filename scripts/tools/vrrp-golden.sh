#!/usr/bin/env bash
# Capture golden VRRP adverts from real keepalived (Debian 2.2.7) for the codec tests of org.calpe.vrrp.core.
#
# For every configuration below, keepalived runs as MASTER (VRRP process only, own pid files) in a private
# network namespace; a peer namespace on the same bridge captures a few adverts with tcpdump. Each capture is
# written as golden/<name>.hex (one packet per line: the full IP header + [AH] + VRRP, lower-case hex; lines
# starting with '#' are comments) next to golden/<name>.conf (the keepalived.conf that produced it).
#
# Lab (see ../shared/LAB.md): a bridge inside its own "switch" namespace, veth pairs created there with one end
# moved into the master and the peer namespace. The host's interfaces are never touched. Addresses only from
# 198.18.0.0/15 and 2001:db8::/32. Everything created is removed by name and PID in an EXIT trap.
#
# Usage: scripts/tools/vrrp-golden.sh [output-dir] [name...]     (needs root, keepalived, tcpdump)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$here/bundles/org.calpe.vrrp.core/src/test/resources/golden}
shift || true
command -v keepalived >/dev/null || { echo "keepalived is not installed (apt-get install keepalived)" >&2; exit 2; }
command -v tcpdump >/dev/null || { echo "tcpdump is not installed (apt-get install tcpdump)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 2; }

tag=vg$$
ns_sw=calpe-$tag-sw
ns_m=calpe-$tag-m
ns_p=calpe-$tag-p
scratch=$(mktemp -d "${TMPDIR:-/tmp}/calpe-vrrp-golden.XXXXXX")
ka_pid=""
td_pid=""

stop_pid() { # pid: TERM its process group, then KILL after 3 s
    local pid=$1 i
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    stop_pid "$td_pid"
    stop_pid "$ka_pid"
    local ns p
    for ns in "$ns_m" "$ns_p" "$ns_sw"; do
        if ip netns list | grep -qw "$ns"; then
            for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
            ip netns del "$ns" 2>/dev/null || true
        fi
    done
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the lab -------------------------------------------------------------------------------------------------
ip netns add "$ns_sw"
ip netns add "$ns_m"
ip netns add "$ns_p"
ip -n "$ns_sw" link add br0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0
ip -n "$ns_sw" link set br0 up
for side in m p; do
    ns=calpe-$tag-$side
    ip -n "$ns_sw" link add "sw-$side" type veth peer name eth0
    ip -n "$ns_sw" link set eth0 netns "$ns"
    ip -n "$ns_sw" link set "sw-$side" master br0 up
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
        net.ipv6.conf.eth0.accept_dad=0 net.ipv6.conf.all.keep_addr_on_down=1
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
done
ip -n "$ns_m" addr add 198.18.3.1/24 dev eth0
ip -n "$ns_m" addr add 2001:db8:3::1/64 dev eth0 nodad
ip -n "$ns_p" addr add 198.18.3.2/24 dev eth0
ip -n "$ns_p" addr add 2001:db8:3::2/64 dev eth0 nodad

# --- the configurations --------------------------------------------------------------------------------------
# "global_defs lines|instance lines", lines separated by ';'; instance lines (state MASTER, interface eth0, virtual_router_id, priority are common)
conf_body() { # name
    case $1 in
    v2-noauth)
        echo "vrrp_version 2|advert_int 1;virtual_ipaddress {;  198.18.3.100/24;  198.18.3.101/24;}" ;;
    v2-pass)
        echo "vrrp_version 2|advert_int 1;authentication {;  auth_type PASS;  auth_pass secret1;};virtual_ipaddress {;  198.18.3.100/24;  198.18.3.101/24;}" ;;
    v2-pass-long)
        echo "vrrp_version 2|advert_int 2;authentication {;  auth_type PASS;  auth_pass abcdefgh;};virtual_ipaddress {;  198.18.3.100/24;}" ;;
    v2-ah)
        echo "vrrp_version 2|advert_int 1;authentication {;  auth_type AH;  auth_pass secret1;};virtual_ipaddress {;  198.18.3.100/24;  198.18.3.101/24;}" ;;
    v2-ah-unicast)
        echo "vrrp_version 2|advert_int 1;unicast_src_ip 198.18.3.1;unicast_peer {;  198.18.3.2;};authentication {;  auth_type AH;  auth_pass secret1;};virtual_ipaddress {;  198.18.3.100/24;  198.18.3.101/24;}" ;;
    v3-ipv4)
        echo "vrrp_version 3|advert_int 1;virtual_ipaddress {;  198.18.3.100/24;  198.18.3.101/24;  198.18.3.102/24;}" ;;
    v3-ipv4-centi)
        echo "vrrp_version 3|advert_int 0.1;virtual_ipaddress {;  198.18.3.100/24;}" ;;
    v3-ipv4-unicast)
        echo "vrrp_version 3|advert_int 1;unicast_src_ip 198.18.3.1;unicast_peer {;  198.18.3.2;};virtual_ipaddress {;  198.18.3.100/24;  198.18.3.101/24;}" ;;
    v3-ipv4-unicast-oldcsum)
        echo "vrrp_version 3|advert_int 1;old_unicast_checksum;unicast_src_ip 198.18.3.1;unicast_peer {;  198.18.3.2;};virtual_ipaddress {;  198.18.3.100/24;  198.18.3.101/24;}" ;;
    v3-ipv6)
        echo "vrrp_version 3|advert_int 1;virtual_ipaddress {;  2001:db8:3::100/64;  2001:db8:3::101/64;}" ;;
    *) return 1 ;;
    esac
}
all_names="v2-noauth v2-pass v2-pass-long v2-ah v2-ah-unicast v3-ipv4 v3-ipv4-centi v3-ipv4-unicast v3-ipv4-unicast-oldcsum v3-ipv6"
[ $# -gt 0 ] && names="$*" || names=$all_names

write_conf() { # name file
    local body g i
    body=$(conf_body "$1")
    g=${body%%|*}
    i=${body#*|}
    {
        echo "# golden capture '$1' (scripts/tools/vrrp-golden.sh): keepalived 2.2.7 as MASTER"
        echo "global_defs {"
        echo "    router_id calpe_golden"
        echo "    $g"
        echo "}"
        echo "vrrp_instance VI_1 {"
        echo "    state MASTER"
        echo "    interface eth0"
        echo "    virtual_router_id 51"
        echo "    priority 150"
        echo "$i" | tr ';' '\n' | sed 's/^/    /'
        echo "}"
    } > "$2"
}

mkdir -p "$out"
captured=0
for name in $names; do
    conf_body "$name" >/dev/null || { echo "unknown configuration $name" >&2; exit 2; }
    conf=$out/$name.conf
    write_conf "$name" "$conf"
    case $name in
        *ipv6*) filter="ip6 proto 112" ;;
        *ah*) filter="ip proto 51" ;;
        *) filter="ip proto 112" ;;
    esac
    pcap=$scratch/$name.pcap
    # the capture side first, then keepalived; -c 4 adverts or 12 s
    setsid ip netns exec "$ns_p" timeout 12 tcpdump -i eth0 -nn -U -c 4 -w "$pcap" "$filter" >"$scratch/$name.tcpdump.log" 2>&1 &
    td_pid=$!
    sleep 0.5
    setsid ip netns exec "$ns_m" keepalived -n -l -D -P -f "$conf" \
        -p "$scratch/$name.ka.pid" -r "$scratch/$name.vrrp.pid" -c "$scratch/$name.chk.pid" \
        >"$scratch/$name.keepalived.log" 2>&1 &
    ka_pid=$!
    wait "$td_pid" 2>/dev/null || true
    td_pid=""
    stop_pid "$ka_pid"
    ka_pid=""
    # the VIPs stay behind only after a crash; remove any left over, by address
    ip -n "$ns_m" addr flush dev eth0 scope global 2>/dev/null || true
    ip -n "$ns_m" addr add 198.18.3.1/24 dev eth0
    ip -n "$ns_m" addr add 2001:db8:3::1/64 dev eth0 nodad
    hex=$out/$name.hex
    {
        echo "# keepalived 2.2.7 adverts for $name.conf, captured on the peer with tcpdump ($filter)"
        echo "# one packet per line: IP header onwards, hex"
        tcpdump -r "$pcap" -nn -x 2>/dev/null | awk '
            /^[^ \t]/ { if (pkt != "") print pkt; pkt = ""; next }
            /^[ \t]+0x/ { for (i = 2; i <= NF; i++) pkt = pkt $i }
            END { if (pkt != "") print pkt }'
    } > "$hex"
    n=$(grep -vc '^#' "$hex" || true)
    if [ "$n" -lt 2 ]; then
        echo "$name: only $n adverts captured; keepalived said:" >&2
        tail -n 20 "$scratch/$name.keepalived.log" >&2
        exit 1
    fi
    echo "$name: $n adverts"
    captured=$((captured + 1))
done
echo "captured $captured configurations under $out"
