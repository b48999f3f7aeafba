#!/usr/bin/env bash
# Benchmark (issue 4, "Targets"): health checks at scale. Calpe checks TCP_COUNT real servers with TCP_CHECK and
# HTTP_COUNT with HTTP_GET, all at delay_loop 1, against nginx on the loopback of a network namespace this
# script creates (every real server is its own 127.x.y.z address; nginx listens on the wildcard address, port
# 81 for TCP_CHECK and port 80 for HTTP_GET), and prints
#   checks per CPU-second   checks started in the window / CPU seconds the Calpe JVM spent in it (user+sys)
#   start lag               due time -> check handed to its checker: p50, p99, p99.9, max (calpe:checklag)
#   down                    real servers DOWN at the end of the window (nginx answers all: should be 0)
#   check duration          p50 and p99 over every checker's last check, handed to the checker -> verdict, per
#                           type (tcp_ms_*, http_ms_*): includes the wait in the checker's event loop, which the
#                           start lag (measured by the engine) does not see
#   memory per real server  slope of RSS and of the live heap between a run with SMALL real servers and one
#                           with all of them, both read after a full GC; the live heap is the total of a class
#                           histogram (jcmd GC.class_histogram, itself a full GC), saved as RUN/histogram.txt, and
#                           the per-class slope (bytes per real server, largest first) goes to histogram-slope.txt
#
#   scripts/bench/checks.sh [-t TCP_COUNT] [-H HTTP_COUNT] [-w WINDOW_S] [-W WARMUP_S] [-s SMALL_FRACTION_PERCENT]
#                           [-d DELAY_LOOP_S] [-k]
#
# -d sets every virtual server's delay_loop (default 1). At delay_loop 1 on a loaded machine the live heap also
# holds the checks in flight (a Netty channel and its futures per open connection); histogram-slope.txt shows
# them apart, and a run at, e.g., -d 30 measures the configured state alone (the first check of each real server
# is then spread over up to 31 s, so give -W 40 or more).
# -k keeps the full run's Calpe running after its measurement (its JVM's PID is printed, for jcmd) until the
# script is interrupted (Ctrl-C, TERM), then stops it as usual.
# RSS only follows the live data if the heap can shrink: unless CALPE_JAVA_OPTS is set, the run uses the
# launcher's default flags plus -XX:-ShrinkHeapInSteps (Serial GC gives memory back all at the first full GC
# rather than in steps over four), and after the window, before the memory readings, sets the manageable
# -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 with jcmd VM.set_flag (the old generation is shrunk when more
# than 20 % of it is free); RSS is read after two full GCs. The window itself runs with the launcher's heap
# sizing: an old generation kept 90 % full makes Serial GC collect it every second or two under load, which is
# the benchmark's doing, not the appliance's. The young generation keeps its share of the heap (NewRatio 2:
# half the old generation's size), so the RSS slope stays about 1.5-2 times the live-heap slope plus what
# grows outside the heap.
#
# Defaults: 10000 TCP_CHECK + 2000 HTTP_GET, a 60 s window after a 20 s warm-up, the small run at 10 %.
# Targets: >= 20,000 checks per CPU-second, start lag p99 <= 10 ms, <= 2 KiB per real server.
# No peer runs beside it: keepalived's checker process needs kernel IPVS, which this kernel lacks
# (keepalived stops with "IPVS: Can't initialize ipvs"; see ../shared/LAB.md).
# BENCH_GLOBAL_DEFS adds global_defs lines, ';'-separated (e.g. 'checker_priority 0' for the check engine thread
# in the ordinary scheduling class instead of Calpe's default SCHED_RR 1).
# Environment: CALPE_NO_BUILD=1 uses the existing jar; BENCH_OUT (default target/bench/checks) keeps the
# configurations, logs and the summary. Exit 0 when both runs completed, 2 on a setup error, 77 if not root or
# nginx is missing.
set -uo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=../lib/common.sh
. "$here/scripts/lib/common.sh"

tcp=10000 http=2000 window=60 warmup=20 small_pct=10 keep=0 delay_loop=1
while getopts "t:H:w:W:s:d:k" o; do
    case $o in
        t) tcp=$OPTARG ;; H) http=$OPTARG ;; w) window=$OPTARG ;; W) warmup=$OPTARG ;; s) small_pct=$OPTARG ;;
        d) delay_loop=$OPTARG ;; k) keep=1 ;;
        *) echo "usage: $0 [-t TCP_COUNT] [-H HTTP_COUNT] [-w WINDOW_S] [-W WARMUP_S] [-s SMALL_PERCENT] [-d DELAY_LOOP_S] [-k]" >&2
           exit 2 ;;
    esac
done
for v in "$tcp" "$http" "$window" "$warmup" "$small_pct" "$delay_loop"; do
    case $v in ''|*[!0-9]*) echo "counts and times are whole numbers, not '$v'" >&2; exit 2 ;; esac
done
[ $((tcp + http)) -ge 1 ] && [ $((tcp + http)) -le 60000 ] || { echo "1..60000 real servers in all" >&2; exit 2; }
[ "$window" -ge 5 ] && [ "$window" -le 3600 ] || { echo "window 5..3600 s" >&2; exit 2; }
[ "$warmup" -le 3600 ] || { echo "warm-up 0..3600 s" >&2; exit 2; }
[ "$delay_loop" -ge 1 ] && [ "$delay_loop" -le 3600 ] || { echo "delay_loop 1..3600 s" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "checks bench: needs root (network namespace)" >&2; exit 77; }
command -v nginx >/dev/null || { echo "checks bench: nginx is missing (apt-get install nginx-light)" >&2; exit 77; }

if [ "${CALPE_NO_BUILD:-0}" != 1 ]; then
    ( calpe_ensure_built ) || { echo "cannot build Calpe" >&2; exit 2; }
fi
[ -f "$CALPE_JAR" ] || { echo "no $CALPE_JAR" >&2; exit 2; }

# a heap that shrinks at the full GCs before the memory readings, so that RSS follows the live data (see the
# header; common.sh has already put the default into CALPE_JAVA_OPTS when the caller gave none)
shrink_heap=0
if [ "$CALPE_JAVA_OPTS" = "$CALPE_DEFAULT_JAVA_OPTS" ]; then
    CALPE_JAVA_OPTS="$CALPE_DEFAULT_JAVA_OPTS -XX:-ShrinkHeapInSteps"
    shrink_heap=1
fi
export CALPE_JAVA_OPTS
out=${BENCH_OUT:-$here/target/bench/checks}
rm -rf "$out" && mkdir -p "$out"
ns=calpe-bchk-$$
nginx_pid="" calpe_pid="" shell_fd_open=0 kept_jvm=""

cleanup() {
    if [ "$shell_fd_open" = 1 ]; then exec 7>&- 2>/dev/null; shell_fd_open=0; fi
    if [ -n "$calpe_pid" ] && kill -0 "$calpe_pid" 2>/dev/null; then
        kill -TERM "$calpe_pid" 2>/dev/null
        for _ in $(seq 1 100); do kill -0 "$calpe_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$calpe_pid" 2>/dev/null
    fi
    calpe_pid=""
    if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
        kill -QUIT "$nginx_pid" 2>/dev/null
        for _ in $(seq 1 50); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$nginx_pid" 2>/dev/null
    fi
    nginx_pid=""
    ip netns del "$ns" 2>/dev/null
    return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$ns" || { echo "cannot create namespace $ns" >&2; exit 2; }
ip -n "$ns" link set lo up

# --- nginx: one worker per core, no logs, tiny answers -----------------------------------------------------
mkdir -p "$out/nginx/logs"
cat >"$out/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 2;
pid $out/nginx/nginx.pid;
error_log $out/nginx/logs/error.log warn;
events { worker_connections 16384; }
worker_rlimit_nofile 40000;
http {
    access_log off;
    keepalive_timeout 0;
    server { listen 80 backlog=8192; location / { return 200 "calpe bench\n"; } }
    server { listen 81 backlog=8192; location / { return 200 "tcp\n"; } }
}
EOF
ip netns exec "$ns" nginx -p "$out/nginx" -c "$out/nginx/nginx.conf" >"$out/nginx/stdout.log" 2>&1 &
nginx_pid=$!
sleep 1
kill -0 "$nginx_pid" 2>/dev/null || { echo "nginx did not start:"; cat "$out/nginx/stdout.log"; exit 2; } >&2

# --- keepalived.conf: real servers spread over virtual servers of 1000 ----------------------------------------
write_conf() { # file tcp http delay_loop
    python3 - "$1" "$2" "$3" "$4" <<'PY'
import sys
path, tcp, http, delay_loop = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
import os
extra = [l.strip() for l in os.environ.get("BENCH_GLOBAL_DEFS", "").split(";") if l.strip()]
out = ["global_defs {", "    router_id calpe_bench"] + ["    " + l for l in extra] + ["}"]
def servers(kind, count, first_octet, port):
    vs = 0
    for i in range(count):
        if i % 1000 == 0:
            if i:
                out.append("}")
            vs += 1
            out.append("virtual_server 198.18.%d.%d %d {" % (first_octet, vs, port))
            out.append("    delay_loop %d" % delay_loop)
            out.append("    lb_algo rr")
            out.append("    lb_kind NAT")
            out.append("    protocol TCP")
        n = i + 1
        ip = "127.%d.%d.%d" % (first_octet, n // 250, n % 250 + 1)
        out.append("    real_server %s %d {" % (ip, port))
        if kind == "tcp":
            out.append("        TCP_CHECK {")
            out.append("            connect_timeout 3")
            out.append("        }")
        else:
            out.append("        HTTP_GET {")
            out.append("            url {")
            out.append("                path /")
            out.append("                status_code 200")
            out.append("            }")
            out.append("            connect_timeout 3")
            out.append("        }")
        out.append("    }")
    if count:
        out.append("}")
servers("tcp", tcp, 10, 81)
servers("http", http, 20, 80)
open(path, "w").write("\n".join(out) + "\n")
PY
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
java_pid_of() { # the appliance's JVM in the process group of scripts/calpe (not its configtest JVM)
    local p
    for p in $(pgrep -g "$1" 2>/dev/null); do
        [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ] || continue
        tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q -- "-jar $CALPE_JAR" && { echo "$p"; return; }
    done
}
gogo() { printf '%s\n' "$*" >&7; }
last_lag() { grep -a -o 'checks=[0-9].*' "$1" | tail -n1; }

# run LABEL TCP HTTP: starts Calpe on its own configuration, waits for every real server, measures a window
run() {
    local label=$1 n_tcp=$2 n_http=$3 d=$out/$1 total=$(($2 + $3))
    mkdir -p "$d/media" "$d/state"
    write_conf "$d/media/keepalived.conf" "$n_tcp" "$n_http" "$delay_loop"
    mkfifo "$d/shell.in"
    # -n --shell: Calpe in the foreground with Gogo reading the FIFO; its own process group (setsid)
    setsid ip netns exec "$ns" "$here/scripts/calpe" -n --shell --media "$d/media" --state "$d/state" \
        <"$d/shell.in" >"$d/calpe.out" 2>&1 &
    calpe_pid=$!
    exec 7>"$d/shell.in"; shell_fd_open=1
    local jp="" i
    # every real server configured and checked at least once
    local seen=0
    for i in $(seq 1 180); do
        kill -0 "$calpe_pid" 2>/dev/null || { echo "$label: Calpe stopped; see $d/calpe.out" >&2; return 1; }
        gogo "calpe:checklag"; sleep 1
        seen=$(last_lag "$d/calpe.out" | sed -n 's/.*real_servers=\([0-9]*\).*/\1/p')
        [ "${seen:-0}" -ge "$total" ] && break
    done
    [ "${seen:-0}" -ge "$total" ] || { echo "$label: only ${seen:-0} of $total real servers after 180 s" >&2; return 1; }
    # the appliance's JVM, found only now: a first start after a build also runs a short class-data-sharing
    # training JVM with the same command line
    jp=$(java_pid_of "$calpe_pid")
    [ -n "$jp" ] || { echo "$label: cannot find the appliance's JVM" >&2; return 1; }
    sleep "$warmup"
    # the CPU and wall clocks are read as the commands are written: the shell runs them within milliseconds,
    # so the counted checks and the CPU time cover the same window
    local c0 c1 t0 t1
    gogo "calpe:checklag reset"
    c0=$(cpu_ticks "$jp"); t0=$(date +%s.%N)
    sleep "$window"
    gogo "calpe:checklag"
    c1=$(cpu_ticks "$jp"); t1=$(date +%s.%N)
    sleep 1
    local lag rss heap down
    lag=$(last_lag "$d/calpe.out")
    gogo "calpe:checks"; sleep 2
    down=$(grep -a -c -E '^[^ ].*  DOWN  weight' "$d/calpe.out")
    # how long each checker's last check took, handed over -> verdict ("last SUCCESS in 0.459 ms"): what the start
    # lag does not see, the wait in the checker's own loop, is in here
    local dur="" t
    for t in TCP_CHECK HTTP_GET; do
        dur=$dur$(grep -a -E "^    $t .* in [0-9.]+ ms" "$d/calpe.out" | sed -E 's/.* in ([0-9.]+) ms.*/\1/' | sort -g |
            awk '{ a[NR] = $1 } END { if (NR == 0) { printf "\t-\t-"; exit }
                 p = int(NR * 0.5); q = int(NR * 0.99); printf "\t%s\t%s", a[p < 1 ? 1 : p], a[q < 1 ? 1 : q] }')
    done
    # live heap: the class histogram's total (the histogram runs a full GC first); then a second full GC, which
    # shrinks the heap (MaxHeapFreeRatio, set now: see the header), and RSS
    if [ "$shrink_heap" = 1 ]; then
        jcmd "$jp" VM.set_flag MinHeapFreeRatio 10 >/dev/null 2>&1 &&
            jcmd "$jp" VM.set_flag MaxHeapFreeRatio 20 >/dev/null 2>&1 ||
            echo "$label: cannot set the heap free ratios; RSS includes the unshrunk heap" >&2
    fi
    jcmd "$jp" GC.class_histogram >"$d/histogram.txt" 2>&1
    heap=$(awk '$1 == "Total" { print int($3 / 1024) }' "$d/histogram.txt")
    [ -n "$heap" ] || heap=0
    jcmd "$jp" GC.run >/dev/null 2>&1; sleep 1
    jcmd "$jp" GC.heap_info >"$d/heap_info.txt" 2>&1
    rss=$(rss_kib "$jp")
    local hz; hz=$(getconf CLK_TCK)
    awk -v label="$label" -v total="$total" -v c0="$c0" -v c1="$c1" -v hz="$hz" -v t0="$t0" -v t1="$t1" \
        -v lag="$lag" -v rss="$rss" -v heap="$heap" -v down="$down" -v dur="$dur" 'BEGIN {
            split(lag, f, " "); for (k in f) { split(f[k], kv, "="); v[kv[1]] = kv[2] }
            cpu = (c1 - c0) / hz; wall = t1 - t0
            printf "%s\t%d\t%d\t%.2f\t%.2f\t%.0f\t%.0f\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n", label, total, v["checks"], wall, cpu,
                (cpu > 0 ? v["checks"] / cpu : 0), v["checks"] / wall, v["p50_us"], v["p99_us"], v["p999_us"], v["max_us"],
                rss, heap, down, substr(dur, 2)
        }' >>"$out/runs.tsv"
    if [ "$keep" = 1 ] && [ "$label" = full ]; then
        kept_jvm=$jp   # stopped by cleanup when the script is interrupted
        return 0
    fi
    exec 7>&-; shell_fd_open=0
    kill -TERM "$calpe_pid" 2>/dev/null
    for i in $(seq 1 100); do kill -0 "$calpe_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$calpe_pid" 2>/dev/null
    calpe_pid=""
}

echo "checks bench: $tcp TCP_CHECK + $http HTTP_GET at delay_loop $delay_loop; window ${window} s after ${warmup} s warm-up;" \
    "$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "JVM options: $CALPE_JAVA_OPTS$([ "$shrink_heap" = 1 ] && echo "; before the memory readings -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20")"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); Calpe jar built $(date -u -r "$CALPE_JAR" '+%Y-%m-%d %H:%M UTC');" \
    "nginx $(nginx -v 2>&1 | sed 's/.*nginx\///')"
printf 'run\treal_servers\tchecks\twall_s\tcpu_s\tchecks_per_cpu_s\tchecks_per_s\tlag_p50_us\tlag_p99_us\tlag_p999_us\tlag_max_us\trss_kib\theap_used_kib\tdown\ttcp_ms_p50\ttcp_ms_p99\thttp_ms_p50\thttp_ms_p99\n' >"$out/runs.tsv"
small_tcp=$((tcp * small_pct / 100)) small_http=$((http * small_pct / 100))
run small "$small_tcp" "$small_http" || exit 2
run full "$tcp" "$http" || exit 2
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at end"
column -t -s $'\t' "$out/runs.tsv"
awk -F'\t' 'NR == 2 { n0 = $2; r0 = $12; h0 = $13 } NR == 3 {
        printf "full run: %.0f checks per CPU-second (target >= 20000): %s\n", $6, ($6 >= 20000 ? "met" : "NOT met")
        printf "full run: start lag p99 %.1f ms (target <= 10 ms): %s\n", $9 / 1000, ($9 <= 10000 ? "met" : "NOT met")
        dn = $2 - n0
        if (dn > 0) {
            rs = ($12 - r0) * 1024 / dn; hs = ($13 - h0) * 1024 / dn
            printf "memory per real server: RSS slope %.0f bytes, live heap slope %.0f bytes (target <= 2048): %s\n",
                rs, hs, (hs <= 2048 ? "met (heap)" : "NOT met (heap)")
        }
    }' "$out/runs.tsv" | tee "$out/summary.txt"
# per-class live-heap slope between the two runs, and its sum by owner (package prefix)
python3 - "$out/small/histogram.txt" "$out/full/histogram.txt" "$small_tcp" "$small_http" "$tcp" "$http" \
    >"$out/histogram-slope.txt" <<'PY'
import re, sys
def read(path):
    h = {}
    for line in open(path, errors="replace"):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            c, b, k = int(m.group(1)), int(m.group(2)), m.group(3)
            n0, b0 = h.get(k, (0, 0))
            h[k] = (n0 + c, b0 + b)
    return h
small, full = read(sys.argv[1]), read(sys.argv[2])
dn = int(sys.argv[5]) + int(sys.argv[6]) - int(sys.argv[3]) - int(sys.argv[4])
if dn <= 0:
    sys.exit(0)
rows = []
for k in set(small) | set(full):
    c0, b0 = small.get(k, (0, 0)); c1, b1 = full.get(k, (0, 0))
    rows.append(((b1 - b0) / dn, (c1 - c0) / dn, k))
rows.sort(reverse=True)
# the checks in flight when the histogram was taken: open connections and their futures, not configured state
inflight = re.compile(r"(io\.netty\.|sun\.nio\.|java\.util\.concurrent\.CompletableFuture|java\.util\.concurrent\.locks\."
                      r"|java\.io\.FileDescriptor$|\[Lio\.netty\.|\[Ljava\.nio\.channels\.|\[Ljava\.util\.concurrent\.RunnableScheduledFuture"
                      r"|org\.calpe\.check\.(?!api\.)[a-z]+\.|org\.calpe\.lvs\.engine\.CheckEngine\$\$Lambda)")
owners = {}
for b, c, k in rows:
    m = re.match(r"(org\.calpe\.[a-z]+(\.[a-z]+)?|org\.apache\.felix\.[a-z]+|io\.netty|java\.[a-z]+|\[\S*)", k)
    o = m.group(1) if m else k.split(".")[0]
    owners[o] = owners.get(o, 0) + b
total = sum(r[0] for r in rows)
flight = sum(r[0] for r in rows if inflight.match(r[2]))
print("live heap slope %.0f bytes per real server (%d more real servers); checks in flight %.0f, the rest %.0f"
      % (total, dn, flight, total - flight))
print("\nby owner (package prefix; arrays and java.* are everybody's):")
for o, b in sorted(owners.items(), key=lambda x: -x[1])[:25]:
    print("%8.0f  %s" % (b, o))
print("\nby class (bytes and instances per real server):")
for b, c, k in rows[:60]:
    print("%8.0f %6.2f  %s" % (b, c, k))
PY
head -n 1 "$out/histogram-slope.txt" 2>/dev/null
if [ "$keep" = 1 ] && [ -n "$calpe_pid" ]; then
    echo "full run: Calpe kept running, JVM PID $kept_jvm (jcmd $kept_jvm ...); interrupt this script to stop it"
    while kill -0 "$calpe_pid" 2>/dev/null; do sleep 1; done
fi
