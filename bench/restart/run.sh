#!/usr/bin/env bash
# Restarts under load: for each stock server, N `ImageServing restart <id>` while a client keeps 8 renders in
# flight (bench/restart/Load.java), beside the same N done the old way (the baseline), and a quiet run of the same
# length without restarts for the p99. The old way: for ps a plain `stop ps` then `start ps`; for is and svg the
# same restarts with ps's hold off (isConnection.hold=0: 503 at once, as ps answered before).
#   bench/restart/run.sh [N]   (default 5)
# Prints, per server: requests answered and failed during each, and p99 latency during restarts vs without.
# Runs one scratch instance (conf/ copied, every port free, not stock); leaves nothing running.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
home=$(cd "$here/../.." && pwd)
restarts=${1:-5}
concurrency=8

base=$(mktemp -d "${TMPDIR:-/tmp}/imageserving-restart-bench.XXXXXX")
export IMAGESERVING_BASE=$base
# shellcheck source=bench/scratch-instance.sh
. "$here/../scratch-instance.sh"
started=
load_pid=
cleanup() {
    if [ -n "$load_pid" ]; then touch "$base/stop-load"; wait "$load_pid" 2>/dev/null || true; fi
    if [ -n "$started" ]; then
        stop_instance
    fi
    rm -rf "$base"
}
trap cleanup EXIT

prepare_instance bench/restart/run.sh

started=yes
"$home/bin/ImageServing" start >/dev/null

# one phase: the load runs while "$@" does its work; prints the load's summary line
phase() {
    rm -f "$base/stop-load"
    java "$here/Load.java" "$ps" "$concurrency" "$base/stop-load" >"$base/load.out" &
    load_pid=$!
    sleep 3     # the client warmed up and every connection open
    "$@"
    touch "$base/stop-load"
    wait "$load_pid"
    load_pid=
    cat "$base/load.out"
}
restart_n() { for _ in $(seq 1 "$restarts"); do "$home/bin/ImageServing" restart "$1" >/dev/null; done; }
stop_start_n() {
    for _ in $(seq 1 "$restarts"); do
        "$home/bin/ImageServing" stop "$1" >/dev/null
        "$home/bin/ImageServing" start "$1" >/dev/null
    done
}
quiet() { sleep "$1"; }
set_hold() {   # ps's isConnection.hold, applied by a (zero-downtime) restart of ps
    sed -i "s/^isConnection.hold=.*/isConnection.hold=$1/" "$base/conf/PlatformServer.conf"
    "$home/bin/ImageServing" restart ps >/dev/null
}

printf '%s restarts of each server under a load of %d concurrent renders (photo JPEG and SVG PNG, cache off)\n' "$restarts" "$concurrency"
printf '%-4s %-26s %9s %7s %9s %9s\n' server how answered failed p50_ms p99_ms
for id in ps is svg; do
    began=$(date +%s)
    read -r _ ok _ bad _ p50 _ p99 <<<"$(phase restart_n "$id")"
    took=$(( $(date +%s) - began ))
    printf '%-4s %-26s %9s %7s %9s %9s\n' "$id" "restart (zero-downtime)" "$ok" "$bad" "$p50" "$p99"
    if [ "$id" = ps ]; then
        read -r _ ok _ bad _ p50 _ p99 <<<"$(phase stop_start_n "$id")"
        printf '%-4s %-26s %9s %7s %9s %9s\n' "$id" "stop, then start (baseline)" "$ok" "$bad" "$p50" "$p99"
    else
        set_hold 0
        read -r _ ok _ bad _ p50 _ p99 <<<"$(phase restart_n "$id")"
        set_hold 15000
        printf '%-4s %-26s %9s %7s %9s %9s\n' "$id" "restart, hold 0 (baseline)" "$ok" "$bad" "$p50" "$p99"
    fi
    read -r _ ok _ bad _ p50 _ p99 <<<"$(phase quiet "$took")"
    printf '%-4s %-26s %9s %7s %9s %9s\n' "$id" "no restart, same length" "$ok" "$bad" "$p50" "$p99"
done
"$home/bin/ImageServing" stop >/dev/null
started=
