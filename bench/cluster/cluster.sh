# Sourced by bench/cluster/demo.sh and bench/cluster/run.sh: one machine as if it were several.
#
# Builds, in network namespaces of its own (named $prefix-<role>, prefix isdemo-<pid>):
#   lb      nginx (Debian's package, its own prefix and config in the work folder), and the bridge br0 that joins
#           every namespace: 10.253.0.1
#   h1..h3  one image host each: the stock stack (bin/ImageServing start: supervisor, ps, is, svg) on its stock
#           ports, on the namespace's own loopback, with its own IMAGESERVING_BASE; ps binds 10.253.0.1x:8080
#   redis   redis-server with a generated password (a 0600 file): 10.253.0.20:6379 (CLUSTER_REDIS=cluster: a Redis
#           Cluster of three masters on 10.253.0.20:7000-7002)
# Each veth pair is created with both of its ends inside these namespaces, so no interface and no address of
# this machine's own namespace is added or used, and no namespace has a route out. The only thing in the root
# namespace: one loopback-only forward per host (socat on 127.0.0.1:<free port>) into that host's loopback
# Jolokia port, standing in for the SSH tunnel an operator would use to reach a host's Jolokia.
#
# Everything the functions start is recorded under $work; cluster_teardown (the callers' EXIT trap) stops the
# stacks, redis, nginx and the forwards, kills what is left in our namespaces (only those), deletes the
# namespaces (their veths go with them) and the work folder.

cluster_hosts=(h1 h2 h3)
declare -A cluster_ip=([lb]=10.253.0.1 [h1]=10.253.0.11 [h2]=10.253.0.12 [h3]=10.253.0.13 [redis]=10.253.0.20)
declare -A cluster_jolokia=()    # host -> the Jolokia port, the same inside its namespace and on the root's loopback
cluster_ns_made=()               # namespaces created, in order
cluster_pids=()                  # redis, nginx: processes started here (each the process itself: ip netns exec execs)
cluster_groups=()                # socat forwards, each the leader of its own process group (setsid)
cluster_down=""                  # set once torn down

say() { printf '%s\n' "$*"; }
die() { printf '%s: %s\n' "$cluster_name" "$*" >&2; exit 1; }

# cluster_init <name>: checks what the cluster needs and makes the work folder and the namespace prefix.
cluster_init() {
    cluster_name=$1
    cluster_home=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
    [ "$(id -u)" = 0 ] || die "needs root (network namespaces); nothing was changed"
    [ -f "$cluster_home/lib/imageserving.jar" ] || die "no lib/imageserving.jar: run 'mvn -B -q package -DskipTests' first"
    local tool
    for tool in ip nginx redis-server redis-cli socat curl setsid java; do
        command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt-get install nginx redis-server socat curl iproute2, as .ci/run does)"
    done
    # the addresses must exist only in our namespaces: refuse if this machine's own namespace uses the range
    if [ -n "$(ip -o addr show to 10.253.0.0/16)" ] || [ -n "$(ip route show to match 10.253.0.1 | grep -v '^default')" ]; then
        die "10.253.0.0/16 is in use in this machine's namespace; the demo uses it inside its own namespaces only"
    fi
    cluster_prefix="isdemo-$$"
    cluster_work=$(mktemp -d "${TMPDIR:-/tmp}/$cluster_prefix.XXXXXX")
    chmod 0711 "$cluster_work"   # nginx's workers (nobody) traverse it to their temp folders
    mkdir -p "$cluster_work/images"
}

ns() { printf '%s-%s' "$cluster_prefix" "$1"; }
in_ns() { local who=$1; shift; ip netns exec "$(ns "$who")" "$@"; }

# The namespaces and their links: a bridge in lb, one veth from it to each host and to redis.
cluster_network_up() {
    local who
    for who in lb "${cluster_hosts[@]}" redis; do
        ip netns add "$(ns "$who")" || die "cannot create network namespace $(ns "$who")"
        cluster_ns_made+=("$(ns "$who")")
        ip -n "$(ns "$who")" link set lo up
    done
    ip -n "$(ns lb)" link add br0 type bridge
    ip -n "$(ns lb)" addr add "${cluster_ip[lb]}/24" dev br0
    ip -n "$(ns lb)" link set br0 up
    for who in "${cluster_hosts[@]}" redis; do
        # both ends are created inside namespaces: nothing appears in this machine's own namespace
        ip link add name eth0 netns "$(ns "$who")" type veth peer name "$who" netns "$(ns lb)"
        ip -n "$(ns lb)" link set "$who" master br0 up
        ip -n "$(ns "$who")" addr add "${cluster_ip[$who]}/24" dev eth0
        ip -n "$(ns "$who")" link set eth0 up
    done
}

# A free port on this machine's loopback (none of the stock ones): socat binds it; its namespace's Jolokia uses the
# same number, so the Host header a client sends through the forward names Jolokia's own port.
free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$(( 20000 + RANDOM % 40000 ))
        case " 8080 9910 8778 27345 27346 ${cluster_jolokia[*]} " in *" $p "*) continue ;; esac
        [ -z "$(ss -Htln "sport = :$p")" ] && { echo "$p"; return; }
    done
    die "no free loopback port found"
}

# One loopback-only forward per host: 127.0.0.1:<p> here -> 127.0.0.1:<p> in the host's namespace (the "SSH tunnel").
cluster_forwards_up() {
    local h p pid
    for h in "${cluster_hosts[@]}"; do
        for _ in 1 2 3; do
            p=$(free_port)
            setsid socat "TCP-LISTEN:$p,bind=127.0.0.1,reuseaddr,fork" \
                "EXEC:'ip netns exec $(ns "$h") socat STDIO TCP:127.0.0.1:$p'" 2>>"$cluster_work/socat.log" &
            pid=$!
            cluster_groups+=("$pid")
            for _ in $(seq 1 50); do
                [ -n "$(ss -Htln "sport = :$p")" ] && break
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            if [ -n "$(ss -Htln "sport = :$p")" ]; then cluster_jolokia[$h]=$p; break; fi
        done
        [ -n "${cluster_jolokia[$h]:-}" ] || die "cannot start the loopback forward of $h"
    done
}

# Redis in its namespace, the password in a generated 0600 file (never on a command line). CLUSTER_REDIS=cluster:
# a Redis Cluster of three masters (ports 7000-7002, no replicas) instead of one node; the hosts get its three seeds.
cluster_redis_ports=(6379)
cluster_redis_up() {
    local dir="$cluster_work/redis" port pid url=""
    [ "${CLUSTER_REDIS:-node}" = cluster ] && cluster_redis_ports=(7000 7001 7002)
    mkdir -p "$dir"
    ( umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$cluster_work/redis.password" )
    for port in "${cluster_redis_ports[@]}"; do
        mkdir -p "$dir/$port"
        ( umask 077
          cat >"$dir/$port/redis.conf" <<EOF
bind ${cluster_ip[redis]} 127.0.0.1
port $port
protected-mode yes
requirepass $(cat "$cluster_work/redis.password")
masterauth $(cat "$cluster_work/redis.password")
daemonize no
save ""
appendonly no
dir $dir/$port
logfile $dir/$port/redis.log
maxmemory 256mb
maxmemory-policy allkeys-lru
EOF
          if [ ${#cluster_redis_ports[@]} -gt 1 ]; then
              printf 'cluster-enabled yes\ncluster-config-file %s\ncluster-node-timeout 5000\n' "$dir/$port/nodes.conf" >>"$dir/$port/redis.conf"
          fi
        )
        # (ip itself, not in_ns: a function in the background would run in a subshell and $! would name that)
        ip netns exec "$(ns redis)" redis-server "$dir/$port/redis.conf" >/dev/null 2>&1 &
        pid=$!
        cluster_pids+=("$pid")
        for _ in $(seq 1 100); do
            [ "$(redis_cli -p "$port" ping 2>/dev/null)" = PONG ] && break
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        [ "$(redis_cli -p "$port" ping 2>/dev/null)" = PONG ] || { cat "$dir/$port/redis.log" >&2; die "redis-server on port $port did not answer"; }
        url+="${url:+,}redis://${cluster_ip[redis]}:$port"
    done
    cluster_redis_url=$url
    [ ${#cluster_redis_ports[@]} -gt 1 ] || return 0
    local seeds=()
    for port in "${cluster_redis_ports[@]}"; do seeds+=("${cluster_ip[redis]}:$port"); done
    redis_cli --cluster create "${seeds[@]}" --cluster-replicas 0 --cluster-yes >"$dir/cluster-create.log" 2>&1 \
        || { cat "$dir/cluster-create.log" >&2; die "redis-cli --cluster create failed"; }
    for _ in $(seq 1 100); do
        redis_cli -p "${cluster_redis_ports[0]}" cluster info 2>/dev/null | grep -q '^cluster_state:ok' && return 0
        sleep 0.1
    done
    die "the Redis Cluster did not reach cluster_state:ok"
}

# redis-cli against the demo's redis (the first node unless -p says another); the password goes through the
# environment, not the command line.
redis_cli() {
    REDISCLI_AUTH=$(cat "$cluster_work/redis.password") \
        in_ns redis redis-cli --no-auth-warning -h "${cluster_ip[redis]}" -p "${cluster_redis_ports[0]}" "$@"
}

# Empties every node.
redis_flush() {
    local port
    for port in "${cluster_redis_ports[@]}"; do redis_cli -p "$port" flushall >/dev/null; done
}

# Does this build have the shared cache? The rediscache work ships the sharedCache.* keys in conf/PlatformServer.conf.
cluster_shared_level() { grep -q '^#* *sharedCache\.url' "$cluster_home/conf/PlatformServer.conf"; }

# The base of one host: a copy of conf/ as the benches make it, plus what makes it this host. The hosts share one
# image folder, as a site's hosts share its image store: the same source files (size and time too) on every host.
cluster_base() {
    local h=$1 base="$cluster_work/$1" ip=${cluster_ip[$1]}
    mkdir -p "$base"
    cp -r "$cluster_home/conf" "$base/conf"
    rm -f "$base"/conf/jmxremote.*
    ln -s "$cluster_work/images" "$base/images"
    sed -i -e "s|<jolokiaPort>8778</jolokiaPort>|<jolokiaPort>${cluster_jolokia[$h]}</jolokiaPort>|" \
           -e "s|http://127.0.0.1:8080/health|http://$ip:8080/health|" "$base/conf/SupervisorRegistry.xml"
    grep -q "http://$ip:8080/health" "$base/conf/SupervisorRegistry.xml" \
        || die "conf/SupervisorRegistry.xml changed shape (ps's <ready> url); update bench/cluster/cluster.sh"
    sed -i -e "s/^bindAddress=.*/bindAddress=$ip/" "$base/conf/PlatformServer.conf"
    install -m 0600 "$cluster_work/redis.password" "$base/conf/redis.password"
    # a root supervisor runs ps as 'imageserving' when that account exists: the password file is then its
    if id imageserving >/dev/null 2>&1; then chown imageserving "$base/conf/redis.password"; fi
    cat >>"$base/conf/PlatformServer.conf" <<EOF

# --- bench/cluster: host $h of the several-hosts demo ---
sharedCache.url=$cluster_redis_url
sharedCache.passwordFile=./conf/redis.password
sharedCache.keyPrefix=isdemo:
EOF
}

# ImageServing on one host: its namespace, its base.
host_cli() {
    local h=$1; shift
    in_ns "$h" env IMAGESERVING_BASE="$cluster_work/$h" IMAGESERVING_JSVC=none "$cluster_home/bin/ImageServing" "$@"
}

# The three stacks, started side by side; returns once each is RUNNING (or dies naming the host that is not).
cluster_hosts_up() {
    local h pids=() failed=""
    for h in "${cluster_hosts[@]}"; do cluster_base "$h"; done
    for h in "${cluster_hosts[@]}"; do
        host_cli "$h" start --timeout 180 >"$cluster_work/$h.start.log" 2>&1 &
        pids+=("$!")
    done
    local i=0
    for h in "${cluster_hosts[@]}"; do
        wait "${pids[$i]}" || failed+=" $h"
        i=$((i + 1))
    done
    if [ -n "$failed" ]; then
        for h in $failed; do say "--- $h:"; cat "$cluster_work/$h.start.log"; tail -n 20 "$cluster_work/$h/logs/supervisor.log" 2>/dev/null; done >&2
        die "host(s)$failed did not come up"
    fi
    for h in "${cluster_hosts[@]}"; do
        local code
        code=$(in_ns lb curl -s -o /dev/null -m 10 -w '%{http_code}' "http://${cluster_ip[$h]}:8080/is/image")
        [ "$code" = 200 ] || die "$h: ps does not answer on ${cluster_ip[$h]}:8080 (HTTP $code)"
        say "host $h up: ps on ${cluster_ip[$h]}:8080 (pid $(server_pid "$h" ps)), Jolokia 127.0.0.1:${cluster_jolokia[$h]} in its namespace, forwarded from 127.0.0.1:${cluster_jolokia[$h]} here"
    done
    cluster_shared_level || return 0
    # ps serves before its Redis connection is made (a request never waits for it): wait for the shared level, so
    # that the figures are of the shared level and not of its first seconds
    for h in "${cluster_hosts[@]}"; do
        local state=""
        for _ in $(seq 1 300); do
            state=$(in_ns lb curl -s -m 5 "http://${cluster_ip[$h]}:8080/is/image" | sed -n 's/^sharedCache\.state=//p' | tr -d '\r')
            [ "$state" = UP ] && break
            sleep 0.1
        done
        say "host $h: shared level ${state:-unknown}"
    done
}

# The pid run/servers/<id>.pid records for a host's server ('' when none).
server_pid() { sed -n 's/^pid=\([0-9]*\)$/\1/p' "$cluster_work/$1/run/servers/$2.pid" 2>/dev/null; }

# nginx in lb: round robin over the three ps, passive health checks (max_fails/fail_timeout) and retries of a
# request on the next host on error, timeout, 502 and 503. Open-source nginx has no active (/health) checks.
cluster_nginx_up() {
    local dir="$cluster_work/nginx" h upstreams=""
    mkdir -p "$dir"
    for h in "${cluster_hosts[@]}"; do
        upstreams+="        server ${cluster_ip[$h]}:8080 max_fails=1 fail_timeout=10s;"$'\n'
    done
    cat >"$dir/nginx.conf" <<EOF
# bench/cluster: the load balancer of the several-hosts demo
user nobody nogroup;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 512; }
http {
    access_log off;
    client_body_temp_path $dir/client_body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    # which host answered (the last address when nginx moved on), what it said and which cache level answered
    log_format demo '\$msec \$status "\$upstream_addr" "\$upstream_status" "\$upstream_http_x_cache" \$request_uri';
    upstream imagehosts {
$upstreams        keepalive 16;
    }
    server {
        listen ${cluster_ip[lb]}:80;
        access_log $dir/access.log demo;
        location / {
            proxy_pass http://imagehosts;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_connect_timeout 1s;
            proxy_read_timeout 20s;
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 3;
            proxy_max_temp_file_size 0;
        }
    }
}
EOF
    ip netns exec "$(ns lb)" nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' >>"$dir/error.log" 2>&1 &
    cluster_pids+=("$!")
    cluster_nginx_pid=$!
    for _ in $(seq 1 100); do
        [ "$(in_ns lb curl -s -o /dev/null -m 5 -w '%{http_code}' "http://${cluster_ip[lb]}/is/image")" = 200 ] && return
        kill -0 "$cluster_nginx_pid" 2>/dev/null || break
        sleep 0.1
    done
    cat "$dir/error.log" >&2
    die "nginx does not answer"
}

# The fleet table: `ImageServing status --hosts` when this build has it, else the status of each host read
# through its forward, one after the other.
cluster_fleet() {
    local h hosts="$cluster_work/hosts"
    : >"$hosts"
    for h in "${cluster_hosts[@]}"; do
        ( umask 077; grep '^monitor ' "$cluster_work/$h/conf/jmxremote.password" >"$cluster_work/$h.monitor" )
        printf '%s http://127.0.0.1:%s/jolokia/ monitor %s\n' "$h" "${cluster_jolokia[$h]}" "$cluster_work/$h.monitor" >>"$hosts"
    done
    if "$cluster_home/bin/ImageServing" status --help 2>&1 | grep -q -- '--hosts'; then
        "$cluster_home/bin/ImageServing" status --hosts "$hosts" || true
        return
    fi
    for h in "${cluster_hosts[@]}"; do
        say "[$h] ImageServing status --url http://127.0.0.1:${cluster_jolokia[$h]}/jolokia/"
        "$cluster_home/bin/ImageServing" status --url "http://127.0.0.1:${cluster_jolokia[$h]}/jolokia/" \
            --user monitor --password-file "$cluster_work/$h.monitor" 2>&1 | sed 's/^/    /' || true
    done
}

# Is this pid a live process in this namespace of ours? (a pid read from a file may be gone or reused)
ours_in() {
    local pid=$1 name=$2
    [[ "$pid" =~ ^[0-9]+$ ]] && [ "$pid" -gt 1 ] || return 1
    ip netns identify "$pid" 2>/dev/null | tr ' ' '\n' | grep -qx "$name"
}

# Kills every process of a namespace of ours (all of them were started by this script inside it).
sweep_ns() {
    local name=$1 pid
    for pid in $(ip netns pids "$name" 2>/dev/null); do
        ours_in "$pid" "$name" && kill -KILL "$pid" 2>/dev/null
    done
    return 0
}

# A host dies: SIGKILL to its supervisor and its servers, by the host's own records (run/supervisor.pid,
# run/servers/*.pid), each checked to be a process in that host's namespace; then whatever of it is left there.
cluster_kill_host() {
    local h=$1 name pid id killed="" records=()
    name=$(ns "$h")
    # read every record first: once the supervisor is gone, its guardian removes the servers' records
    records+=("supervisor=$(cat "$cluster_work/$h/run/supervisor.pid" 2>/dev/null || true)")
    for id in ps is svg; do records+=("$id=$(server_pid "$h" "$id")"); done
    local targets=()
    for id in "${records[@]}"; do
        pid=${id#*=}
        if ours_in "$pid" "$name"; then targets+=("$pid"); killed+="${killed:+, }${id%%=*} $pid"; fi
    done
    # one kill for all: the supervisor gets no chance to restart a server, nor its guardian to go first
    [ ${#targets[@]} -gt 0 ] && kill -KILL "${targets[@]}"
    sweep_ns "$name"
    for _ in $(seq 1 50); do [ -z "$(ip netns pids "$name")" ] && break; sleep 0.1; done
    say "killed $h: $killed (SIGKILL); processes left in its namespace: $(ip netns pids "$name" | wc -l)"
}

cluster_teardown() {
    [ -n "$cluster_down" ] && return
    cluster_down=yes
    set +e
    local h pid name stops=()
    if [ -n "${cluster_work:-}" ]; then
        for h in "${cluster_hosts[@]}"; do
            name=$(ns "$h")
            if [ -f "$cluster_work/$h/run/supervisor.pid" ] && [ -n "$(ip netns pids "$name" 2>/dev/null)" ]; then
                timeout 90 ip netns exec "$name" env IMAGESERVING_BASE="$cluster_work/$h" "$cluster_home/bin/ImageServing" stop --timeout 60 >/dev/null 2>&1 &
                stops+=("$!")
            fi
        done
        for pid in "${stops[@]}"; do wait "$pid"; done
    fi
    for pid in "${cluster_pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for pid in "${cluster_groups[@]}"; do
        # the forward leads its own group (setsid): the group holds it and its per-connection children, nothing else
        [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ] && kill -TERM -- "-$pid" 2>/dev/null
    done
    for pid in "${cluster_pids[@]}" "${cluster_groups[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    for name in "${cluster_ns_made[@]}"; do sweep_ns "$name"; done
    for name in "${cluster_ns_made[@]}"; do
        for _ in $(seq 1 50); do [ -z "$(ip netns pids "$name" 2>/dev/null)" ] && break; sleep 0.1; done
        ip netns del "$name"
    done
    if [ -n "${cluster_work:-}" ]; then
        if [ -n "${CLUSTER_KEEP:-}" ]; then say "kept $cluster_work (CLUSTER_KEEP)"; else rm -rf "$cluster_work"; fi
    fi
    say "teardown: done (namespaces of $cluster_prefix deleted: ${#cluster_ns_made[@]}; left: $(ip netns list | grep -c "^$cluster_prefix-"))"
}

# cluster_urls <distinct> <repeats>: a URL set with repeats, shuffled the same way on every run (one path a line).
cluster_urls() {
    local n=$1 repeats=$2 i
    for _ in $(seq 1 "$repeats"); do
        for i in $(seq 0 $((n - 1))); do
            if [ $((i % 5)) = 4 ]; then
                printf '/is/image/demo/drawing?wid=%d&fmt=png\n' $((120 + 4 * i))
            else
                printf '/is/image/demo/photo?wid=%d\n' $((160 + 4 * i))
            fi
        done
    done | shuf --random-source=<(yes 13)
}

# cluster_load <paths file> <parallel>: GETs every path through nginx, from the lb namespace, that many at once;
# prints one HTTP status per request (000: no answer at all).
cluster_load() {
    local cfg
    cfg=$(mktemp "$cluster_work/load.XXXXXX")
    sed -e "s|.*|url = \"http://${cluster_ip[lb]}&\"\noutput = \"/dev/null\"|" "$1" >"$cfg"
    in_ns lb curl -s --no-progress-meter --parallel --parallel-max "$2" -m 30 -K "$cfg" -w '%{http_code}\n' || true
    rm -f "$cfg"
}

# now: the clock nginx logs with ($msec)
now() { date +%s.%N; }

cluster_counts_header() {
    printf '%-24s %8s %5s %6s %5s %5s %5s %9s %6s %10s %11s\n' phase requests 200s errors h1 h2 h3 moved-on MISS HIT-LOCAL HIT-SHARED
}

# cluster_counts <label> <from> <to>: nginx's log between two instants: what clients got, which host served each
# request (the last address: nginx moved on from the ones before), and the X-Cache level that answered.
cluster_counts() {
    awk -F'"' -v from="$2" -v to="$3" -v label="$1" \
        -v a1="${cluster_ip[h1]}:" -v a2="${cluster_ip[h2]}:" -v a3="${cluster_ip[h3]}:" '
        { split($1, head, " "); t = head[1] + 0; status = head[2] }
        t < from + 0 || t >= to + 0 { next }
        {
            n++; if (status == 200) ok++; else bad++
            k = split($2, tried, ", "); last = tried[k]
            if (index(last, a1) == 1) h1++; else if (index(last, a2) == 1) h2++; else if (index(last, a3) == 1) h3++
            if (k > 1) moved++
            c = $6; sub(/,.*/, "", c)
            if (c == "MISS") miss++; else if (c == "HIT-LOCAL") local_++; else if (c == "HIT-SHARED") shared++
        }
        END { printf "%-24s %8d %5d %6d %5d %5d %5d %9d %6d %10d %11d\n", label, n, ok, bad, h1, h2, h3, moved, miss, local_, shared }
    ' "$cluster_work/nginx/access.log"
}
