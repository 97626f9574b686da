package org.imageserving.process;

import static org.imageserving.process.Durations.human;
import static org.imageserving.process.ServerState.STOPPING;

import java.time.Duration;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ServerSpec;

/**
 * Ends a server's process: a graceful stop (SIGTERM, then a forced kill of the whole tree after stopTimeout),
 * and the one way the supervisor kills a tree, whatever the reason. Either way the process's exit then
 * reaps what is left and moves the state on ({@link AfterExit}). Confined to the supervisor loop.
 */
final class Stopping {
    /** One server's story stays under one logger name. */
    private static final Logger LOG = LogManager.getLogger(ManagedProcess.class);

    private final ServerSpec spec;
    private final Loop loop;
    private final Lifecycle lifecycle;
    private final CurrentRun current;

    Stopping(ServerSpec spec, Loop loop, Lifecycle lifecycle, CurrentRun current) {
        this.spec = spec;
        this.loop = loop;
        this.lifecycle = lifecycle;
        this.current = current;
    }

    /** STOPPING: SIGTERM to the server, and a forced kill if it is still there after stopTimeout. */
    void begin(String reason) {
        ProcessRun run = current.process();
        lifecycle.moveTo(STOPPING, reason, Level.INFO);
        run.snapshotDescendants();
        run.terminate();
        Duration timeout = spec.stopTimeout();
        if (timeout == null || timeout.compareTo(Duration.ZERO) <= 0) {
            kill(run, "stopTimeout is 0");
            return;
        }
        lifecycle.whileInState(loop.schedule(() -> {
            if (current.is(run) && lifecycle.state() == STOPPING) {
                kill(run, "did not stop within " + human(timeout) + " of SIGTERM");
            }
        }, timeout));
    }

    void kill(ProcessRun run, String reason) {
        kill(run, reason, reason);
    }

    /**
     * SIGKILL to every member of the tree now. {@code reason} is what the exit will be blamed on (it is ours,
     * not a crash); {@code why} is the warning logged now.
     */
    void kill(ProcessRun run, String reason, String why) {
        current.killFor(reason);
        LOG.warn("{}: {}; killing its process tree (pid {})", spec.id(), why, run.pid());
        run.snapshotDescendants();
        run.liveMembers().forEach(ProcessHandle::destroyForcibly);
    }
}
