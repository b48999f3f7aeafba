#!/bin/bash
# Regenerates keepalived-2.2.7.json: runs the installed keepalived (2.2.7) on keepalived-2.2.7-json.conf in a
# private network and mount namespace (veth calpe-sv0/calpe-sv1 with lab addresses, private /tmp and /run so
# no other keepalived's files are touched), sends its JSON signal, copies /tmp/keepalived.json and stops it by
# PID. The namespace and its veth vanish when the script ends. Needs root. Usage: keepalived-2.2.7-json.sh OUTDIR
# The test data (FakeVrrp) carries this run's last_transition and advert_sent values: update them with a new dump.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "${1:?usage: $0 OUTDIR}" && pwd)
work=$(mktemp -d /tmp/calpe-json-golden.XXXXXX)
cp "$here/keepalived-2.2.7-json.conf" "$work/k.conf"
export work
timeout 60 unshare --net --mount --fork bash -euo pipefail -c '
mount --make-rprivate /
mount --bind "$work" /tmp
mount -t tmpfs tmpfs /run
ip link set lo up
ip link add calpe-sv0 type veth peer name calpe-sv1
ip addr add 198.18.0.2/24 dev calpe-sv0
ip -6 addr add 2001:db8::2/64 dev calpe-sv0 nodad
ip link set calpe-sv0 up
ip link set calpe-sv1 up
keepalived -n -l -D -P -f /tmp/k.conf -p /run/k.pid -r /run/kv.pid >/tmp/k.log 2>&1 &
kp=$!
sleep 6
kill -s "$(keepalived --signum=JSON)" "$(cat /run/kv.pid)"
sleep 1
kill -TERM "$kp"
for i in $(seq 1 20); do kill -0 "$kp" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$kp" 2>/dev/null; then kill -KILL "$kp"; fi
wait "$kp" || true
'
cp "$work/keepalived.json" "$out/keepalived-2.2.7.json"
rm -rf "$work"
