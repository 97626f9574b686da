# shellcheck shell=bash
# Sourced by bin/ImageServing, bin/daemon.sh and bench/supervisor/archive.sh (never run): the Server Supervisor's
# class path from bin/supervisor.classpath, each pattern expanded in lib/ in C order whatever the locale, as
# lib/supervisor.jsa was dumped for it; every jar of lib/ when that file is missing (an older install).
#   supervisor_jars <IMAGESERVING_HOME>     prints the path, entries joined by ':'
supervisor_jars() {
    local home=$1 list=$1/bin/supervisor.classpath jars
    # shellcheck disable=SC2030,SC2031  # LC_ALL only for the globs of this subshell
    jars=$(
        LC_ALL=C
        if [ -r "$list" ]; then
            while read -r pattern || [ -n "$pattern" ]; do
                case $pattern in '' | '#'*) continue ;; esac
                # shellcheck disable=SC2086  # the pattern is a glob, on purpose
                for jar in "$home"/lib/$pattern; do
                    [ -e "$jar" ] && printf '%s:' "$jar"
                done
            done <"$list"
        else
            for jar in "$home"/lib/*.jar; do printf '%s:' "$jar"; done
        fi
    )
    printf '%s' "${jars%:}"
}
