#!/usr/bin/env bash
# Benchmark of the Server Supervisor. Run after `mvn package` (needs lib/). Prints its numbers; leaves nothing running.
#   bench/supervisor/run.sh [runs]        runs per figure, default 11
# Figures, each beside its baseline from the same run:
#   restart-to-ready and kill -9-to-ready vs starting the same server bare (goal <= 1.2x),
#   supervisor JVM RSS with three servers (goal <= 64 MiB) with lean and default JVM flags: the harness, then the
#   real supervisor (bin/ImageServing start with the three stock servers, real.sh) as shipped, with the options
#   of before (no lib/supervisor.jsa, C1 at its usual thresholds) and with JVM defaults, each divided by an idle
#   JVM with the shipped flags,
#   supervisord (when installed) managing the same child.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
home=$(cd "$here/../.." && pwd)
runs=${1:-11}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac

if [ ! -f "$home/lib/imageserving.jar" ]; then
    echo "bench/supervisor: $home/lib/imageserving.jar not found; run 'mvn package' first" >&2
    exit 2
fi

# The supervisor JVM's flags as shipped: bin/supervisor.options, which every launcher reads
LEAN_FLAGS=()
while read -r opt || [ -n "$opt" ]; do
    case $opt in '' | '#'*) ;; *) LEAN_FLAGS+=("$opt") ;; esac
done <"$home/bin/supervisor.options"

work=$(mktemp -d "${TMPDIR:-/tmp}/imageserving-bench.XXXXXX")
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

"$javac" -nowarn -d "$work/classes" -cp "$home/lib/*" "$here"/*.java
cp="$work/classes:$home/lib/*"
export IMAGESERVING_BENCH=1

echo "ImageServing supervisor benchmark: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $("$java" -version 2>&1 | sed -n 1p)"
echo "supervisor JVM flags (lean): ${LEAN_FLAGS[*]}"

# the shipped logging config, logs under the scratch directory: as in production
LOGGING=(-Dlog4j.provider=org.imageserving.log.JulBridge -Djava.util.logging.manager=org.imageserving.log.SupervisorLogManager
    -Djava.util.logging.config.file="$home/conf/logging.properties" -Dimageserving.logs="$work/logs")
"$java" "${LEAN_FLAGS[@]}" "${LOGGING[@]}" -cp "$cp" SupervisorBench timings "$work" "$runs"

rss() {   # $1 = label, rest = JVM flags
    local label=$1; shift
    local line
    line=$("$java" "$@" "${LOGGING[@]}" -cp "$cp" SupervisorBench rss "$work" | grep '^RSS ')
    read -r _ started reads held _ heap <<<"$line"
    printf '%-9s %6.1f MiB after start, %6.1f MiB after 30 heap reads, %6.1f MiB 12 s later (a child heap: %.1f MiB)\n' \
        "$label" "$(bc -l <<<"$started/1048576")" "$(bc -l <<<"$reads/1048576")" "$(bc -l <<<"$held/1048576")" "$(bc -l <<<"$heap/1048576")"
}
echo
echo "Supervisor JVM resident memory, three servers RUNNING, health checks every second (goal <= 64 MiB):"
rss lean "${LEAN_FLAGS[@]}"
rss default

echo
echo "The real supervisor (bin/ImageServing start, ${IMAGESERVING_JSVC:+IMAGESERVING_JSVC=$IMAGESERVING_JSVC, }stock servers on free ports):"
# the baseline: a JVM with the same flags that runs nothing of its own
idle=$("$java" "${LEAN_FLAGS[@]}" -cp "$work/classes" Idle)
printf '%-9s %6s MiB a JVM with the shipped flags, idle (the baseline)\n' idle "$idle"
# the options before lib/supervisor.jsa and the C1 thresholds, with the JDK's own class-data archive
printf '%s\n' -Xms8m -Xmx32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:+UseSerialGC -Xss512k \
    -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m \
    -XX:+IgnoreUnrecognizedVMOptions -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000 \
    -Dlog4j2.disable.jmx=true >"$work/before.options"
java_home=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
real() {   # $1 = label, $2 = options file, $3 = IMAGESERVING_OPTS; prints real.sh's line, sets $figure (10 s later)
    local line
    line=$(IMAGESERVING_OPTS=${3:-} JAVA_OPTS='' IMAGESERVING_SUPERVISOR_OPTIONS=$2 "$here/real.sh" "$1" 15)
    echo "$line"
    figure=$(sed -n 's/.* \([0-9.]*\) MiB 10 s later.*/\1/p' <<<"$line")
}
real shipped "$home/bin/supervisor.options"
shipped=$figure
[ -r "$home/lib/supervisor.jsa" ] || echo "  (no lib/supervisor.jsa: bench/supervisor/archive.sh builds it)"
real before "$work/before.options" "-XX:SharedArchiveFile=$java_home/lib/server/classes.jsa"
before=$figure
real default none
default=$figure
ratio() { printf '%.2f' "$(bc -l <<<"$1 / $idle")"; }
printf 'Supervisor RSS, three servers RUNNING: %s MiB, %sx the idle JVM (goal <= 64 MiB); before %s MiB (%sx); JVM defaults %s MiB (%sx)\n' \
    "$shipped" "$(ratio "$shipped")" "$before" "$(ratio "$before")" "$default" "$(ratio "$default")"

if [ -x /usr/bin/supervisord ]; then
    # supervisord with the same three children, for scale
    sd="$work/sd3"; mkdir -p "$sd"
    {
        echo "[supervisord]"; echo "nodaemon=true"; echo "logfile=$sd/supervisord.log"; echo "pidfile=$sd/supervisord.pid"
        echo "childlogdir=$sd"
        for i in 1 2 3; do
            port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
            echo "[program:h$i]"
            echo "command=$java -Xmx64m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp $work/classes BenchChild --port $port"
            echo "stopasgroup=true"; echo "killasgroup=true"; echo "stdout_logfile=$sd/h$i.log"
        done
    } >"$sd/supervisord.conf"
    /usr/bin/supervisord -c "$sd/supervisord.conf" >/dev/null 2>&1 &
    sdpid=$!; pids+=("$sdpid")
    for _ in $(seq 1 600); do
        n=$(grep -c 'entered RUNNING' "$sd/supervisord.log" 2>/dev/null || true)
        [ "${n:-0}" -ge 3 ] && break
        sleep 0.1
    done
    sleep 2
    printf 'supervisord %.1f MiB with the same three children (Python %s)\n' \
        "$(awk '/VmRSS/ {print $2/1024}' "/proc/$sdpid/status")" "$(python3 -c 'import sys;print(sys.version.split()[0])')"
    kill -TERM "$sdpid"; wait "$sdpid" 2>/dev/null || true
fi
