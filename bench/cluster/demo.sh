#!/usr/bin/env bash
# bench/cluster/demo.sh - one machine as if it were several: three image hosts, Redis and nginx, each in a network
# namespace of its own (see cluster.sh), then:
#   1. the fleet table (every host's supervisor, read through its loopback forward);
#   2. a bounded load through nginx: a URL set with repeats; the requests each host served and the cache levels;
#   3. the same set again, paced; h2 is killed (SIGKILL to its supervisor and servers) a third of the way in;
#      the counts before, while and after: only h1 and h3 serve, clients keep getting 200s;
#   4. the fleet table again (h2 does not answer), then everything is torn down, also on failure or Ctrl-C.
# Needs root (network namespaces), `mvn package` (lib/), nginx, redis-server, socat, curl (.ci/run installs them).
#   sudo bench/cluster/demo.sh [--redis-cluster]
# --redis-cluster (or CLUSTER_REDIS=cluster): the shared cache on a Redis Cluster of three masters, not one node.
# Exit 0 when every check printed at the end holds. CLUSTER_KEEP=1 keeps the work folder (logs, configs).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
# shellcheck source=bench/cluster/cluster.sh
. "$here/cluster.sh"

case "${1:-}" in
    "") ;;
    --redis-cluster) export CLUSTER_REDIS=cluster ;;
    *) echo "usage: bench/cluster/demo.sh [--redis-cluster]" >&2; exit 2 ;;
esac
cluster_init demo
trap cluster_teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
say "cluster: namespaces $cluster_prefix-{lb,h1,h2,h3,redis}, work folder $cluster_work"
began=$(date +%s)

cluster_network_up
cluster_redis_up
if [ ${#cluster_redis_ports[@]} -gt 1 ]; then
    say "redis up: a Redis Cluster of ${#cluster_redis_ports[@]} masters, $cluster_redis_url (password from a generated 0600 file)"
else
    say "redis up: $cluster_redis_url (password from a generated 0600 file)"
fi
cluster_forwards_up
cluster_hosts_up
cluster_nginx_up
say "nginx up: http://${cluster_ip[lb]}/ in the lb namespace, round robin over the three ps; passive health checks only"
say "  (max_fails=1 fail_timeout=10s, proxy_next_upstream error timeout http_502 http_503: open-source nginx has no active /health checks)"
if cluster_shared_level; then
    say "shared level: yes (sharedCache.url=$cluster_redis_url on every host)"
else
    say "shared level: no (this build has no sharedCache.* keys: each host has its local disk cache only)"
fi
say "stacks up in $(( $(date +%s) - began )) s"

say ""
say "== the fleet"
cluster_fleet

urls="$cluster_work/urls"
cluster_urls 20 3 >"$urls"
say ""
say "== load 1: $(wc -l <"$urls") requests (20 URLs, 3 times each, shuffled), 4 at once, through nginx"
t0=$(now)
codes1=$(cluster_load "$urls" 4)
t1=$(now)

# load 2: the same set, 6 batches of 10, paced, while h2 is killed after the second batch
split -l 10 -d "$urls" "$cluster_work/batch."
(
    for batch in "$cluster_work"/batch.*; do
        cluster_load "$batch" 4
        if [ "$batch" = "$cluster_work/batch.01" ]; then touch "$cluster_work/kill-now"; fi
        sleep 0.3
    done
) >"$cluster_work/codes2" &
loader=$!
for _ in $(seq 1 600); do [ -e "$cluster_work/kill-now" ] && break; kill -0 "$loader" 2>/dev/null || break; sleep 0.1; done
t2=$(now)
say "== load 2: the same 60 requests again, in batches of 10, paced; h2 is killed after 20 of them"
cluster_kill_host h2
t3=$(now)
wait "$loader"
t4=$(now)

say ""
say "== per-host counts, from nginx's log (moved-on: nginx tried another host after a failed one)"
cluster_counts_header
cluster_counts "before the kill" "$t0" "$t1"
cluster_counts "load 2, before the kill" "$t1" "$t2"
cluster_counts "while h2 dies" "$t2" "$t3"
cluster_counts "after the kill" "$t3" "$t4"
codes=$(printf '%s\n%s\n' "$codes1" "$(cat "$cluster_work/codes2")" | grep -v '^$' | sort | uniq -c | awk '{printf "%s%s x %s", sep, $1, $2; sep=", "}')
say "clients got (curl's own count, both loads): $codes"

say ""
say "== the fleet after the kill"
cluster_fleet

# the checks, from the same figures
read -r _ _ _ n1 ok1 bad1 h1a h2a h3a _ _ _ hs1 <<<"$(cluster_counts "x x x" "$t0" "$t1")"
read -r _ _ _ n4 ok4 bad4 h1b h2b h3b _ _ _ hs4 <<<"$(cluster_counts "x x x" "$t3" "$t4")"
fail=""
[ "$h1a" -gt 0 ] && [ "$h2a" -gt 0 ] && [ "$h3a" -gt 0 ] || fail+=" traffic-not-on-all-three"
[ "$ok1" = "$n1" ] && [ "$bad1" = 0 ] || fail+=" errors-before-the-kill"
[ "$n4" -gt 0 ] && [ "$h2b" = 0 ] && [ "$h1b" -gt 0 ] && [ "$h3b" -gt 0 ] || fail+=" traffic-after-the-kill"
[ "$ok4" = "$n4" ] && [ "$bad4" = 0 ] || fail+=" errors-after-the-kill"
[ "$codes" = "$(( $(wc -l <"$urls") * 2 )) x 200" ] || fail+=" client-errors"
if cluster_shared_level; then
    [ $(( hs1 + hs4 )) -gt 0 ] || fail+=" no-HIT-SHARED"
fi
say ""
if [ -z "$fail" ]; then
    say "demo: OK (all three hosts served; after h2 died only h1 and h3 served and every client got 200; $(( $(date +%s) - began )) s)"
else
    say "demo: FAILED:$fail"
fi
say "tearing down"
cluster_teardown
[ -z "$fail" ]
