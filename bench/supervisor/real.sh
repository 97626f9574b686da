#!/usr/bin/env bash
# The real supervisor's resident memory: `bin/ImageServing start` on a scratch instance (conf/ copied, every
# port made free), RSS with the three stock servers RUNNING, after N `status` calls, and 10 s later; then stop.
#   bench/supervisor/real.sh [label] [status-calls]   (default: shipped 30)
# The JVM flags are whatever bin/ImageServing gives the supervisor: the shipped bin/supervisor.options, then
# IMAGESERVING_OPTS (pass IMAGESERVING_SUPERVISOR_OPTIONS=none to measure JVM defaults). IMAGESERVING_JSVC is
# honoured as by the script (jsvc when installed, `none` for the detached JVM). Leaves nothing running.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
home=$(cd "$here/../.." && pwd)
label=${1:-shipped}
calls=${2:-30}

base=$(mktemp -d "${TMPDIR:-/tmp}/imageserving-real.XXXXXX")
export IMAGESERVING_BASE=$base
# shellcheck source=bench/scratch-instance.sh
. "$here/../scratch-instance.sh"
started=
cleanup() {
    if [ -n "$started" ]; then
        stop_instance
    fi
    rm -rf "$base"
}
trap cleanup EXIT

prepare_instance bench/supervisor/real.sh

started=yes
"$home/bin/ImageServing" start >/dev/null
pid=$(cat "$base/run/supervisor.pid")
running=$("$home/bin/ImageServing" status | grep -c RUNNING || true)
[ "$running" -eq 3 ] || { echo "bench/supervisor/real.sh: $running of 3 servers RUNNING" >&2; "$home/bin/ImageServing" status >&2 || true; exit 1; }

rss_mib() { awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$pid/status"; }
at_start=$(rss_mib)
began=$(date +%s%N)
for _ in $(seq 1 "$calls"); do
    "$home/bin/ImageServing" status >/dev/null
    "$home/bin/ImageServing" status --json >/dev/null
done
per_call=$(( ($(date +%s%N) - began) / 1000000 / (calls * 2) ))
after_calls=$(rss_mib)
sleep 10
later=$(rss_mib)
threads=$(awk '/^Threads/ {print $2}' "/proc/$pid/status")
# how long the supervisor's own start took (its log line), and whether it mapped its class-data archive
up_ms=$(sed -n 's/.*supervisor up in \([0-9]*\) ms.*/\1/p' "$base/logs/supervisor.log" | tail -1)
archive=no
grep -q 'supervisor\.jsa' "/proc/$pid/maps" && archive=yes
printf '%-9s %6s MiB servers RUNNING, %6s MiB after %d status calls, %6s MiB 10 s later (%s threads; up in %s ms, %s ms a status call, archive %s)\n' \
    "$label" "$at_start" "$after_calls" "$((calls * 2))" "$later" "$threads" "${up_ms:-?}" "$per_call" "$archive"
if [ -n "${IMAGESERVING_BENCH_NMT:-}" ]; then
    jcmd "$pid" VM.native_memory summary | grep -E '^(Total|-)' || true
fi
[ -n "${IMAGESERVING_BENCH_HOLD:-}" ] && { echo "$pid"; sleep "$IMAGESERVING_BENCH_HOLD"; }
"$home/bin/ImageServing" stop >/dev/null
started=
