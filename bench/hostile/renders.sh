#!/usr/bin/env bash
# bench/hostile/renders.sh - normal-request latency while render-server bombs run beside it, against the same without.
#
# Needs: `mvn package` (the jars in lib/), wrk and curl. Starts svg, is and ps from lib/ in a throw-away base (a copy
# of conf/) on free loopback ports with the stock heaps and JVM options, writes issue 9's bombs (looping TIFFs, a
# truncated 100 MP progressive JPEG, the SVG <use> bomb) into its images/, then measures the 6 MP JPEG -> 500 px
# render (cache off) with wrk: first alone (the baseline), then while two clients fire the bombs in a loop. Prints
# p50/p99 of both, their ratio, the bombs' statuses, and is's/svg's restarts (their pids before and after).
# Nothing is left running and the base is deleted.
#
# Environment: BENCH_SECONDS (default 15) per wrk run, BENCH_CONCURRENCY (default 2), JAVA (default: java on PATH).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${BENCH_SECONDS:-15}"
concurrency="${BENCH_CONCURRENCY:-2}"
java="${JAVA:-java}"

die() { echo "bench: $*" >&2; exit 1; }
[[ -f "$root/lib/imageserving.jar" ]] || die "no lib/imageserving.jar: run 'mvn package' first"
command -v wrk >/dev/null || die "wrk not found: apt-get install wrk"
command -v curl >/dev/null || die "curl not found"

base="$(mktemp -d "${TMPDIR:-/tmp}/imageserving-hostile.XXXXXX")"
# shellcheck source=bench/stock-servers.sh
. "$here/../stock-servers.sh"
pids=()
loaders=()
cleanup() {
    for pid in "${loaders[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    stop_started
    rm -rf "$base"
}
trap cleanup EXIT
cp -r "$root/conf" "$base/conf"
mkdir -p "$base/logs"

start_stack
url="http://127.0.0.1:$ps_port"
"$java" "$here/HostileFiles.java" "$base/images/bench"
normal="/is/image/demo/photo6mp?wid=500&hei=500&fit=constrain&fmt=jpeg&qlt=85&cache=off"
code=$(curl -s -o /dev/null -w '%{http_code}' "$url$normal")
[[ "$code" == 200 ]] || die "GET $normal answered $code"
pids_before="${pids[*]}"

# measure: prints "<req/s> <p50 ms> <p99 ms>" of the normal render
measure() {
    wrk -t"$concurrency" -c"$concurrency" -d"${seconds}s" --latency "$url$normal" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        / Non-2xx/ { bad = $NF }
        END { if (bad) { print "non-2xx replies: " bad > "/dev/stderr"; exit 1 } printf "%.1f %.1f %.1f\n", rps, p50, p99 }'
}

# bombs <file>: fires every bomb in a loop, one status per line into <file>, until killed
bombs() {
    local n=0
    while true; do
        for b in self.tif loop2.tif bomb.jpg use.svg; do
            n=$((n + 1))
            curl -s -o /dev/null -m 60 -w '%{http_code}\n' "$url/is/image/bench/$b?wid=$((100 + n % 50))&cache=off" >>"$1" || echo 000 >>"$1"
        done
    done
}

wrk -t1 -c"$concurrency" -d5s "$url$normal" >/dev/null # JIT warm-up, not measured
load0=$(cut -d' ' -f1 /proc/loadavg)
read -r base_rps base_p50 base_p99 < <(measure)
bombs "$base/statuses.1" & loaders+=("$!")
bombs "$base/statuses.2" & loaders+=("$!")
read -r mix_rps mix_p50 mix_p99 < <(measure)
for pid in "${loaders[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
loaders=()

alive=""
for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+="$pid " || alive+="DEAD($pid) "; done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
echo
echo "Normal render (6 MP JPEG -> 500 px JPEG, cache off) beside issue 9's render bombs - $(nproc) cores, concurrency $concurrency," \
    "${seconds}s each, load average at start $load0, at end $(cut -d' ' -f1 /proc/loadavg)"
printf '%-34s %8s %8s %8s\n' "" "req/s" "p50 ms" "p99 ms"
printf '%-34s %8s %8s %8s\n' "alone (baseline)" "$base_rps" "$base_p50" "$base_p99"
printf '%-34s %8s %8s %8s\n' "beside 2 clients firing bombs" "$mix_rps" "$mix_p50" "$mix_p99"
echo "ratio p99 beside/alone: $(ratio "$mix_p99" "$base_p99")x; req/s: $(ratio "$mix_rps" "$base_rps")x"
echo "bomb replies by status: $(cat "$base"/statuses.* | sort | uniq -c | awk '{ printf "%s x%s  ", $2, $1 }')"
echo "server pids before: $pids_before; after: $alive"
if grep -l OutOfMemoryError "$base"/logs/*.log >/dev/null 2>&1; then echo "OutOfMemoryError in: $(grep -l OutOfMemoryError "$base"/logs/*.log)"; else echo "no OutOfMemoryError in any log"; fi
