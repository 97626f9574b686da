package org.imageserving.process;

import static org.imageserving.process.Durations.human;
import static org.imageserving.process.ServerState.FATAL;
import static org.imageserving.process.ServerState.RUNNING;
import static org.imageserving.process.ServerState.STARTING;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ServerSpec;

/**
 * Takes a server from a launch to RUNNING and keeps watching it there: launch (FATAL at once when the
 * process cannot be launched at all), readiness within startTimeout, then the health watch that notices a
 * hang. A process that is not ready in time, or stops answering, is killed; its exit is then handled like
 * any other, by whoever was given as {@code onExit}. Confined to the supervisor loop.
 */
final class Starting {
    /** One server's story stays under one logger name. */
    private static final Logger LOG = LogManager.getLogger(ManagedProcess.class);

    private final ServerSpec spec;
    private final Loop loop;
    private final Launcher launcher;
    private final PidRecords records;
    private final Checks checks;
    private final FailureStreak failures;
    private final Lifecycle lifecycle;
    private final CurrentRun current;
    private final RunHistory history;
    private final Stopping stopping;
    private final Consumer<ProcessRun> onExit;
    private Future<?> healthWatch;

    Starting(ServerSpec spec, Loop loop, Launcher launcher, PidRecords records, Checks checks, FailureStreak failures,
            Lifecycle lifecycle, CurrentRun current, RunHistory history, Stopping stopping, Consumer<ProcessRun> onExit) {
        this.spec = spec;
        this.loop = loop;
        this.launcher = launcher;
        this.records = records;
        this.checks = checks;
        this.failures = failures;
        this.lifecycle = lifecycle;
        this.current = current;
        this.history = history;
        this.stopping = stopping;
        this.onExit = onExit;
    }

    /**
     * Launches a new process: STARTING, then RUNNING once ready (or FATAL when it cannot be launched).
     *
     * @param automatic the supervisor restarts the server on its own (after a crash, a hang or a failed start):
     *                  it counts in RestartCount; an operator's start or restart does not
     */
    void launch(String reason, boolean automatic) {
        current.clearDecisions();
        if (automatic) {
            history.restarted();
        }
        ProcessRun run;
        try {
            run = launcher.launch(spec);
        } catch (IOException | RuntimeException e) {
            lifecycle.moveTo(STARTING, reason, Level.INFO);
            history.failed("cannot launch: " + e.getMessage());
            lifecycle.moveTo(FATAL, history.lastError(), Level.ERROR);
            return;
        }
        current.launched(run);
        failures.launched();
        records.write(new PidRecords.Entry(spec.id(), run.pid(), run.pgid(), run.osStartInstant(), run.token()));
        lifecycle.moveTo(STARTING, reason + "; pid " + run.pid(), Level.INFO);
        run.process().onExit().whenComplete((p, e) -> loop.execute(() -> onExit.accept(run)));
        lifecycle.whileInState(checks.awaitReady(run, how -> onReady(run, how), () -> onStartTimeout(run)));
    }

    /**
     * A handover's first step: a new process launched beside the current one, which keeps serving; no state
     * changes. Its exit is handed on like any other, and is ignored until it {@link #takeOver takes over}.
     */
    ProcessRun launchBeside() throws IOException {
        ProcessRun run = launcher.launch(spec);
        run.process().onExit().whenComplete((p, e) -> loop.execute(() -> onExit.accept(run)));
        return run;
    }

    /** Readiness of a process launched beside the serving one: it must listen on the probe's port itself. */
    List<Future<?>> awaitReadyBeside(ProcessRun run, Consumer<String> onReady, Runnable onTimeout) {
        return checks.awaitReadyBeside(run, onReady, onTimeout);
    }

    /** A handover's swap: the ready new process becomes the server's current one, RUNNING all along, and is watched. */
    void takeOver(ProcessRun run) {
        current.clearDecisions();
        current.launched(run);
        failures.reset();
        failures.launched();
        records.write(new PidRecords.Entry(spec.id(), run.pid(), run.pgid(), run.osStartInstant(), run.token()));
        watchHealth(run);
    }

    /** Another spec's parts watch the server now (a handover to new settings): this health watch ends. */
    void unwatch() {
        if (healthWatch != null) {
            healthWatch.cancel(false);
            healthWatch = null;
        }
    }

    private void onReady(ProcessRun run, String how) {
        if (!current.is(run) || lifecycle.state() != STARTING || current.killedByUs() || !run.process().isAlive()) {
            return;
        }
        lifecycle.moveTo(RUNNING, how, Level.INFO);
        watchHealth(run);
    }

    private void watchHealth(ProcessRun run) {
        if (healthWatch != null) {
            healthWatch.cancel(false);      // the watch of a process handed over from
        }
        healthWatch = checks.watchHealth(run, ok -> onHealth(run, ok)).orElse(null);
        if (healthWatch != null) {
            lifecycle.whileInState(healthWatch);
        }
    }

    private void onStartTimeout(ProcessRun run) {
        if (!current.is(run) || lifecycle.state() != STARTING || current.killedByUs()) {
            return;
        }
        stopping.kill(run, "not ready within " + human(spec.startTimeout()));
    }

    private void onHealth(ProcessRun run, boolean ok) {
        if (!current.is(run) || lifecycle.state() != RUNNING || current.killedByUs()) {
            return;
        }
        if (ok) {
            if (current.healthPassed() > 0) {
                LOG.info("{}: health check passes again", spec.id());
            }
            return;
        }
        int failed = current.healthFailed();
        int allowed = checks.allowedFailures();
        LOG.info("{}: health check failed ({} of {} allowed in a row)", spec.id(), failed, allowed);
        if (failed >= allowed) {
            stopping.kill(run, "stopped answering its health check",
                    "failed its health check " + Durations.times(failed) + " in a row (hung)");
        }
    }
}
