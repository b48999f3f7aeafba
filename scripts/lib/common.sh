# shellcheck shell=bash
# Shared by scripts/calpe, run-demo, test and measure-startup.sh: where things are, how to build, JVM flags.

CALPE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CALPE_JAR=$CALPE_ROOT/appliance-image/target/appliance.jar
CALPE_CONFIGTEST_DIR=$CALPE_ROOT/appliance-image/target/configtest
CALPE_ETC=$CALPE_ROOT/appliance-image/etc
CALPE_WEBCONSOLE_CONFIG=$CALPE_ROOT/webconsole-config
CALPE_VERSION=0.1.0-SNAPSHOT
# AppCDS archive of the appliance's classes, made by one training run after each build (CALPE_CDS=0: off)
CALPE_JSA=$CALPE_ROOT/appliance-image/target/appliance.jsa
# Held while Maven builds in this tree (launchers, scripts/test), so two builds never overlap
CALPE_BUILD_LOCK="${TMPDIR:-/tmp}/calpe-build-$(printf %s "$CALPE_ROOT" | md5sum | cut -c1-8).lock"

# JVM flags of the appliance: measured in BENCHMARKS.md (start-up <= 1.5 s, idle RSS <= 128 MB on 2 cores; the
# heap only grows as needed: -Xmx leaves room for large configurations, 12,000 checked real servers need ~200 MB).
# Override with CALPE_JAVA_OPTS.
CALPE_DEFAULT_JAVA_OPTS="-Xms16m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k -XX:-UsePerfData"
: "${CALPE_JAVA_OPTS:=$CALPE_DEFAULT_JAVA_OPTS}"
# The plain-Java configuration test (-t): no OSGi, short-lived.
: "${CALPE_CONFIGTEST_JAVA_OPTS:=-XX:+UseSerialGC -Xms128m -XX:TieredStopAtLevel=1 -XX:-UsePerfData}"

calpe_say() { printf 'calpe: %s\n' "$*" >&2; }
calpe_die() { calpe_say "$*"; exit 1; }

# True when appliance.jar is missing or older than any source, bnd or pom file that goes into it.
calpe_needs_build() {
    [ -f "$CALPE_JAR" ] && [ -d "$CALPE_CONFIGTEST_DIR" ] || return 0
    local newer
    newer=$(cd "$CALPE_ROOT" && find pom.xml bnd.bnd cnf bundles appliance-image/pom.xml appliance-image/appliance.bndrun \
        \( -name target -o -name test \) -prune -o -type f -newer "$CALPE_JAR" -print -quit 2>/dev/null)
    [ -n "$newer" ]
}

calpe_mvn_package() { # log [maven options...]
    local log=$1
    shift
    (cd "$CALPE_ROOT" && mvn -B -q "$@" -pl appliance-image -am package -Dmaven.test.skip=true >"$log" 2>&1)
}

# Builds the appliance (offline first, then online) unless it is up to date. CALPE_NO_BUILD=1 skips this.
# A lock keeps two instances started at once from building over each other.
calpe_ensure_built() {
    [ "${CALPE_NO_BUILD:-0}" = 1 ] && { [ -f "$CALPE_JAR" ] || calpe_die "no $CALPE_JAR and CALPE_NO_BUILD=1"; return 0; }
    calpe_needs_build || return 0
    command -v mvn >/dev/null || calpe_die "Maven (mvn) is needed to build Calpe: apt-get install maven"
    exec 9>"$CALPE_BUILD_LOCK"
    flock 9
    if calpe_needs_build; then
        calpe_say "building Calpe (mvn -o package -pl appliance-image -am) ..."
        local log
        log=$(mktemp "${TMPDIR:-/tmp}/calpe-build.XXXXXX")
        # maven.test.skip: tests are neither compiled nor run here (scripts/test runs them)
        local ok=0
        if calpe_mvn_package "$log" -o; then
            ok=1
        elif grep -qiE 'offline|could not be resolved|could not resolve|cannot access' "$log"; then
            calpe_say "offline build lacks dependencies; retrying online"
            calpe_mvn_package "$log" && ok=1
        fi
        if [ "$ok" = 0 ]; then
            tail -n 40 "$log" >&2
            rm -f "$log"
            flock -u 9
            calpe_die "build failed (full log: cd $CALPE_ROOT && mvn -B -pl appliance-image -am package -Dmaven.test.skip=true)"
        fi
        rm -f "$log"
        touch "$CALPE_JAR"
    fi
    flock -u 9
    exec 9>&-
}

# Prints the JVM options that use the AppCDS archive, making the archive first if it is missing or older than
# the jar (one training run: start, wait for the console, stop; about 3 s). Prints nothing when CDS is off or
# the archive cannot be made (e.g. target/ not writable): Calpe then starts without it.
calpe_cds_opts() {
    [ "${CALPE_CDS:-1}" = 1 ] || return 0
    if [ ! -f "$CALPE_JSA" ] || [ "$CALPE_JAR" -nt "$CALPE_JSA" ]; then
        calpe_make_cds >&2 || return 0
    fi
    [ -f "$CALPE_JSA" ] && echo "-XX:SharedArchiveFile=$CALPE_JSA -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
}

# Prints the JVM options for `calpe -t` with an AppCDS archive of the config-test classes (classpath $1), made
# on first use by one training run over the example media (about 0.3 s); nothing when it cannot be made.
calpe_configtest_cds_opts() {
    [ "${CALPE_CDS:-1}" = 1 ] || return 0
    local cp=$1 jsa=$CALPE_CONFIGTEST_DIR/configtest.jsa newest example=$CALPE_ROOT/appliance-image/media-example/keepalived.conf
    newest=$(ls -t ${cp//:/ } 2>/dev/null | head -n1)
    if [ ! -f "$jsa" ] || [ "$newest" -nt "$jsa" ]; then
        [ -w "$CALPE_CONFIGTEST_DIR" ] && [ -f "$example" ] || return 0
        # shellcheck disable=SC2086
        java $CALPE_CONFIGTEST_JAVA_OPTS -XX:ArchiveClassesAtExit="$jsa.tmp" -Xlog:cds=off -Xlog:cds+dynamic=off \
            -cp "$cp" org.calpe.config.keepalived.ConfigTest -f "$example" --no-interface-check --quiet \
            >/dev/null 2>&1 || true
        [ -s "$jsa.tmp" ] && mv -f "$jsa.tmp" "$jsa" || { rm -f "$jsa.tmp"; return 0; }
    fi
    echo "-XX:SharedArchiveFile=$jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
}

calpe_make_cds() {
    [ -w "$(dirname "$CALPE_JSA")" ] || return 1
    exec 8>"$CALPE_BUILD_LOCK"
    flock 8
    if [ -f "$CALPE_JSA" ] && ! [ "$CALPE_JAR" -nt "$CALPE_JSA" ]; then flock -u 8; exec 8>&-; return 0; fi
    local tmp port=18700 pid ok=1
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/calpe-cds.XXXXXX")
    while calpe_port_busy "$port"; do port=$((port + 1)); done
    # shellcheck disable=SC2086
    java $CALPE_JAVA_OPTS -XX:ArchiveClassesAtExit="$tmp/appliance.jsa" \
        -Djava.util.logging.config.file="$CALPE_ETC/jul.properties" \
        -Dlogback.configurationFile="$CALPE_ETC/logback.xml" -Dcalpe.console.level=OFF -Dcalpe.log.dir="$tmp" \
        -Dcalpe.state.dir="$tmp" -Dorg.osgi.framework.storage="$tmp/felix-cache" -Dfelix.cm.dir="$tmp/config" \
        -Dfelix.fileinstall.dir="$CALPE_WEBCONSOLE_CONFIG" -Dcalpe.media="$tmp/media" -Dcalpe.role=all \
        -Dorg.osgi.service.http.port="$port" -jar "$CALPE_JAR" >"$tmp/out.txt" 2>&1 &
    pid=$!
    for _ in $(seq 1 300); do
        kill -0 "$pid" 2>/dev/null || { ok=0; break; }
        [ "$(calpe_http_status "$port" admin:admin)" = 200 ] && break
        sleep 0.1
    done
    sleep 1
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ "$ok" = 1 ] && [ -s "$tmp/appliance.jsa" ]; then
        mv -f "$tmp/appliance.jsa" "$CALPE_JSA"
    else
        ok=0
    fi
    rm -rf "$tmp"
    flock -u 8
    exec 8>&-
    [ "$ok" = 1 ]
}

# Is something listening on 127.0.0.1:PORT (in this network namespace)?
calpe_port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# HTTP status of a Web Console page ("000" when nothing answers).
calpe_http_status() { # port user:password [path]
    curl -s -o /dev/null -m 2 -w '%{http_code}' -u "$2" "http://127.0.0.1:$1${3:-/system/console/bundles}" 2>/dev/null || true
}
