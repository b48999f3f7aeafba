#!/bin/bash
# Lab suite: the config media on the partition labelled CALPE, on a machine without udev and with nobody
# mounting it. A 16 MB ext4 image labelled CALPE (keepalived.conf on it) is attached as a loop device; Calpe
# runs with `--media auto` inside a network namespace (the veth its configuration names) and a private mount
# namespace (its mount vanishes with it). Checks: blkid finds the device, Calpe mounts it on STATE/media
# (rw,noatime,sync), applies its configuration (log and Web Console status page), writes its snapshot onto the
# partition, mounts it again when it is unmounted under it, and unmounts it on SIGTERM. Then, with no CALPE
# device, `--media auto` falls back to the bundled example. Refuses to run (failure, nothing touched) when the
# machine already has a device labelled CALPE. Root only (exit 77 otherwise). Writes JUnit XML.
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../lib/common.sh"

[ "$(id -u)" = 0 ] || { echo "media-partition: needs root (loop devices, mount, namespaces)"; exit 77; }
if ! command -v mkfs.ext4 >/dev/null || ! command -v debugfs >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq e2fsprogs >/dev/null 2>&1 || true
fi
for t in losetup blkid mkfs.ext4 debugfs unshare nsenter ip curl; do
    command -v "$t" >/dev/null || { echo "media-partition: $t is missing"; exit 77; }
done

reports=${LAB_REPORT_DIR:-$CALPE_ROOT/target/lab-reports/media-partition}
mkdir -p "$reports"
work=$(mktemp -d "${TMPDIR:-/tmp}/calpe-lab-media.XXXXXX")
ns=calpe-lab-media-$$
veth=cmp$$
calpe=$CALPE_ROOT/scripts/calpe
img=$work/calpe.img
loop="" pid="" pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$p" 2>/dev/null || true
    done
    # only the loop device this suite attached, and only while it still has our image behind it
    if [ -n "$loop" ] && losetup -n -O BACK-FILE "$loop" 2>/dev/null | grep -qF "$img"; then
        losetup -d "$loop" || true
    fi
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

suite=lab.media-partition
cases="" pass=0 fail=0
record() { # name ok|message
    local name=$1 result=$2
    if [ "$result" = ok ]; then
        pass=$((pass + 1))
        cases+="<testcase classname=\"$suite\" name=\"$name\"/>"
        echo "  ok    $name"
    else
        fail=$((fail + 1))
        result=$(printf '%s' "$result" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/"/\&quot;/g')
        cases+="<testcase classname=\"$suite\" name=\"$name\"><failure message=\"$result\"/></testcase>"
        echo "  FAIL  $name: $result"
    fi
}
finish() {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="%s" tests="%d" failures="%d" errors="0" skipped="0">%s</testsuite>\n' \
        "$suite" $((pass + fail)) "$fail" "$cases" >"$reports/TEST-$suite.xml"
    echo "media-partition: $pass passed, $fail failed"
    [ "$fail" = 0 ]
}
# wait_for SECONDS COMMAND...: true once COMMAND succeeds (polled every 0.2 s)
wait_for() {
    local n=$(($1 * 5))
    shift
    for _ in $(seq 1 "$n"); do "$@" && return 0; sleep 0.2; done
    return 1
}
# up_or_dead PORT: the media reports OK, or Calpe is gone (no point in waiting then)
up_or_dead() { ! kill -0 "$pid" 2>/dev/null || status_has "$1" "State:    OK"; }
log_has() { grep -qF -- "$2" "$1/log/calpe.log" 2>/dev/null; }
status_page() { ip netns exec "$ns" curl -s -m 3 -u admin:admin "http://127.0.0.1:$1/system/console/status-calpe-media.txt"; }
status_has() { status_page "$1" | grep -qF -- "$2"; }
in_ns_of() { nsenter -t "$1" -m -- "${@:2}"; } # run a command in Calpe's mount namespace

# start STATE PORT: scripts/calpe -n --media auto in the lab namespace and a private mount namespace; sets pid
# (ip netns exec, unshare and calpe -n all exec: it is the JVM's pid)
start_calpe() {
    ip netns exec "$ns" unshare -m --propagation private -- \
        "$calpe" -n --media auto --state "$1" --http-port "$2" >"$1.out" 2>&1 &
    pid=$!
    pids+=("$pid")
}
stop_calpe() { # pid: SIGTERM, bounded wait
    kill -TERM "$1" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    return 1
}

# A device labelled CALPE that is not ours: fail plainly, touch nothing (not even our own loop device).
existing=$(blkid -L CALPE 2>/dev/null || true)
[ -z "$existing" ] && [ -e /dev/disk/by-label/CALPE ] && existing=$(readlink -f /dev/disk/by-label/CALPE)
if [ -n "$existing" ]; then
    msg="this machine already has a device labelled CALPE ($existing); the suite would be ambiguous and does not touch it"
    record partition-mounted-and-applied "$msg"
    record no-partition-falls-back-to-example "$msg"
    finish
    exit 1
fi

calpe_ensure_built

ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" ip link add "${veth}a" type veth peer name "${veth}b"
ip netns exec "$ns" ip link set "${veth}a" up
ip netns exec "$ns" ip link set "${veth}b" up
ip netns exec "$ns" ip addr add 198.18.77.1/24 dev "${veth}a"

# --- the image: ext4 labelled CALPE, filled at mkfs time (nothing mounted on this side) ----------------------
mkdir -p "$work/content"
cat >"$work/content/keepalived.conf" <<EOF
! lab media for scripts/lab/media-partition.sh (198.18.0.0/15 only, inside namespace $ns)
global_defs {
    router_id calpe_lab_media
}

vrrp_instance VI_MEDIA {
    state BACKUP
    interface ${veth}a
    virtual_router_id 77
    priority 100
    advert_int 1
    virtual_ipaddress {
        198.18.77.10/24
    }
}
EOF
truncate -s 16M "$img"
mkfs.ext4 -q -F -L CALPE -d "$work/content" "$img"
loop=$(losetup -f --show "$img")
found=$(blkid -L CALPE 2>/dev/null || true)
if [ "$(readlink -f "$found")" = "$(readlink -f "$loop")" ]; then
    record blkid-finds-the-loop-device ok
else
    record blkid-finds-the-loop-device "blkid -L CALPE gave '$found', attached $loop"
fi

# --- case 1: the partition, found without udev and mounted by Calpe -------------------------------------------
state=$work/state1 port=18471
start_calpe "$state" "$port"
if wait_for 90 up_or_dead "$port" && status_has "$port" "State:    OK"; then
    record partition-mounted-and-applied ok
else
    record partition-mounted-and-applied "no state OK within 90 s: $(status_page "$port" | head -n 3 | tr '\n' ' ') $(tail -n 5 "$state.out" | tr '\n' ' ')"
fi
log_has "$state" "Config media: $state/media (partition labelled CALPE ($loop))" \
    && record log-names-the-partition ok \
    || record log-names-the-partition "$(grep -F 'Config media:' "$state/log/calpe.log" 2>/dev/null | head -n 1)"
log_has "$state" "Mounted the partition labelled CALPE ($loop) on $state/media (rw,noatime,sync)" \
    && record log-says-it-mounted-it ok \
    || record log-says-it-mounted-it "$(grep -iF 'partition' "$state/log/calpe.log" 2>/dev/null | head -n 3 | tr '\n' ' ')"
log_has "$state" "Configuration applied from $state/media/keepalived.conf" \
    && record configuration-applied-logged ok \
    || record configuration-applied-logged "$(grep -F 'Configuration' "$state/log/calpe.log" 2>/dev/null | head -n 2 | tr '\n' ' ')"
status_has "$port" "Media:    $state/media (partition labelled CALPE ($loop))" && status_has "$port" "$state/media/keepalived.conf" \
    && record console-shows-partition-and-file ok \
    || record console-shows-partition-and-file "$(status_page "$port" | head -n 12 | tr '\n' '|')"
opts=$(awk -v d="$state/media" '$2 == d {print $1 " " $4}' "/proc/$pid/mounts" 2>/dev/null || true)
case "$opts" in
    "$loop "*sync*noatime*|"$loop "*noatime*sync*) record mounted-rw-noatime-sync ok ;;
    *) record mounted-rw-noatime-sync "Calpe's mount table: '$opts'" ;;
esac
awk -v d="$state/media" '$2 == d' /proc/self/mounts | grep -q . \
    && record mount-stays-private "visible in the host's mount namespace" || record mount-stays-private ok

# an edit on the mounted partition is picked up (watch + poll on the mount)
in_ns_of "$pid" sed -i 's/priority 100/priority 101/' "$state/media/keepalived.conf"
wait_for 20 bash -c "[ \$(grep -cF 'Configuration applied from $state/media/keepalived.conf' '$state/log/calpe.log') -ge 2 ]" \
    && record edit-on-partition-applied ok || record edit-on-partition-applied "no second 'Configuration applied' in 20 s"

# unmounted under Calpe's feet: media lost, then mounted again by the retry, back to OK
in_ns_of "$pid" umount "$state/media" || true
if wait_for 20 log_has "$state" "Config media lost" && wait_for 30 status_has "$port" "State:    OK" \
    && [ "$(grep -cF "Mounted the partition labelled CALPE ($loop)" "$state/log/calpe.log")" -ge 2 ]; then
    record unmounted-media-is-mounted-again ok
else
    record unmounted-media-is-mounted-again "$(status_page "$port" | sed -n 2,3p | tr '\n' ' ')"
fi

if stop_calpe "$pid"; then
    log_has "$state" "Unmounted the partition labelled CALPE from $state/media" \
        && record unmounted-on-stop ok || record unmounted-on-stop "no 'Unmounted' line in the log"
else
    record unmounted-on-stop "still running 15 s after SIGTERM"
fi
# the snapshot Calpe took went onto the partition itself (written through: sync)
if debugfs -R "ls -l /snapshots" "$loop" 2>/dev/null | grep -qE '[0-9]{8}'; then
    record snapshot-written-to-partition ok
else
    record snapshot-written-to-partition "no snapshot on $loop: $(debugfs -R 'ls /' "$loop" 2>&1 | tr '\n' ' ' | head -c 300)"
fi
debugfs -R "cat /keepalived.conf" "$loop" 2>/dev/null | grep -q 'priority 101' \
    && record edit-reached-the-device ok || record edit-reached-the-device "keepalived.conf on $loop lacks the edit"

losetup -d "$loop"
loop=""
# the detach completes once the last user lets go (the dying mount namespace may still hold it briefly)
no_calpe_device() { [ -z "$(blkid -L CALPE 2>/dev/null || true)" ]; }
wait_for 10 no_calpe_device || true

# --- case 2: no device labelled CALPE: the bundled example -------------------------------------------------
if [ -n "$(blkid -L CALPE 2>/dev/null || true)" ]; then
    record no-partition-falls-back-to-example "a device labelled CALPE is still there: $(blkid -L CALPE)"
else
    state=$work/state2 port=18472
    start_calpe "$state" "$port"
    if wait_for 90 up_or_dead "$port" && status_has "$port" "State:    OK" && status_has "$port" "(bundled example)" \
        && log_has "$state" "No partition labelled CALPE"; then
        record no-partition-falls-back-to-example ok
    else
        record no-partition-falls-back-to-example "$(status_page "$port" | head -n 3 | tr '\n' ' ') $(tail -n 3 "$state.out" | tr '\n' ' ')"
    fi
    awk -v d="$state/media" '$2 == d' "/proc/$pid/mounts" 2>/dev/null | grep -q . \
        && record nothing-mounted-without-partition "something is mounted on $state/media" \
        || record nothing-mounted-without-partition ok
    stop_calpe "$pid" && record example-stops ok || record example-stops "still running 15 s after SIGTERM"
fi

# --- the launcher --------------------------------------------------------------------------------------------
rc=0; "$calpe" --media auto -f "$work/content/keepalived.conf" -n >"$work/auto-f.out" 2>&1 || rc=$?
[ "$rc" != 0 ] && grep -q 'drop -f' "$work/auto-f.out" && record launcher-auto-refuses-f ok \
    || record launcher-auto-refuses-f "rc $rc: $(head -c 200 "$work/auto-f.out")"

finish
