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
 * kernel closed it) it kills the process group and the process of every record under {@code run/servers/}.
 *
 * <p>The parent-death signal only reaches a server's own process; this catches its children too. After a
 * clean close every record is already gone, so the guardian finds nothing to kill and just exits.
 */
public final class Guardian implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Guardian.class);

    /** $1 = the records directory. Reads stdin until EOF, then kills what the records name. */
    static final String SCRIPT = String.join("\n",
            "while read -r _; do :; done",
            "for f in \"$1\"/*.pid; do",
            "  [ -f \"$f\" ] || continue",
            "  pid=; pgid=",
            "  while IFS='=' read -r k v; do",
            "    case $k in pid) pid=$v ;; pgid) pgid=$v ;; esac",
            "  done < \"$f\"",
            "  case $pgid in ''|-*|0|1) ;; *) kill -s KILL -- \"-$pgid\" 2>/dev/null ;; esac",
            "  case $pid in ''|-*|0|1) ;; *) kill -s KILL \"$pid\" 2>/dev/null ;; esac",
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
