#!/usr/bin/env bash
# bench/images/run.sh - the stock servers' benchmark, beside libvips' vipsthumbnail in the same run.
#
# Needs: `mvn package` (the jars in lib/), wrk, and vipsthumbnail (Debian libvips-tools). Starts svg, is
# and ps from lib/ in a throw-away base (a copy of conf/) on free loopback ports with the heaps of the
# stock configuration, drives them with wrk on 127.0.0.1 only, for a bounded time, prints the figures,
# and stops everything. Nothing is left running and the base is deleted.
#
#   B1  6 MP JPEG -> 500 px JPEG q85, cache off   (goal: >= 0.9x vipsthumbnail req/s, p50 within 1.3x)
#   B1j the same on the Java engine (a second is + ps with RenderEngine=java), for the ratio between engines
#   B2  the same URL served from the response cache (goal: p50 <= 5 ms)
#   B6  SVG drawing -> 500 px PNG, cache off        (goal: >= 0.8x vipsthumbnail)
#   B7  6 MP JPEG -> 500 px WebP q85, cache off
# The engine of the first is (libvips where installed) is named in the output; peak RSS of every server is
# printed, and is's resident size after the warm-up and at the end (growth = a leak).
#
# Environment: BENCH_SECONDS (default 10) per wrk run, BENCH_ROUNDS (default 3), BENCH_CONCURRENCY (default 2),
# JAVA (default: java on PATH), BENCH_SOAK (seconds, default 0): then B1 runs that long once more at the end
# with is's resident size sampled every minute. About (5 x seconds + 8) x rounds + 25 seconds in all.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${BENCH_SECONDS:-10}"
concurrency="${BENCH_CONCURRENCY:-2}"
java="${JAVA:-java}"

die() { echo "bench: $*" >&2; exit 1; }
[[ -f "$root/lib/imageserving.jar" ]] || die "no lib/imageserving.jar: run 'mvn package' first"
command -v wrk >/dev/null || die "wrk not found: apt-get install wrk"
command -v vipsthumbnail >/dev/null || die "vipsthumbnail not found: apt-get install libvips-tools"
command -v "$java" >/dev/null || die "java not found: set JAVA"

base="$(mktemp -d "${TMPDIR:-/tmp}/imageserving-bench.XXXXXX")"
# shellcheck source=bench/stock-servers.sh
. "$here/../stock-servers.sh"
pids=()
cleanup() {
    stop_started
    rm -rf "$base"
}
trap cleanup EXIT
cp -r "$root/conf" "$base/conf"
mkdir -p "$base/logs"

start_stack
url="http://127.0.0.1:$ps_port"
# the Java engine beside it: its own is (the system property forces the engine) and ps
start isjava 256m org.imageserving.imageserver.ImageServerMain --port 0 --svg-port "$svg_port"
isjava_port="$port"
start psjava 256m org.imageserving.platform.PlatformServerMain --port 0 --image-server-port "$isjava_port" --bind 127.0.0.1
url_java="http://127.0.0.1:$port"
engine=$(curl -s "$url/is/image" | sed -n 's/^imageServer.engine=//p')
engine_java=$(curl -s "$url_java/is/image" | sed -n 's/^imageServer.engine=//p')
photo="$base/images/demo/photo.jpg"
drawing="$base/images/demo/drawing.svg"

b1="/is/image/demo/photo6mp?wid=500&hei=500&fit=constrain&fmt=jpeg&qlt=85"
b6="/is/image/demo/drawing?wid=500&fmt=png"
b7="/is/image/demo/photo6mp?wid=500&hei=500&fit=constrain&fmt=webp&qlt=85"
for q in "$url$b1&cache=off" "$url$b6&cache=off" "$url$b1" "$url$b7&cache=off" "$url_java$b1&cache=off"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$q")
    [[ "$code" == 200 ]] || die "GET $q answered $code"
done

load0=$(cut -d' ' -f1 /proc/loadavg)
# JIT warm-up, not measured
wrk -t1 -c"$concurrency" -d5s "$url$b1&cache=off" >/dev/null
wrk -t1 -c"$concurrency" -d3s "$url$b6&cache=off" >/dev/null
wrk -t1 -c"$concurrency" -d3s "$url$b7&cache=off" >/dev/null
wrk -t1 -c"$concurrency" -d5s "$url_java$b1&cache=off" >/dev/null
rss_now() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }
is_rss_warm=$(rss_now "${pids[1]}")

# measure <url>: prints "<req/s> <p50 ms>" from wrk --latency
measure() {
    wrk -t"$concurrency" -c"$concurrency" -d"${seconds}s" --latency "$1" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        / Non-2xx/ { bad = $NF }
        END { if (bad) { print "non-2xx replies: " bad > "/dev/stderr"; exit 1 } printf "%.1f %.2f\n", rps, p50 }'
}

# vips <source> <size> <output suffix> <runs per process>: prints "<ops/s with $concurrency processes> <ms per op in one process>"
vips() {
    local src="$1" size="$2" out="$3" runs="$4" work="$base/vips"
    mkdir -p "$work"
    local files=()
    for i in $(seq 1 "$runs"); do ln -sf "$src" "$work/in$i.${src##*.}"; files+=("$work/in$i.${src##*.}"); done
    vipsthumbnail "${files[@]:0:2}" -s "$size" -o "$work/%s-warm.$out" >/dev/null 2>&1
    local t0 t1 t2
    t0=$(date +%s%N)
    VIPS_CONCURRENCY=1 vipsthumbnail "${files[@]}" -s "$size" -o "$work/%s-a.$out"
    t1=$(date +%s%N)
    for p in $(seq 1 "$concurrency"); do
        VIPS_CONCURRENCY=1 vipsthumbnail "${files[@]}" -s "$size" -o "$work/%s-p$p.$out" &
    done
    wait
    t2=$(date +%s%N)
    awk -v n="$runs" -v c="$concurrency" -v single=$((t1 - t0)) -v parallel=$((t2 - t1)) \
        'BEGIN { printf "%.1f %.1f\n", n * c / (parallel / 1e9), single / 1e6 / n }'
}

# The box may be shared: each case runs $rounds times interleaved with vipsthumbnail on the same job,
# and the medians are reported, so that both sides see the same background load.
rounds="${BENCH_ROUNDS:-3}"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
b1r=(); b1p=(); bjr=(); bjp=(); b2r=(); b2p=(); b6r=(); b6p=(); b7r=(); b7p=(); v1r=(); v1m=(); v6r=(); v6m=(); v7r=(); v7m=()
for _ in $(seq 1 "$rounds"); do
    read -r a b < <(measure "$url$b1&cache=off"); b1r+=("$a"); b1p+=("$b")
    read -r a b < <(vips "$photo" 500x500 'jpg[Q=85]' 30); v1r+=("$a"); v1m+=("$b")
    read -r a b < <(measure "$url_java$b1&cache=off"); bjr+=("$a"); bjp+=("$b")
    read -r a b < <(measure "$url$b1"); b2r+=("$a"); b2p+=("$b")
    read -r a b < <(measure "$url$b6&cache=off"); b6r+=("$a"); b6p+=("$b")
    read -r a b < <(vips "$drawing" 500 png 30); v6r+=("$a"); v6m+=("$b")
    read -r a b < <(measure "$url$b7&cache=off"); b7r+=("$a"); b7p+=("$b")
    read -r a b < <(vips "$photo" 500x500 'webp[Q=85]' 30); v7r+=("$a"); v7m+=("$b")
done
b1_rps=$(printf '%s\n' "${b1r[@]}" | median); b1_p50=$(printf '%s\n' "${b1p[@]}" | median)
b2_rps=$(printf '%s\n' "${b2r[@]}" | median); b2_p50=$(printf '%s\n' "${b2p[@]}" | median)
b6_rps=$(printf '%s\n' "${b6r[@]}" | median); b6_p50=$(printf '%s\n' "${b6p[@]}" | median)
v1_rps=$(printf '%s\n' "${v1r[@]}" | median); v1_ms=$(printf '%s\n' "${v1m[@]}" | median)
v6_rps=$(printf '%s\n' "${v6r[@]}" | median); v6_ms=$(printf '%s\n' "${v6m[@]}" | median)
bj_rps=$(printf '%s\n' "${bjr[@]}" | median); bj_p50=$(printf '%s\n' "${bjp[@]}" | median)
b7_rps=$(printf '%s\n' "${b7r[@]}" | median); b7_p50=$(printf '%s\n' "${b7p[@]}" | median)
v7_rps=$(printf '%s\n' "${v7r[@]}" | median); v7_ms=$(printf '%s\n' "${v7m[@]}" | median)
is_rss_end=$(rss_now "${pids[1]}")
soak=""
if [[ "${BENCH_SOAK:-0}" -gt 0 ]]; then
    samples=("$is_rss_end")
    wrk -t"$concurrency" -c"$concurrency" -d"${BENCH_SOAK}s" "$url$b1&cache=off" >/dev/null &
    soak_pid=$!
    for _ in $(seq 1 $((BENCH_SOAK / 60))); do sleep 60; samples+=("$(rss_now "${pids[1]}")"); done
    wait "$soak_pid" || true
    soak="is RSS every minute of a ${BENCH_SOAK}s B1 soak (MB): ${samples[*]}"
fi

rss() { awk '/VmHWM/ { printf "%d MB", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

echo
echo "is engine: $engine (B1j: $engine_java)"
echo "ImageServing stock servers vs vipsthumbnail $(vipsthumbnail --vips-version 2>/dev/null | sed -n 1p) - $(nproc) cores," \
    "concurrency $concurrency, median of $rounds rounds of ${seconds}s, load average at start $load0, at end $(cut -d' ' -f1 /proc/loadavg)"
printf '%-44s %10s %10s   %-32s %s\n' "case" "req/s" "p50 ms" "vipsthumbnail (ops/s, ms/op)" "ratio req/s, latency"
printf '%-44s %10s %10s   %-32s %s\n' "B1 6 MP JPEG -> 500 px JPEG q85, cache off" "$b1_rps" "$b1_p50" "$v1_rps ops/s, $v1_ms ms" \
    "$(ratio "$b1_rps" "$v1_rps")x, $(ratio "$b1_p50" "$v1_ms")x"
printf '%-44s %10s %10s   %-32s %s\n' "B1j the same on the Java engine" "$bj_rps" "$bj_p50" "$v1_rps ops/s, $v1_ms ms" \
    "$(ratio "$bj_rps" "$v1_rps")x, $(ratio "$bj_p50" "$v1_ms")x"
printf '%-44s %10s %10s   %-32s %s\n' "B2 same URL from the response cache" "$b2_rps" "$b2_p50" "-" \
    "$(ratio "$b2_rps" "$v1_rps")x vips throughput"
printf '%-44s %10s %10s   %-32s %s\n' "B6 SVG drawing -> 500 px PNG, cache off" "$b6_rps" "$b6_p50" "$v6_rps ops/s, $v6_ms ms" \
    "$(ratio "$b6_rps" "$v6_rps")x, $(ratio "$b6_p50" "$v6_ms")x"
printf '%-44s %10s %10s   %-32s %s\n' "B7 6 MP JPEG -> 500 px WebP q85, cache off" "$b7_rps" "$b7_p50" "$v7_rps ops/s, $v7_ms ms" \
    "$(ratio "$b7_rps" "$v7_rps")x, $(ratio "$b7_p50" "$v7_ms")x"
echo "goals: B1 >= 0.9x vipsthumbnail req/s and p50 <= 1.3x its ms/op; B6 >= 0.8x; B2 p50 <= 5 ms"
echo "peak RSS: ps $(rss "${pids[2]}"), is $(rss "${pids[1]}"), svg $(rss "${pids[0]}"), is (java engine) $(rss "${pids[3]}")"
echo "is RSS after warm-up ${is_rss_warm} MB, after the measured rounds ${is_rss_end} MB"
[[ -z "$soak" ]] || echo "$soak"
