#!/usr/bin/env bash
# How fast is `ImageServing status`? Prints the median of `bin/ImageServing status` beside, measured in the same
# session, a Java hello-world (the floor of any JVM command) and `supervisorctl status` on an equivalent setup
# (three sleeping children), as ratios. With --variants, also what each start-up measure is worth.
#
# Usage: bench/cli/status.sh [--runs N] [--variants]
#        (after `mvn package`; needs hyperfine, python3, and supervisord for the supervisorctl row)
#
# The supervisor measured is the real one (`ImageServing start` on a scratch instance whose three servers are
# `sleep` commands, as supervisord's programs are here, Jolokia on as shipped); --variants adds status over
# JMX/RMI.
set -euo pipefail

runs=30
variants=false
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --variants) variants=true; shift ;;
        *) echo "usage: $0 [--runs N] [--variants]" >&2; exit 2 ;;
    esac
done

home=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
for tool in hyperfine python3 java javac; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 2; }
done
if [ ! -r "$home/lib/imageserving.jar" ]; then
    echo "bench: run \`mvn package\` first (lib/ is needed)" >&2
    exit 2
fi

work=$(mktemp -d)
real_base=
supervisord_conf=
cleanup() {
    if [ -n "$real_base" ]; then
        IMAGESERVING_BASE=$real_base "$home/bin/ImageServing" stop > /dev/null || true
    fi
    if [ -n "$supervisord_conf" ]; then
        local pid
        pid=$(cat "$work/supervisord.pid" 2>/dev/null || true)
        supervisorctl -c "$supervisord_conf" shutdown >/dev/null 2>&1 || true
        for _ in $(seq 1 100); do   # supervisord stops its children, then itself
            if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then break; fi
            sleep 0.1
        done
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# The floor: a hello-world, compiled once.
mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"

# The ImageServing side, on a scratch instance.
base=$work/base
mkdir -p "$base/conf"
supervisor_kind="real supervisor"
jolokia_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
{
    # as shipped: JMX/RMI and Jolokia both on (status reads through Jolokia, operations go over JMX)
    echo "<config><tcpport>0</tcpport><jolokiaPort>$jolokia_port</jolokiaPort>"
    for id in is svg ps; do
        echo "<server id=\"$id\"><command>sleep</command><arguments><argument>100000</argument></arguments>"
        echo "<ready><uptime seconds=\"1\"/></ready></server>"
    done
    echo "</config>"
} > "$base/conf/SupervisorRegistry.xml"
for shipped in logging.properties jolokia-access.xml; do
    if [ -f "$home/conf/$shipped" ]; then cp "$home/conf/$shipped" "$base/conf/"; fi
done
real_base=$base
IMAGESERVING_BASE=$base IMAGESERVING_JSVC=none "$home/bin/ImageServing" start > "$work/supervisor.out" 2>&1 \
    || { echo "bench: ImageServing start failed:" >&2; cat "$work/supervisor.out" >&2; exit 1; }
export IMAGESERVING_BASE=$base
"$home/bin/ImageServing" status > /dev/null || { echo "bench: ImageServing status failed" >&2; exit 1; }

# The peer: supervisord with three sleeping programs, talked to over its unix socket.
commands=()
names=()
commands+=("java -cp $work/hello Hello"); names+=("java hello-world (floor)")
commands+=("$home/bin/ImageServing status"); names+=("ImageServing status")
if command -v supervisord >/dev/null && command -v supervisorctl >/dev/null; then
    supervisord_conf=$work/supervisord.conf
    cat > "$supervisord_conf" <<CONF
[unix_http_server]
file=$work/supervisor.sock
[supervisord]
logfile=$work/supervisord.log
pidfile=$work/supervisord.pid
childlogdir=$work
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix://$work/supervisor.sock
[program:is]
command=sleep 100000
[program:svg]
command=sleep 100000
[program:ps]
command=sleep 100000
CONF
    supervisord -c "$supervisord_conf"
    for _ in $(seq 1 50); do
        supervisorctl -c "$supervisord_conf" status 2>/dev/null | grep -c RUNNING | grep -q 3 && break
        sleep 0.1
    done
    commands+=("supervisorctl -c $supervisord_conf status"); names+=("supervisorctl status")
else
    echo "bench: supervisord not installed: no supervisorctl row" >&2
fi

if $variants; then
    java_home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
    jdk_archive=$java_home/lib/server/classes.jsa
    fast="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
    commands+=("java $fast -cp $work/hello Hello"); names+=("java hello-world, CLI flags")
    if [ -r "$base/run/jolokia.url" ]; then
        commands+=("env IMAGESERVING_JMX_URL=$(cat "$base/run/jmx.url") $home/bin/ImageServing status")
        names+=("status over JMX/RMI (Jolokia off)")
    fi
    commands+=("env IMAGESERVING_CLI_OPTS=-XX:SharedArchiveFile=$jdk_archive $home/bin/ImageServing status")
    names+=("status without lib/cli.jsa")
    commands+=("env 'IMAGESERVING_CLI_OPTS=-XX:TieredStopAtLevel=4 -XX:-UseSerialGC -XX:+UseG1GC -XX:+UsePerfData -XX:SharedArchiveFile=$jdk_archive' $home/bin/ImageServing status")
    names+=("status, JVM defaults, no lib/cli.jsa")
    commands+=("$home/bin/ImageServing status --stacktrace"); names+=("status through picocli")
    commands+=("$home/bin/ImageServing version"); names+=("version (picocli, no JMX)")
fi

hyperfine -N --warmup 5 --runs "$runs" --export-json "$work/results.json" "${commands[@]}" > "$work/hyperfine.out" 2>&1 \
    || { cat "$work/hyperfine.out" >&2; exit 1; }

printf '%s\n' "${names[@]}" > "$work/names"
python3 - "$work/results.json" "$work/names" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
names = open(sys.argv[2]).read().splitlines()
median = {name: r["median"] * 1000 for name, r in zip(names, results)}
floor = median["java hello-world (floor)"]
peer = median.get("supervisorctl status")
print(f"{'command':40} {'median':>9} {'min':>9}  {'× hello':>8}  {'× supervisorctl':>15}")
for name, r in zip(names, results):
    m = median[name]
    vs_peer = f"{m / peer:15.2f}" if peer else f"{'-':>15}"
    print(f"{name:40} {m:7.1f}ms {r['min'] * 1000:7.1f}ms  {m / floor:8.2f}  {vs_peer}")
PY
uptime_load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
echo "($supervisor_kind; $runs runs each after 5 warm-ups; load average $uptime_load; $(nproc) CPUs)"
