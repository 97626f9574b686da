#!/usr/bin/env bash
# Builds lib/supervisor.jsa, the supervisor's class-data archive; `mvn package` runs it once the jars are in lib/.
# One real.sh run (the real supervisor started by bin/ImageServing with the three stock servers, then status
# calls and a stop) lists every class the supervisor loads; java -Xshare:dump then archives them for the class path
# the launchers give the supervisor (bin/supervisor.classpath, by bin/supervisor-jars.sh: bin/daemon.sh, bin/ImageServing run). The JVM
# maps the archive instead of parsing those classes again: less resident memory, a faster start. It records
# the jars' sizes and times, so the JVM ignores it by itself once a jar changes; without it the supervisor only
# starts slower and bigger. A failure here is one line, and the build goes on.
#   bench/supervisor/archive.sh
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
home=$(cd "$here/../.." && pwd)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
archive=$home/lib/supervisor.jsa

work=$(mktemp -d "${TMPDIR:-/tmp}/imageserving-cds.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
    rm -f "$archive"
    echo "[cds] WARNING: $archive not built, the supervisor starts slower and bigger without it: $*"
    exit 0
}

# the training supervisor must not map the archive it is about to replace
rm -f "$archive"
IMAGESERVING_OPTS="-XX:DumpLoadedClassList=$work/classes.txt" JAVA_OPTS='' IMAGESERVING_SUPERVISOR_OPTIONS='' \
    "$here/real.sh" training 5 >"$work/training.log" 2>&1 || fail "training run failed: $(tail -3 "$work/training.log")"
[ -s "$work/classes.txt" ] || fail "the training run listed no classes"

# shellcheck source=bin/supervisor-jars.sh
. "$home/bin/supervisor-jars.sh"
"$java" -Xshare:dump -XX:SharedClassListFile="$work/classes.txt" -XX:SharedArchiveFile="$archive" \
    -cp "$(supervisor_jars "$home")" >"$work/dump.log" 2>&1 || fail "java -Xshare:dump failed: $(tail -3 "$work/dump.log")"
echo "[cds] $archive built ($(($(stat -c %s "$archive") / 1024)) KiB, $(grep -vc '^#' "$work/classes.txt") classes)"
