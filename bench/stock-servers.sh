# Sourced by the benchmarks that run the stock servers straight from lib/ (no supervisor): one way to start them.
# Needs $base (a scratch base with conf/ and logs/), $root (the checkout), $java, an array pids (the caller's
# cleanup kills exactly these) and a function die.

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
