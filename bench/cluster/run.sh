#!/usr/bin/env bash
# bench/cluster/run.sh - what the shared cache level saves a cluster: three image hosts behind nginx (the demo's
# namespaces, see cluster.sh), one URL sequence with repeats sent twice in one run:
#   1. shared level on (Redis beside each host's local disk cache), every cache empty;
#   2. the baseline: local disk caches only (sharedCache.url commented out, local caches cleared, ps restarted).
# Prints, for each, the requests, the renders (X-Cache MISS; without that header, the ps access logs' CacheUse
# other than REUSED), the hit ratio and the req/s, then renders and hit ratio of the baseline against the shared run.
#   sudo bench/cluster/run.sh [distinct URLs (default 30)] [repeats (default 4)] [at once (default 4)]
# Needs root (network namespaces), `mvn package`, nginx, redis-server, socat, curl. Leaves nothing behind.
# CLUSTER_REDIS=cluster: the shared level on a Redis Cluster of three masters instead of one node.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
# shellcheck source=bench/cluster/cluster.sh
. "$here/cluster.sh"
distinct=${1:-30}
repeats=${2:-4}
parallel=${3:-4}

cluster_init bench
trap cluster_teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cluster_network_up
cluster_redis_up
cluster_forwards_up
cluster_hosts_up >/dev/null
cluster_nginx_up
if cluster_shared_level; then shared=yes; else shared=""; fi

urls="$cluster_work/urls"
cluster_urls "$distinct" "$repeats" >"$urls"
total=$(wc -l <"$urls")

access_lines() {   # lines of the three ps access logs so far
    cat "$cluster_work"/h?/logs/access-*.log 2>/dev/null | wc -l
}
# renders between two line counts of the access logs, without X-Cache: ps's CacheUse of each image request
renders_logged() {
    cat "$cluster_work"/h?/logs/access-*.log 2>/dev/null | sed -n "$(( $1 + 1 )),$2p" \
        | awk '$7 ~ /^\/is\/image\/demo\// && $(NF-1) != "REUSED" && $(NF-1) != "-" { n++ } END { print n + 0 }'
}

# one pass of the sequence: "requests ok renders hit_ratio req/s miss local shared"
pass() {
    local t0 t1 a0 a1 codes ok fields n miss local_ shr renders
    a0=$(access_lines)
    t0=$(now)
    codes=$(cluster_load "$urls" "$parallel")
    t1=$(now)
    sleep 0.2
    a1=$(access_lines)
    ok=$(grep -c '^200$' <<<"$codes" || true)
    fields=$(cluster_counts "x" "$t0" "$t1")
    read -r _ n _ _ _ _ _ _ miss local_ shr <<<"$fields"
    if [ $(( miss + local_ + shr )) -gt 0 ]; then renders=$miss; else renders=$(renders_logged "$a0" "$a1"); fi
    awk -v n="$n" -v ok="$ok" -v r="$renders" -v t0="$t0" -v t1="$t1" -v m="$miss" -v l="$local_" -v s="$shr" \
        'BEGIN { printf "%d %d %d %.3f %.1f %d %d %d\n", n, ok, r, (n - r) / n, n / (t1 - t0), m, l, s }'
}

say "three hosts behind nginx (round robin); $total requests: $distinct URLs $repeats times each, shuffled, $parallel at once"
[ -n "$shared" ] || say "this build has no shared level (no sharedCache.* keys): both passes use the local disk caches only"
redis_flush
read -r n1 ok1 r1 hr1 rps1 m1 l1 s1 <<<"$(pass)"

# the baseline: the same sequence with the shared level off and the local caches empty again
for h in "${cluster_hosts[@]}"; do
    sed -i 's/^sharedCache\.url=/#&/' "$cluster_work/$h/conf/PlatformServer.conf"
    find "$cluster_work/$h/cache" -mindepth 1 -delete
done
restarts=()
for h in "${cluster_hosts[@]}"; do host_cli "$h" restart ps >/dev/null & restarts+=("$!"); done
for pid in "${restarts[@]}"; do wait "$pid" || die "a restart of ps failed"; done
read -r n2 ok2 r2 hr2 rps2 m2 l2 s2 <<<"$(pass)"

printf '%-30s %8s %5s %8s %9s %7s %6s %10s %11s\n' levels requests 200s renders "hit ratio" req/s MISS HIT-LOCAL HIT-SHARED
first="shared (Redis) + local disk"
[ -n "$shared" ] || first="local disk only (no shared)"
printf '%-30s %8d %5d %8d %9s %7s %6d %10d %11d\n' "$first" "$n1" "$ok1" "$r1" "$hr1" "$rps1" "$m1" "$l1" "$s1"
printf '%-30s %8d %5d %8d %9s %7s %6d %10d %11d\n' "local disk only (baseline)" "$n2" "$ok2" "$r2" "$hr2" "$rps2" "$m2" "$l2" "$s2"
[ -n "$shared" ] || { say "(no shared level in this build: the two passes differ by chance only)"; exit 0; }
awk -v r1="$r1" -v r2="$r2" -v h1="$hr1" -v h2="$hr2" -v d="$distinct" 'BEGIN {
    printf "renders: %.2fx fewer with the shared level (%d vs %d; %d distinct URLs is the floor)\n", (r1 ? r2 / r1 : 0), r1, r2, d
    printf "hit ratio: %.3f with the shared level vs %.3f local only\n", h1, h2 }'
