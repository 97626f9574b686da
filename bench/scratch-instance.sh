# shellcheck shell=bash disable=SC2154,SC2034  # sourced: $home and $base are the caller's, the ports its to read
# Sourced by the benchmarks that run the whole stack through bin/ImageServing on a scratch base ($base, with
# $home the checkout): its conf/ on free ports, and the last-resort kill of its supervisor.

# free_ports: five distinct free loopback ports, none of them stock
free_ports() {
    python3 - <<'PY'
import socket
stock = {8080, 9910, 8778, 27345, 27346}
socks, ports = [], []
while len(ports) < 5:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]
    socks.append(s)
    if p not in stock: ports.append(p)
print(*ports)
PY
}

# stop_instance: `ImageServing stop`, then SIGKILL to a supervisor it left behind, but only if run/supervisor.pid
# names a process that is provably this base's: a number above 1 (the file may hold anything: `kill -9 -1` would
# end every process of the user) whose environment carries IMAGESERVING_BASE=$base (a pid reused since is not).
stop_instance() {
    "$home/bin/ImageServing" stop >/dev/null 2>&1 || true
    local pid
    pid=$(cat "$base/run/supervisor.pid" 2>/dev/null || true)
    [[ "$pid" =~ ^[0-9]+$ ]] && [ "$pid" -gt 1 ] || return 0
    if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "IMAGESERVING_BASE=$base"; then
        kill -9 "$pid" 2>/dev/null || true
    fi
}

# prepare_instance <caller>: $base/conf from the checkout's, every port of SupervisorRegistry.xml made free (sets
# $ps $is $svg $jmx $jolokia), no credential files (the start makes its own).
prepare_instance() {
    read -r ps is svg jmx jolokia <<<"$(free_ports)"
    cp -r "$home/conf" "$base/conf"
    rm -f "$base"/conf/jmxremote.*
    sed -i -e "s|<tcpport>9910</tcpport>|<tcpport>$jmx</tcpport>|" \
           -e "s|<jolokiaPort>8778</jolokiaPort>|<jolokiaPort>$jolokia</jolokiaPort>|" \
           -e "s/\b27345\b/$is/g" -e "s/\b27346\b/$svg/g" -e "s/\b8080\b/$ps/g" "$base/conf/SupervisorRegistry.xml"
    grep -q "<argument>$ps</argument>" "$base/conf/SupervisorRegistry.xml" \
        || { echo "$1: conf/SupervisorRegistry.xml changed shape; update the port rewrite in bench/scratch-instance.sh" >&2; exit 2; }
}
