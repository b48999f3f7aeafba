#!/bin/bash
# Start-up benchmark of the appliance (BENCHMARKS.md): time from `java -jar appliance.jar` until the Web
# Console answers 200 (with credentials), RSS 10 s after start, and SIGTERM -> exit. Each run uses a fresh
# state directory (empty framework cache and config store, as scripts/calpe does on every start).
#
# Usage: scripts/measure-startup.sh [--runs N] [--set NAME]...
#   sets: default (the JVM's defaults), tuned (CALPE_JAVA_OPTS only), launcher (what scripts/calpe runs:
#   CALPE_JAVA_OPTS plus the AppCDS archive, made by one training run if missing).
#   Default: --runs 5 --set launcher. --compare = all three sets.
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/common.sh"

runs=5 sets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --set) sets+=("$2"); shift 2 ;;
        --compare) sets=(default tuned launcher); shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) calpe_die "unknown option $1" ;;
    esac
done
[ ${#sets[@]} -gt 0 ] || sets=(launcher)

calpe_ensure_built
work=$(mktemp -d "${TMPDIR:-/tmp}/calpe-measure.XXXXXX")
pid=""
cleanup() {
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    local p=18600
    while calpe_port_busy "$p"; do p=$((p + 1)); done
    echo "$p"
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start FLAGS... : starts the JVM with a fresh state directory; sets pid, port, t0
start() {
    local state=$work/state
    rm -rf "$state"
    mkdir -p "$state/log"
    port=$(free_port)
    t0=$(now_ms)
    java "$@" \
        -Djava.util.logging.config.file="$CALPE_ETC/jul.properties" \
        -Dlogback.configurationFile="$CALPE_ETC/logback.xml" -Dcalpe.console.level=OFF \
        -Dcalpe.log.dir="$state/log" -Dcalpe.state.dir="$state" \
        -Dorg.osgi.framework.storage="$state/felix-cache" -Dfelix.cm.dir="$state/config" \
        -Dfelix.fileinstall.dir="$CALPE_WEBCONSOLE_CONFIG" -Dcalpe.media="$work/media" \
        -Dorg.osgi.service.http.port="$port" -jar "$CALPE_JAR" >"$state/out.txt" 2>&1 &
    pid=$!
}

# wait_console: prints ms from start until 200, or "timeout"
wait_console() {
    local deadline=$(( $(now_ms) + 30000 ))
    while [ "$(now_ms)" -lt "$deadline" ]; do
        if [ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' -u admin:admin "http://127.0.0.1:$port/system/console/bundles")" = 200 ]; then
            echo $(( $(now_ms) - t0 ))
            return
        fi
        sleep 0.01
    done
    echo timeout
}

stop() { # sets stop_ms: ms from SIGTERM to exit
    local t
    t=$(now_ms)
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
    pid=""
    stop_ms=$(( $(now_ms) - t ))
}

cpu_ms() { # user+system CPU time of $pid so far, in ms
    awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat"
}

stats() { # numbers... -> "median M (min A, max B)"
    printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "median %d (min %d, max %d)", a[int((NR+1)/2)], a[1], a[NR]}'
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n1), load $(cut -d' ' -f1-3 /proc/loadavg)"
for set in "${sets[@]}"; do
    case "$set" in
        default) flags=() ;;
        tuned) read -r -a flags <<<"$CALPE_JAVA_OPTS" ;;
        launcher)
            # exactly what scripts/calpe runs: CALPE_JAVA_OPTS plus the AppCDS archive (made if missing)
            read -r -a flags <<<"$CALPE_JAVA_OPTS $(calpe_cds_opts)"
            ;;
        *) calpe_die "unknown set $set" ;;
    esac
    echo "set $set: java ${flags[*]:-(defaults)} -jar appliance.jar"
    starts=() cpus=() rsss=() stops=()
    for i in $(seq 1 "$runs"); do
        start "${flags[@]}"
        ms=$(wait_console)
        [ "$ms" != timeout ] || { tail -n 20 "$work/state/out.txt" >&2; calpe_die "console did not answer"; }
        cpu=$(cpu_ms)
        while [ $(( $(now_ms) - t0 )) -lt 10000 ]; do sleep 0.2; done
        rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
        stop
        printf '  run %d: console 200 after %5d ms (JVM CPU %5d ms), RSS at 10 s %4d MB, SIGTERM->exit %4d ms\n' \
            "$i" "$ms" "$cpu" "$rss" "$stop_ms"
        starts+=("$ms") cpus+=("$cpu") rsss+=("$rss") stops+=("$stop_ms")
        sleep 1
    done
    echo "  start $(stats "${starts[@]}") ms; CPU to 200 $(stats "${cpus[@]}") ms; RSS $(stats "${rsss[@]}") MB; stop $(stats "${stops[@]}") ms"
done
