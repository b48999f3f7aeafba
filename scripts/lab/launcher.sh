#!/bin/bash
# Lab suite for scripts/calpe (the keepalived-compatible launcher) and the appliance's process behaviour:
# version/help, -t without OSGi and with keepalived's exit codes, daemon start with pid file, refusal of a
# second start, SIGHUP keeps running, SIGTERM stops cleanly and removes the pid file, two instances side by
# side in one namespace (separate state and ports), the same configuration in a second network namespace
# (ip netns exec; own lo brought up, own 127.0.0.1:port), the example media against both config tests, and
# scripts/run-demo (starts, and removes its namespace). Writes JUnit XML to $LAB_REPORT_DIR.
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../lib/common.sh"

reports=${LAB_REPORT_DIR:-$CALPE_ROOT/target/lab-reports/launcher}
mkdir -p "$reports"
work=$(mktemp -d "${TMPDIR:-/tmp}/calpe-lab-launcher.XXXXXX")
ns=calpe-lab-launcher-$$
calpe=$CALPE_ROOT/scripts/calpe
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$p" 2>/dev/null || true
    done
    ip netns del "$ns" 2>/dev/null || true
    ip netns del "$ns-ex" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

cases="" pass=0 fail=0
record() { # name ok|message
    local name=$1 result=$2
    if [ "$result" = ok ]; then
        pass=$((pass + 1))
        cases+="<testcase classname=\"lab.launcher\" name=\"$name\"/>"
        echo "  ok    $name"
    else
        fail=$((fail + 1))
        result=$(printf '%s' "$result" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/"/\&quot;/g')
        cases+="<testcase classname=\"lab.launcher\" name=\"$name\"><failure message=\"$result\"/></testcase>"
        echo "  FAIL  $name: $result"
    fi
}
expect_eq() { [ "$1" = "$2" ] && echo ok || echo "expected '$2', got '$1'"; }
wait_gone() { for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; return 1; }

calpe_ensure_built

# --- command line ---------------------------------------------------------------------------------------
record version "$(expect_eq "$("$calpe" -v)" "Calpe v$CALPE_VERSION (keepalived-compatible command line)")"
rc=0; "$calpe" --no-such-option >/dev/null 2>&1 || rc=$?
record unknown-option-fails "$(expect_eq "$rc" 1)"
"$calpe" -h | grep -q -- '--config-test' && record help ok || record help "no --config-test in --help"

# --- -t: same exit code as keepalived -t, no OSGi -----------------------------------------------------------
mkdir -p "$work/bad" "$work/lb1" "$work/lb2"
printf 'vrrp_instance VI_1 {\n    virtual_router_id 300\n}\n' >"$work/bad/keepalived.conf"
printf 'global_defs {\n    router_id lab_lb1\n}\n' >"$work/lb1/keepalived.conf"
cp "$work/lb1/keepalived.conf" "$work/lb2/keepalived.conf"
rc=0; "$calpe" -t -f "$work/bad/keepalived.conf" 2>"$work/t.err" || rc=$?
if command -v keepalived >/dev/null; then
    krc=0; keepalived -t -f "$work/bad/keepalived.conf" 2>/dev/null || krc=$?
    record configtest-exit-code-as-keepalived "$(expect_eq "$rc" "$krc")"
else
    record configtest-exit-code-as-keepalived "$(expect_eq "$rc" 5)"
fi
grep -q "keepalived.conf:2" "$work/t.err" && record configtest-names-file-and-line ok \
    || record configtest-names-file-and-line "no file:line in: $(head -c 300 "$work/t.err")"
rc=0; "$calpe" -t -f "$work/lb1/keepalived.conf" 2>/dev/null || rc=$?
record configtest-valid-file "$(expect_eq "$rc" 0)"
rc=0; "$calpe" --config-test="$work/t.log" -f "$work/bad/keepalived.conf" 2>/dev/null || rc=$?
[ "$rc" != 0 ] && [ -s "$work/t.log" ] && record configtest-log-file ok || record configtest-log-file "rc $rc, log empty"
pgrep -f "appliance.jar.*$work" >/dev/null && record configtest-boots-no-osgi "an appliance JVM is running" \
    || record configtest-boots-no-osgi ok

# --- daemon, pid file, signals ------------------------------------------------------------------------------
"$calpe" -f "$work/lb1/keepalived.conf" --state "$work/state-lb1" -p "$work/lb1.pid" >"$work/lb1.out" 2>&1 \
    && record daemon-starts ok || record daemon-starts "$(tail -n 5 "$work/lb1.out")"
pid1=$(cat "$work/lb1.pid" 2>/dev/null || echo none)
pids+=("$pid1")
port1=$(cat "$work/state-lb1/http.port" 2>/dev/null || echo none)
record daemon-console-answers "$(expect_eq "$(calpe_http_status "$port1" admin:admin)" 200)"
record console-needs-credentials "$(expect_eq "$(calpe_http_status "$port1" admin:nope)" 401)"
if ss -Hltn "sport = :$port1" | awk '{print $4}' | grep -qv '127.0.0.1'; then
    record console-loopback-only "listens on $(ss -Hltn "sport = :$port1" | awk '{print $4}' | tr '\n' ' ')"
else
    record console-loopback-only ok
fi
sid=$(ps -o sid= -p "$pid1" | tr -d ' ')
record daemon-own-session "$(expect_eq "$sid" "$pid1")"
rc=0; "$calpe" -f "$work/lb1/keepalived.conf" --state "$work/state-lb1" -p "$work/lb1.pid" >"$work/again.out" 2>&1 || rc=$?
[ "$rc" != 0 ] && grep -q 'already running' "$work/again.out" && record second-start-refused ok \
    || record second-start-refused "rc $rc: $(cat "$work/again.out")"
grep -q 'Calpe runtime: role all' "$work/state-lb1/log/calpe.log" && record status-line-logged ok \
    || record status-line-logged "no status line in calpe.log"

# a second instance beside the first: its own state, the next port, VRRP only
"$calpe" -f "$work/lb2/keepalived.conf" -P >"$work/lb2.out" 2>&1 --state "$work/state-lb2" \
    && record second-instance-starts ok || record second-instance-starts "$(tail -n 5 "$work/lb2.out")"
pid2=$(cat "$work/state-lb2/calpe.pid" 2>/dev/null || echo none)
pids+=("$pid2")
port2=$(cat "$work/state-lb2/http.port" 2>/dev/null || echo none)
[ "$port2" != "$port1" ] && [ "$(calpe_http_status "$port2" admin:admin)" = 200 ] \
    && record second-instance-own-port ok || record second-instance-own-port "ports $port1 / $port2"
grep -q 'role vrrp' "$work/state-lb2/log/calpe.log" && record vrrp-only-role ok \
    || record vrrp-only-role "no 'role vrrp' in the log"

kill -HUP "$pid1"
# the reload is logged by the appliance's own thread: wait for the line (bounded), then check it still runs
for _ in $(seq 1 100); do grep -q 'Reloading (SIGHUP)' "$work/state-lb1/log/calpe.log" && break; sleep 0.1; done
sleep 0.5
if ! kill -0 "$pid1" 2>/dev/null; then record sighup-reloads-and-keeps-running "died after SIGHUP"
elif ! grep -q 'Reloading (SIGHUP)' "$work/state-lb1/log/calpe.log"; then
    record sighup-reloads-and-keeps-running "no 'Reloading (SIGHUP)' in the log within 10 s"
else record sighup-reloads-and-keeps-running ok; fi

kill -TERM "$pid1"
if wait_gone "$pid1"; then
    [ ! -e "$work/lb1.pid" ] && record sigterm-stops-and-removes-pid-file ok \
        || record sigterm-stops-and-removes-pid-file "pid file left"
    grep -q 'Stopping' "$work/state-lb1/log/calpe.log" && record sigterm-is-graceful ok \
        || record sigterm-is-graceful "no 'Stopping' in the log"
else
    record sigterm-stops-and-removes-pid-file "still running 10 s after SIGTERM"
    record sigterm-is-graceful "still running"
fi
kill -0 "$pid2" 2>/dev/null && record other-instance-unaffected ok || record other-instance-unaffected "lb2 died"
kill -TERM "$pid2"
wait_gone "$pid2" || true

# --- inside a network namespace -------------------------------------------------------------------------------
if [ "$(id -u)" = 0 ] && command -v ip >/dev/null; then
    ip netns add "$ns"
    ip netns exec "$ns" "$calpe" -f "$work/lb1/keepalived.conf" >"$work/ns.out" 2>&1 \
        && record netns-starts ok || record netns-starts "$(tail -n 5 "$work/ns.out")"
    nstate=/var/lib/calpe/$ns.lb1
    pid3=$(cat "$nstate/calpe.pid" 2>/dev/null || echo none)
    pids+=("$pid3")
    port3=$(cat "$nstate/http.port" 2>/dev/null || echo none)
    record netns-instance-named-after-namespace "$([ -d "$nstate" ] && echo ok || echo "no $nstate")"
    record netns-console-in-namespace "$(expect_eq "$(ip netns exec "$ns" bash -c \
        ". '$CALPE_ROOT/scripts/lib/common.sh'; calpe_http_status $port3 admin:admin")" 200)"
    kill -TERM "$pid3" 2>/dev/null || true
    wait_gone "$pid3" || true
    rm -rf "$nstate"
fi

# --- the bundled example media and the demo command -------------------------------------------------------------
example=$CALPE_ROOT/appliance-image/media-example/keepalived.conf
if [ "$(id -u)" = 0 ] && command -v ip >/dev/null; then
    # both config tests with the demo's veth present, in a namespace of our own
    ip netns add "$ns-ex"
    ip netns exec "$ns-ex" ip link add calpe-demo0 type veth peer name calpe-demo1
    rc=0; ip netns exec "$ns-ex" "$calpe" -t -f "$example" 2>"$work/ex.err" || rc=$?
    [ "$rc" = 0 ] && record media-example-passes-configtest ok \
        || record media-example-passes-configtest "exit $rc: $(head -c 300 "$work/ex.err")"
    if command -v keepalived >/dev/null; then
        krc=0; ip netns exec "$ns-ex" keepalived -t -f "$example" 2>/dev/null || krc=$?
        record media-example-passes-keepalived-t "$(expect_eq "$krc" 0)"
    fi
    ip netns del "$ns-ex"

    if ip netns list | grep -q '^calpe-demo\b'; then
        record run-demo "namespace calpe-demo exists (a demo is running?); not run"
    else
        rc=0; timeout 120 "$CALPE_ROOT/scripts/run-demo" --for 3 --dir "$work/demo" >"$work/demo.out" 2>&1 || rc=$?
        if [ "$rc" = 0 ] && grep -q 'Calpe demo is running' "$work/demo.out" && grep -q 'lab: namespace calpe-demo' "$work/demo.out"; then
            record run-demo ok
        else
            record run-demo "rc $rc: $(tail -n 5 "$work/demo.out")"
        fi
        if ip netns list | grep -q '^calpe-demo\b' || ip link show calpe-demo0 >/dev/null 2>&1; then
            record run-demo-cleans-up "namespace or veth left behind"
        else
            record run-demo-cleans-up ok
        fi
    fi
fi

printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="lab.launcher" tests="%d" failures="%d" errors="0" skipped="0">%s</testsuite>\n' \
    $((pass + fail)) "$fail" "$cases" >"$reports/TEST-lab.launcher.xml"
echo "launcher: $pass passed, $fail failed"
[ "$fail" = 0 ]
