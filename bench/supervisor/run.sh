#!/usr/bin/env bash
# Benchmark of the Server Supervisor. Run after `mvn package` (needs lib/). Prints its numbers; leaves nothing running.
#   bench/supervisor/run.sh [runs]        runs per figure, default 11
# Figures, each beside its baseline from the same run:
#   restart-to-ready and kill -9-to-ready vs starting the same server bare (goal <= 1.2x),
#   supervisor JVM RSS with three servers (goal <= 64 MiB) with lean and default JVM flags: the harness, then the
#   real supervisor (bin/ImageServing start with the three stock servers, real.sh),
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
LOGGING=(-Dlog4j2.configurationFile="$home/conf/log4j2.xml" -Dimageserving.logs="$work/logs")
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
IMAGESERVING_OPTS='' JAVA_OPTS='' IMAGESERVING_SUPERVISOR_OPTIONS="$home/bin/supervisor.options" "$here/real.sh" shipped 15
IMAGESERVING_OPTS='' JAVA_OPTS='' IMAGESERVING_SUPERVISOR_OPTIONS=none "$here/real.sh" default 15

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
