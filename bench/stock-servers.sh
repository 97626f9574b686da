# shellcheck shell=bash disable=SC2154,SC2034  # sourced: $base, $root, $java and pids are the caller's; the ports are read there
# Sourced by the benchmarks that run the stock servers straight from lib/ (no supervisor): one way to start them.
# Needs $base (a scratch base with conf/ and logs/), $root (the checkout), $java, an array pids (the caller's
# cleanup kills exactly these, through stop_started) and a function die.

# start <id> <heap> <main class> <args...>: one stock server with the shipped JVM options (id `isjava`: an Image
# Server forced to the Java engine); waits until its log says it is ready, then sets $port to the port it bound.
# (not run in $(...): the pid must reach the caller's cleanup list)
start() {
    local id="$1" heap="$2" main="$3"; shift 3
    local jvm=(-XX:+ExitOnOutOfMemoryError)
    [[ "$id" == isjava ]] && jvm+=(-Dimageserving.is.engine=java)
    IMAGESERVING_BASE="$base" IMAGESERVING_HOME="$root" \
        "$java" "-Xmx$heap" "${jvm[@]}" -cp "$root/lib/*" "$main" "$@" >"$base/logs/$id.log" 2>&1 &
    local pid="$!"
    pids+=("$pid")
    for _ in $(seq 1 600); do
        if grep -q ': ready, ' "$base/logs/$id.log"; then
            port=$(grep -o ': ready, .*' "$base/logs/$id.log" | grep -oE '(127\.0\.0\.1|0\.0\.0\.0):[0-9]+' | sed -n 1p | cut -d: -f2)
            return
        fi
        kill -0 "$pid" 2>/dev/null || { cat "$base/logs/$id.log" >&2; die "$id exited before it was ready"; }
        sleep 0.1
    done
    die "$id not ready within 60 s"
}

# start_stack: svg, is and ps (ps on 127.0.0.1), each told its neighbour's port; sets $svg_port, $is_port, $ps_port
# (and $port = $ps_port).
start_stack() {
    start svg 200m org.imageserving.svg.SvgServerMain --port 0
    svg_port="$port"
    start is 256m org.imageserving.imageserver.ImageServerMain --port 0 --svg-port "$svg_port"
    is_port="$port"
    start ps 256m org.imageserving.platform.PlatformServerMain --port 0 --image-server-port "$is_port" --bind 127.0.0.1
    ps_port="$port"
}

# stop_started: SIGTERM to every pid this script started (only those: $! of its own children, never a number
# read from a file), up to 10 s each to exit, then SIGKILL.
stop_started() {
    local pid
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
}
