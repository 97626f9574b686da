#!/usr/bin/env bash
# Runs the Server Supervisor under jsvc (Apache Commons Daemon, Debian package `jsvc`), in the style of
# Tomcat's daemon.sh:
#   daemon.sh run       in the foreground (-nodetach), output to this terminal; Ctrl-C or SIGTERM stops it
#   daemon.sh start     detached; returns once the supervisor's start() has returned (-wait)
#   daemon.sh stop      jsvc -stop: SIGTERM to the supervisor, then waits for it to go
#   daemon.sh version   the versions of jsvc, Java and ImageServing
# `bin/ImageServing start` calls `daemon.sh start` itself when jsvc is installed, then waits for the servers.
#
# Environment, as for bin/ImageServing (IMAGESERVING_HOME, IMAGESERVING_BASE, JAVA_HOME, IMAGESERVING_OPTS,
# JAVA_OPTS, after the defaults of bin/supervisor.options or IMAGESERVING_SUPERVISOR_OPTIONS;
# $IMAGESERVING_BASE/bin/setenv.sh is sourced), plus:
#   IMAGESERVING_JSVC        the jsvc binary (default /usr/bin/jsvc, then jsvc on PATH)
#   IMAGESERVING_USER        the user to run as when started as root (jsvc -user); default: the invoking user
#   IMAGESERVING_START_WAIT  seconds `start` waits for the supervisor's start() to return (default 30)
#   IMAGESERVING_DAEMON_DIR  with IMAGESERVING_USER: where root's jsvc writes its pid and output files, a
#                            directory only root can write (default /run/imageserving)
# As root, this script refuses to run or load anything another user could have changed: itself, setenv.sh,
# the options file, jsvc, Java, lib/ and its jars, and the directories root writes its pid/out files in (see
# the README, "jsvc as root").
# and, in setenv.sh only (as bin/ImageServing): CLASSPATH, entries put before the supervisor's jars, and
# IMAGESERVING_SUPERVISOR_CLASS, the Daemon class (default org.imageserving.daemon.SupervisorDaemon).
# jsvc 1.0.15 rejects Java 9+ options (--add-opens=...): those in IMAGESERVING_OPTS/JAVA_OPTS are passed
# through JAVA_TOOL_OPTIONS instead (use their one-word form, --add-opens=module/package=target).

fail() {
    printf 'daemon.sh: %s\n' "$*" >&2
    exit 1
}

self=${BASH_SOURCE[0]}
while [ -L "$self" ]; do
    link=$(readlink -- "$self") || fail "cannot resolve the symlink $self"
    case $link in
        /*) self=$link ;;
        *) self=${self%/*}/$link ;;
    esac
done
case $self in
    */*) bin_dir=${self%/*} ;;
    *) bin_dir=. ;;
esac
bin_dir=$(cd -P -- "$bin_dir" && pwd) || fail "cannot enter $bin_dir"

# Root must run and read only what root alone can change (as Tomcat's and Debian's packaging have it): the
# file and every directory above it owned by root and writable by no one else. A directory above it may be
# sticky (as /tmp): others cannot rename what root owns there. $2 = "dir" for a directory root writes files in,
# which may be sticky too. Checked along the path as given and as resolved, symlinks included.
is_root=false
[ "$(id -u)" = 0 ] && is_root=true
root_safe() {
    local target=$1 kind=${2:-} path owner mode type first
    for path in "$target" "$(readlink -f -- "$target" || printf %s "$target")"; do
        first=true
        while [ -n "$path" ]; do
            if [ -e "$path" ] || [ -L "$path" ]; then
                IFS=' ' read -r owner mode type < <(stat -c '%u %a %F' -- "$path") || fail "cannot stat $path"
                [ "$owner" = 0 ] || fail "refusing to run as root: $path belongs to uid $owner, not root; make the install root's (chown root), see README \"jsvc as root\""
                if [ "$type" != "symbolic link" ] && (( (8#$mode & 8#022) != 0 )) \
                    && ! { { [ "$first" = false ] || [ "$kind" = dir ]; } && (( (8#$mode & 8#1000) != 0 )); }; then
                    fail "refusing to run as root: $path is writable by others (mode $mode); chmod go-w it, see README \"jsvc as root\""
                fi
                first=false
            fi
            [ "$path" = / ] && break
            path=${path%/*}
            [ -n "$path" ] || path=/
        done
    done
}
if $is_root; then
    root_safe "$bin_dir/${self##*/}"
fi

: "${IMAGESERVING_HOME:=${bin_dir%/*}}"
: "${IMAGESERVING_BASE:=$IMAGESERVING_HOME}"
case $IMAGESERVING_HOME in /*) ;; *) IMAGESERVING_HOME=$PWD/$IMAGESERVING_HOME ;; esac
case $IMAGESERVING_BASE in /*) ;; *) IMAGESERVING_BASE=$PWD/$IMAGESERVING_BASE ;; esac
export IMAGESERVING_HOME IMAGESERVING_BASE

CLASSPATH=
if [ -r "$IMAGESERVING_BASE/bin/setenv.sh" ]; then
    ! $is_root || root_safe "$IMAGESERVING_BASE/bin/setenv.sh"
    # shellcheck source=/dev/null
    . "$IMAGESERVING_BASE/bin/setenv.sh"
elif [ -r "$IMAGESERVING_HOME/bin/setenv.sh" ]; then
    ! $is_root || root_safe "$IMAGESERVING_HOME/bin/setenv.sh"
    # shellcheck source=/dev/null
    . "$IMAGESERVING_HOME/bin/setenv.sh"
fi

# jsvc re-executes itself, so it must be named by an absolute path, never found through PATH.
jsvc=${IMAGESERVING_JSVC:-}
if [ -z "$jsvc" ]; then
    if [ -x /usr/bin/jsvc ]; then
        jsvc=/usr/bin/jsvc
    else
        jsvc=$(command -v jsvc) || fail "jsvc not found: install it (Debian: apt-get install jsvc), set IMAGESERVING_JSVC, or use \`ImageServing run\`"
    fi
fi
case $jsvc in /*) ;; *) jsvc=$PWD/$jsvc ;; esac
[ -x "$jsvc" ] || fail "$jsvc is not executable: fix IMAGESERVING_JSVC"

# jsvc loads the JVM library itself: it needs JAVA_HOME, which `java` on PATH can tell.
if [ -z "${JAVA_HOME:-}" ]; then
    java_bin=$(command -v java) || fail "no java found: install Java 17 or later, or set JAVA_HOME"
    java_bin=$(readlink -f -- "$java_bin")
    JAVA_HOME=${java_bin%/bin/java}
fi
[ -x "$JAVA_HOME/bin/java" ] || fail "JAVA_HOME=$JAVA_HOME has no bin/java: point it at a Java 17+ install"

lib=$IMAGESERVING_HOME/lib
[ -r "$lib/imageserving.jar" ] || fail "$lib/imageserving.jar is missing: run \`mvn package\` first (in $IMAGESERVING_HOME)"
# jsvc hands -cp to the JVM as is: no wildcard expansion, so every jar is named, in C order (whatever the
# locale) as lib/supervisor.jsa was built for; only the supervisor's own (bin/supervisor.classpath), the servers
# it starts get all of lib/
[ -r "$IMAGESERVING_HOME/bin/supervisor-jars.sh" ] || fail "$IMAGESERVING_HOME/bin/supervisor-jars.sh is missing: restore it from the release"
! $is_root || root_safe "$IMAGESERVING_HOME/bin/supervisor-jars.sh"
# shellcheck source=bin/supervisor-jars.sh
. "$IMAGESERVING_HOME/bin/supervisor-jars.sh"
! $is_root || [ ! -e "$IMAGESERVING_HOME/bin/supervisor.classpath" ] || root_safe "$IMAGESERVING_HOME/bin/supervisor.classpath"
classpath=${CLASSPATH:-}
jars=$(supervisor_jars "$IMAGESERVING_HOME")
classpath=${classpath:+$classpath:}$jars

logs=$IMAGESERVING_BASE/logs
pidfile=$IMAGESERVING_BASE/run/supervisor.pid
outfile=$logs/supervisor.out
if $is_root; then
    # jsvc's init() loads every jar as root, with root's jsvc and Java
    root_safe "$jsvc"
    root_safe "$JAVA_HOME"
    root_safe "$lib"
    IFS=: read -r -a entries <<< "$classpath"
    for entry in "${entries[@]}"; do
        [ -z "$entry" ] || root_safe "$entry"
    done
    # jsvc writes its pid and output files as root, before it drops to IMAGESERVING_USER: never into a
    # directory the service account owns (it could plant a symlink there), so into a root-only one
    if [ -n "${IMAGESERVING_USER:-}" ]; then
        daemon_dir=${IMAGESERVING_DAEMON_DIR:-/run/imageserving}
        [ -d "$daemon_dir" ] || mkdir -m 0755 -- "$daemon_dir" || fail "cannot create $daemon_dir: set IMAGESERVING_DAEMON_DIR to a directory only root can write"
        base_key=$(printf %s "$IMAGESERVING_BASE" | cksum | cut -d' ' -f1)
        pidfile=$daemon_dir/supervisor-$base_key.pid
        outfile=$daemon_dir/supervisor-$base_key.out
    fi
    for written in "$pidfile" "$outfile"; do
        root_safe "${written%/*}" dir
        if [ -e "$written" ] || [ -L "$written" ]; then
            root_safe "$written"
        fi
    done
fi
main=${IMAGESERVING_SUPERVISOR_CLASS:-org.imageserving.daemon.SupervisorDaemon}

# the shipped defaults first (one option a line, # comments: plain -X/-XX/-D options that jsvc passes on), then
# the site's, which win
all_opts=()
options_file=${IMAGESERVING_SUPERVISOR_OPTIONS:-$IMAGESERVING_HOME/bin/supervisor.options}
if [ "$options_file" != none ]; then
    [ -r "$options_file" ] || fail "cannot read $options_file: restore it from the release, or set IMAGESERVING_SUPERVISOR_OPTIONS=none"
    ! $is_root || root_safe "$options_file"
    # the class-data archive that `mvn package` builds for this class path, with the shipped options: the JVM
    # ignores it by itself when stale (-Xlog:cds*=off keeps it quiet about that)
    if [ -r "$lib/supervisor.jsa" ]; then
        ! $is_root || root_safe "$lib/supervisor.jsa"
        all_opts+=("-XX:SharedArchiveFile=$lib/supervisor.jsa" "-Xlog:cds*=off")
    fi
    while read -r opt || [ -n "$opt" ]; do
        case $opt in '' | '#'*) ;; *) all_opts+=("$opt") ;; esac
    done < "$options_file"
fi
read -r -a site_opts <<< "${JAVA_OPTS:-} ${IMAGESERVING_OPTS:-}"
all_opts+=("${site_opts[@]}")
jvm_opts=()
tool_opts=
for opt in "${all_opts[@]}"; do
    case $opt in
        --*) tool_opts="$tool_opts $opt" ;;
        *) jvm_opts+=("$opt") ;;
    esac
done
if [ -n "$tool_opts" ]; then
    # the supervisor's own options: it gives its servers JAVA_TOOL_OPTIONS back as it was (process/Launcher.java)
    IMAGESERVING_ORIGINAL_JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-}"
    JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }${tool_opts# }"
    export JAVA_TOOL_OPTIONS IMAGESERVING_ORIGINAL_JAVA_TOOL_OPTIONS
fi

user_opts=()
if [ -n "${IMAGESERVING_USER:-}" ]; then
    user_opts=(-user "$IMAGESERVING_USER")
fi

common=(-java-home "$JAVA_HOME" -cp "$classpath" -pidfile "$pidfile" -procname imageserving-supervisor
    -cwd "$IMAGESERVING_BASE" "${jvm_opts[@]}"
    "-Dimageserving.home=$IMAGESERVING_HOME" "-Dimageserving.base=$IMAGESERVING_BASE" "-Dimageserving.logs=$logs")

case ${1:-} in
    run)
        mkdir -p "$logs" "${pidfile%/*}" || fail "cannot create $logs and ${pidfile%/*}"
        exec "$jsvc" "${common[@]}" -nodetach -outfile '&1' -errfile '&2' "$main"
        ;;
    start)
        mkdir -p "$logs" "${pidfile%/*}" || fail "cannot create $logs and ${pidfile%/*}"
        "$jsvc" "${common[@]}" "${user_opts[@]}" -wait "${IMAGESERVING_START_WAIT:-30}" \
            -outfile "$outfile" -errfile '&1' "$main"
        status=$?
        [ $status -eq 0 ] || echo "daemon.sh: jsvc could not start the supervisor (exit $status): see $outfile" >&2
        exit $status
        ;;
    stop)
        if [ ! -f "$pidfile" ]; then
            echo "daemon.sh: not running (no $pidfile)"
            exit 0
        fi
        exec "$jsvc" -java-home "$JAVA_HOME" -cp "$classpath" -pidfile "$pidfile" -stop "$main"
        ;;
    version)
        # no -pidfile here: jsvc -check would leave an empty one behind, which reads as a stale pid file
        "$jsvc" -java-home "$JAVA_HOME" -cp "$classpath" -errfile '&2' -version -check "$main" || exit $?
        exec "$JAVA_HOME/bin/java" -cp "$lib/imageserving.jar:$lib/picocli.jar" org.imageserving.cli.Main version
        ;;
    *)
        echo "usage: ${0##*/} run | start | stop | version" >&2
        echo "  run      the supervisor under jsvc, in the foreground" >&2
        echo "  start    the supervisor under jsvc, detached (bin/ImageServing start does this and waits for the servers)" >&2
        echo "  stop     stop it, and wait for it to go" >&2
        echo "  version  jsvc, Java and ImageServing versions" >&2
        exit 2
        ;;
esac
