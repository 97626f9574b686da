#!/usr/bin/env bash
# bench/hostile/run.sh - normal-request latency while a hostile mix hits ps beside it, vs without it.
#
# Needs: `mvn package` (the jars in lib/), wrk, python3. Starts svg, is and ps from lib/ in a throw-away base (a copy
# of conf/) on free loopback ports with the stock heaps, then, in one run:
#   1. baseline: wrk at concurrency 2 on a normal render (photo -> 300 px JPEG, cache off) for BENCH_SECONDS;
#   2. the same wrk run while bench/hostile/hostile.py drives the hostile mix of issue 9 beside it ($var$ bombs,
#      60 MB static downloads, overflowing numbers, script in JSONP handlers, oversized heads, 200 slow clients);
# and prints both p99s and their ratio, the hostile statuses seen, and whether any log holds an OutOfMemoryError.
# Nothing is left running and the base is deleted.
#
# Environment: BENCH_SECONDS (default 20), BENCH_CONCURRENCY (default 2), JAVA (default: java on PATH).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${BENCH_SECONDS:-20}"
concurrency="${BENCH_CONCURRENCY:-2}"
java="${JAVA:-java}"

die() { echo "bench: $*" >&2; exit 1; }
[[ -f "$root/lib/imageserving.jar" ]] || die "no lib/imageserving.jar: run 'mvn package' first"
command -v wrk >/dev/null || die "wrk not found: apt-get install wrk"
command -v python3 >/dev/null || die "python3 not found"

base="$(mktemp -d "${TMPDIR:-/tmp}/imageserving-hostile.XXXXXX")"
# shellcheck source=bench/stock-servers.sh
. "$here/../stock-servers.sh"
pids=()
cleanup() {
    stop_started
    rm -rf "$base"
}
trap cleanup EXIT
cp -r "$root/conf" "$base/conf"
mkdir -p "$base/logs" "$base/static-content"
head -c $((60 * 1024 * 1024)) /dev/zero >"$base/static-content/hostile-big.bin"

start_stack
ps_pid="${pids[2]}"
normal="http://127.0.0.1:$ps_port/is/image/demo/photo?wid=300&fmt=jpeg&qlt=85&cache=off"
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$normal")" == 200 ]] || die "the normal request does not answer 200"
wrk -t1 -c"$concurrency" -d5s "$normal" >/dev/null # JIT warm-up, not measured

# p99 <label>: wrk on the normal request; prints "<req/s> <p50 ms> <p99 ms> <non-2xx>"
p99() {
    wrk -t"$concurrency" -c"$concurrency" -d"${seconds}s" --timeout 30s --latency "$normal" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        / Non-2xx/ { bad = $NF }
        END { printf "%.1f %.1f %.1f %d\n", rps, p50, p99, bad }'
}

load0=$(cut -d' ' -f1 /proc/loadavg)
read -r base_rps base_p50 base_p99 base_bad < <(p99)
python3 "$here/hostile.py" "$ps_port" "$((seconds + 4))" >"$base/hostile.out" 2>&1 &
hostile_pid=$!
sleep 2
read -r mix_rps mix_p50 mix_p99 mix_bad < <(p99)
wait "$hostile_pid" || true
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

echo
echo "normal request under a hostile mix - $(nproc) cores, concurrency $concurrency, ${seconds}s each, load average $load0 at start, $(cut -d' ' -f1 /proc/loadavg) at end"
printf '%-34s %8s %8s %8s %8s\n' "" "req/s" "p50 ms" "p99 ms" "non-2xx"
printf '%-34s %8s %8s %8s %8s\n' "normal alone (baseline)" "$base_rps" "$base_p50" "$base_p99" "$base_bad"
printf '%-34s %8s %8s %8s %8s\n' "normal beside the hostile mix" "$mix_rps" "$mix_p50" "$mix_p99" "$mix_bad"
echo "p99 ratio (hostile / baseline): $(ratio "$mix_p99" "$base_p99")x; p50 ratio $(ratio "$mix_p50" "$base_p50")x; throughput ratio $(ratio "$mix_rps" "$base_rps")x"
cat "$base/hostile.out"
if grep -q OutOfMemoryError "$base"/logs/*.log; then echo "OutOfMemoryError in: $(grep -l OutOfMemoryError "$base"/logs/*.log)"; else echo "no OutOfMemoryError in any log"; fi
kill -0 "$ps_pid" 2>/dev/null && echo "ps still running as pid $ps_pid (not restarted)" || echo "ps DIED"
