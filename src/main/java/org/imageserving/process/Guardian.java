package org.imageserving.process;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A tiny {@code sh} in a session of its own that outlives a killed supervisor by a moment. It blocks reading
 * a pipe from the supervisor; at end of file (the supervisor closed it, or died, even by SIGKILL, and the
 * kernel closed it) it kills, for every record under {@code run/servers/}, what is provably that record's: each
 * process carrying the record's {@link ServerToken} in {@code /proc/<pid>/environ}, and the recorded process
 * group when one of those is in it. A bare pid or group id from a record is never killed: after a crash it may
 * name someone else's process by now.
 *
 * <p>The parent-death signal only reaches a server's own process; this catches its children too. After a
 * clean close every record is already gone, so the guardian finds nothing to kill and just exits.
 */
public final class Guardian implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Guardian.class);

    /**
     * $1 = the records directory. Reads stdin until EOF, then kills what the records prove ours, with one pass over
     * /proc: every process carrying a recorded token, and first the recorded groups such a carrier is in, while
     * it still lives (so the group id cannot have been reused).
     */
    static final String SCRIPT = String.join("\n",
            "dir=$1",
            "while read -r _; do :; done",
            "set --",
            "pgids=' '",
            "for f in \"$dir\"/*.pid; do",
            "  [ -f \"$f\" ] || continue",
            "  pgid=; token=",
            "  while IFS='=' read -r k v; do",
            "    case $k in pgid) pgid=$v ;; token) token=$v ;; esac",
            "  done < \"$f\"",
            "  case $token in ''|*[!0-9a-f]*) continue ;; esac",
            "  [ ${#token} -eq 32 ] || continue",
            "  set -- \"$@\" -e \"" + ServerToken.VARIABLE + "=$token\"",
            "  case $pgid in ''|*[!0-9]*|0|1) ;; *) pgids=\"$pgids$pgid \" ;; esac",
            "done",
            "[ $# -gt 0 ] || exit 0",
            "carriers=$(grep -lzsxF \"$@\" /proc/[0-9]*/environ)",
            "for e in $carriers; do",
            "  p=${e#/proc/}; p=${p%/environ}",
            "  case $p in ''|*[!0-9]*|0|1) continue ;; esac",
            "  read -r st < \"/proc/$p/stat\" 2>/dev/null || continue",
            "  set -- ${st##*) }",
            "  case $pgids in *\" $3 \"*) kill -s KILL -- \"-$3\" 2>/dev/null ;; esac",
            "done",
            "for e in $carriers; do",
            "  p=${e#/proc/}; p=${p%/environ}",
            "  case $p in ''|*[!0-9]*|0|1) continue ;; esac",
            "  [ \"$p\" = \"$$\" ] || kill -s KILL \"$p\" 2>/dev/null",
            "done",
            "");

    private final Process process;

    private Guardian(Process process) {
        this.process = process;
    }

    /** Starts the guardian for these records; empty (with a warning) where it cannot run. */
    public static Optional<Guardian> start(PidRecords records, Platform platform) {
        if (!platform.linux()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        platform.setsid().ifPresent(p -> command.add(p.toString()));
        command.addAll(List.of("/bin/sh", "-c", SCRIPT, "imageserving-guardian", records.dir().toString()));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            LOG.debug("guardian started, pid {}", process.pid());
            return Optional.of(new Guardian(process));
        } catch (IOException e) {
            LOG.warn("cannot start the guardian ({}); grandchildren of servers may outlive a killed supervisor",
                    e.toString());
            return Optional.empty();
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Closes the pipe: the guardian kills whatever is still recorded, then exits. */
    @Override
    public void close() {
        try (OutputStream pipe = process.getOutputStream()) {
            pipe.flush();
        } catch (IOException ignored) {
            // already closed: the guardian is on its way out
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                LOG.warn("guardian {} did not exit; killing it", process.pid());
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
