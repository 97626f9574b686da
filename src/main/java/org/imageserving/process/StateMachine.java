package org.imageserving.process;

import static org.imageserving.process.Durations.human;
import static org.imageserving.process.ServerState.BACKOFF;
import static org.imageserving.process.ServerState.EXITED;
import static org.imageserving.process.ServerState.FATAL;
import static org.imageserving.process.ServerState.RUNNING;
import static org.imageserving.process.ServerState.STARTING;
import static org.imageserving.process.ServerState.STOPPED;
import static org.imageserving.process.ServerState.STOPPING;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ServerSpec;

/**
 * Every decision about one managed server, in one place: what each event does in each state (the table it
 * follows is {@link Transitions}; {@link Lifecycle#moveTo} makes each move). The events are an operator's verbs
 * ({@link #start}, {@link #stop}, {@link #restart}, {@link #restartWith}) and what the effects report back: a
 * process ready, not ready in time, healthy or not, ended and reaped, a backoff over. The effects decide
 * nothing: {@link Launcher} spawns, {@link Checks} schedules probes, {@link ProcessRun} signals, kills and reaps
 * a tree, the {@link Loop} runs timers, {@link Handover} runs a restart with no gap. Each is told per call where
 * to report, so nothing here is built in a cycle.
 *
 * <p>What an operator's verb does in each state (each answers once the server has settled):
 * <pre>
 *  state                   start                          stop                         restart
 *  RUNNING                 nothing: RUNNING at once       STOPPING, answers STOPPED    STOPPING, then a start
 *                                                                                      (a handover server: a handover)
 *  STARTING                waits for it to settle         STOPPING, answers STOPPED    STOPPING, then a start
 *  STOPPING                a start once it is STOPPED     waits for STOPPED            a start once it is STOPPED
 *  STOPPED                 STARTING                       nothing: STOPPED at once     STARTING
 *  EXITED, BACKOFF, FATAL  STARTING, failures forgotten   STOPPED at once              STARTING, failures forgotten
 * </pre>
 * A stop always has the last word: it calls off a start that waits for the stop under way.
 *
 * <p>Two values carry what was decided earlier: {@link #afterStop}, the one record of an operator's wish to start
 * again once the stop under way is over (a restart, or a start while stopping), and the {@link FailureStreak},
 * the failures in a row that choose between a restart at once, a backoff and giving up. How long a run lasted
 * comes from one clock, {@link ProcessRun#age()}, which Uptime reads too. Confined to the supervisor loop.
 */
final class StateMachine {
    /** One server's story stays under one logger name, which operators already filter supervisor.log by. */
    private static final Logger LOG = LogManager.getLogger(ManagedProcess.class);

    /** What follows the stop under way. */
    private enum AfterStop { STAY_STOPPED, START }

    private final Loop loop;
    private final ScheduledExecutorService pool;
    private final Launcher launcher;
    private final PidRecords records;
    private final Lifecycle lifecycle;
    private final CurrentRun current;
    private final RunHistory history;
    private final Handover handover;
    /** The settings the serving process was launched with; a handover to a new spec swaps them. */
    private volatile ServerSpec spec;
    private Checks checks;
    private FailureStreak failures;
    private AfterStop afterStop = AfterStop.STAY_STOPPED;
    private Future<?> healthWatch;

    StateMachine(ServerSpec spec, Loop loop, ScheduledExecutorService pool, Launcher launcher, PidRecords records,
            Lifecycle lifecycle, CurrentRun current, RunHistory history, Handover handover) {
        this.loop = loop;
        this.pool = pool;
        this.launcher = launcher;
        this.records = records;
        this.lifecycle = lifecycle;
        this.current = current;
        this.history = history;
        this.handover = handover;
        use(spec);
    }

    /** Read from any thread. */
    ServerSpec spec() {
        return spec;
    }

    // ---- an operator's verbs ----

    /** Answered once settled: RUNNING (at once when already running), FATAL, EXITED or STOPPED. */
    void start(CompletableFuture<ServerState> answer) {
        switch (lifecycle.state()) {
            case RUNNING -> {
                LOG.info("{}: already running (pid {})", spec.id(), current.process().pid());
                answer.complete(RUNNING);
            }
            case STARTING -> lifecycle.answerWhenSettled(answer);
            case STOPPING -> {
                afterStop = AfterStop.START;
                lifecycle.answerWhenSettled(answer);
            }
            case STOPPED, EXITED, FATAL, BACKOFF -> {
                lifecycle.answerWhenSettled(answer);
                freshStart("start requested");
            }
        }
    }

    /** Answered with STOPPED once the process, every descendant and any process of a handover are gone. */
    void stop(CompletableFuture<ServerState> stopped) {
        CompletableFuture<ServerState> answer = stopped;
        if (handover.starting() || handover.draining()) {
            handover.abort("stop requested");
            answer = new CompletableFuture<>();
            answer.thenCombine(handover.drained(), (state, drained) -> state).whenComplete((state, e) -> {
                if (e != null) {
                    stopped.completeExceptionally(e);
                } else {
                    stopped.complete(state);
                }
            });
        }
        afterStop = AfterStop.STAY_STOPPED;
        switch (lifecycle.state()) {
            case STOPPED -> answer.complete(STOPPED);
            case EXITED, FATAL, BACKOFF -> {
                // nothing to kill: supervisord's BACKOFF -> STOPPED too, so that a stop never waits out a retry
                lifecycle.answerWhenStopped(answer);
                lifecycle.moveTo(STOPPED, "stop requested", Level.INFO);
                lifecycle.settled(STOPPED);
            }
            case STARTING, RUNNING -> {
                lifecycle.answerWhenStopped(answer);
                beginStop("stop requested");
            }
            case STOPPING -> lifecycle.answerWhenStopped(answer);
        }
    }

    /** Stop then start in one loop task; a RUNNING {@code <handover>} server is handed over instead, with no gap. */
    void restart(CompletableFuture<ServerState> answer) {
        if (handover.draining()) {
            handover.afterDrain(() -> restart(answer));     // one handover at a time
            return;
        }
        if (handover.starting() || (spec.handover() && lifecycle.state() == RUNNING)) {
            ServerSpec same = spec;
            handover.begin(answer, "restart requested", same, run -> adopt(run, same));
            return;
        }
        lifecycle.answerWhenSettled(answer);
        switch (lifecycle.state()) {
            case STARTING, RUNNING -> {
                afterStop = AfterStop.START;
                beginStop("restart requested");
            }
            case STOPPING -> afterStop = AfterStop.START;
            case STOPPED, EXITED, FATAL, BACKOFF -> freshStart("restart requested");
        }
    }

    /** A handover into new settings (a reload); only from RUNNING, after any handover under way. */
    void restartWith(ServerSpec next, CompletableFuture<ServerState> answer) {
        if (handover.starting() || handover.draining()) {
            // a handover already under way runs the old spec: this one starts after it, from the serving process
            handover.afterDrain(() -> restartWith(next, answer));
            return;
        }
        if (lifecycle.state() != RUNNING) {
            answer.completeExceptionally(new IllegalStateException(spec.id() + " is " + lifecycle.state()
                    + ", not RUNNING: nothing to hand over from"));
            return;
        }
        ServerSpec to = next.equals(spec) ? spec : next;
        handover.begin(answer, "reload with new settings", to, run -> adopt(run, to));
    }

    // ---- starting ----

    /** An operator's start: a fresh count of failures. */
    private void freshStart(String reason) {
        failures.reset();
        launch(reason, false);
    }

    /**
     * STARTING with a new process, then RUNNING once ready; FATAL at once when it cannot be launched at all.
     *
     * @param automatic the supervisor restarts the server on its own (after a crash, a hang or a failed start):
     *                  it counts in RestartCount; an operator's start or restart does not
     */
    private void launch(String reason, boolean automatic) {
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
        record(run);
        lifecycle.moveTo(STARTING, reason + "; pid " + run.pid(), Level.INFO);
        lifecycle.whileInState(checks.awaitReady(run, how -> ready(run, how), () -> notReadyInTime(run)));
    }

    /** A handover's swap: the ready new process (of {@code to}'s settings) is the server's now, RUNNING all along. */
    private void adopt(ProcessRun run, ServerSpec to) {
        if (to != spec) {
            use(to);
        }
        current.clearDecisions();
        current.launched(run);
        failures.reset();
        record(run);
        watchHealth(run);
    }

    private void ready(ProcessRun run, String how) {
        if (!current.is(run) || lifecycle.state() != STARTING || current.killedByUs() || !run.process().isAlive()) {
            return;
        }
        lifecycle.moveTo(RUNNING, how, Level.INFO);
        watchHealth(run);
    }

    private void notReadyInTime(ProcessRun run) {
        if (!current.is(run) || lifecycle.state() != STARTING || current.killedByUs()) {
            return;
        }
        kill(run, "not ready within " + human(spec.startTimeout()));
    }

    private void watchHealth(ProcessRun run) {
        if (healthWatch != null) {
            healthWatch.cancel(false);      // the watch of a process handed over from
        }
        healthWatch = checks.watchHealth(run, ok -> health(run, ok)).orElse(null);
        if (healthWatch != null) {
            lifecycle.whileInState(healthWatch);
        }
    }

    private void health(ProcessRun run, boolean ok) {
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
            kill(run, "stopped answering its health check",
                    "failed its health check " + Durations.times(failed) + " in a row (hung)");
        }
    }

    // ---- stopping ----

    /** STOPPING: SIGTERM to the server, and a forced kill of its tree if it is still there after stopTimeout. */
    private void beginStop(String reason) {
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

    private void kill(ProcessRun run, String reason) {
        kill(run, reason, reason);
    }

    /** {@code reason} is what the exit will be blamed on (ours, not a crash); {@code why} is the warning logged now. */
    private void kill(ProcessRun run, String reason, String why) {
        current.killFor(reason);
        LOG.warn("{}: {}; killing its process tree (pid {})", spec.id(), why, run.pid());
        run.killTree();
    }

    // ---- after the process ended ----

    /** The process ended: reap what is left of its tree (off the loop), then decide what follows. */
    private void exited(ProcessRun run) {
        if (!current.is(run)) {
            return;     // a process since replaced, or one a handover started that never took over
        }
        int code = run.process().exitValue();
        Duration ran = run.age();
        history.exited(code);
        run.reap(pool).whenComplete((survivors, error) -> loop.execute(() -> reaped(run, code, ran, survivors, error)));
    }

    private void reaped(ProcessRun run, int code, Duration ran, List<ProcessHandle> survivors, Throwable error) {
        if (!current.is(run)) {
            return;
        }
        if (error != null) {
            LOG.error("{}: reaping the tree of pid {} failed", spec.id(), run.pid(), error);
        } else if (!survivors.isEmpty()) {
            LOG.error("{}: could not kill {}", spec.id(), survivors.stream().map(ProcessTree::describe).toList());
        }
        current.reaped();
        records.remove(spec.id());
        String ended = current.killedByUs() ? current.killReason() : "exited with code " + code;
        switch (lifecycle.state()) {
            case STOPPING -> stopped(code);
            case STARTING -> failedStart(ended, ran);
            case RUNNING -> ended(code, ended, ran);
            default -> LOG.error("{}: process {} ended while {}", spec.id(), run.pid(), lifecycle.state());
        }
    }

    /** STOPPING -> STOPPED, then the start an operator asked for meanwhile, if any. */
    private void stopped(int code) {
        lifecycle.moveTo(STOPPED, current.killedByUs() ? "killed: " + current.killReason() : "exited with code " + code,
                Level.INFO);
        AfterStop then = afterStop;
        afterStop = AfterStop.STAY_STOPPED;
        switch (then) {
            case START -> freshStart("restart requested");
            case STAY_STOPPED -> lifecycle.settled(STOPPED);
        }
    }

    /** STARTING -> BACKOFF, or FATAL once the retries are spent. */
    private void failedStart(String why, Duration ran) {
        Backoff.Decision decision = failures.failed(why);
        String reason = current.killedByUs() ? why : why + " " + human(ran) + " after launch";
        if (decision.giveUp()) {
            giveUp();
            return;
        }
        history.failed(reason);
        lifecycle.moveTo(BACKOFF, reason + "; next start in " + human(decision.delay()), Level.WARN);
        retryAfter(decision.delay());
    }

    /** RUNNING -> EXITED, then as the restart policy and the failure streak say: stay, STARTING, BACKOFF or FATAL. */
    private void ended(int code, String why, Duration ran) {
        ExitVerdict verdict = ExitVerdict.of(spec.restart(), code, current.killedByUs());
        String reason = why + " after running " + human(ran);
        if (verdict.unexpected()) {
            history.failed(reason);
        }
        lifecycle.moveTo(EXITED, reason, verdict.unexpected() ? Level.WARN : Level.INFO);
        if (!verdict.restart()) {
            lifecycle.settled(EXITED);
            return;
        }
        Backoff.Decision decision = current.killedByUs() ? failures.failed(why) : failures.exited(why, ran);
        if (decision.giveUp()) {
            giveUp();
        } else if (decision.delay().isZero()) {
            launch("restart policy " + spec.restart().mode().name().toLowerCase(Locale.ROOT)
                    + (decision.failuresInARow() == 0 ? ", after a stable run" : ""), true);
        } else {
            lifecycle.moveTo(BACKOFF, "failure " + decision.failuresInARow() + " in a row; next start in "
                    + human(decision.delay()), Level.INFO);
            retryAfter(decision.delay());
        }
    }

    private void retryAfter(Duration delay) {
        lifecycle.whileInState(loop.schedule(() -> {
            if (lifecycle.state() == BACKOFF) {
                launch("backoff over", true);
            }
        }, delay));
    }

    private void giveUp() {
        history.failed(failures.givingUpReason());
        lifecycle.moveTo(FATAL, history.lastError(), Level.ERROR);
    }

    // ---- effects' bookkeeping ----

    /** The settings every later decision reads: checks and restart policy (a fresh failure count) included. */
    private void use(ServerSpec next) {
        spec = next;
        checks = new Checks(next, loop, pool);
        failures = new FailureStreak(next.restart());
    }

    /** Recorded for the guardian and the next supervisor, and watched for its end. */
    private void record(ProcessRun run) {
        records.write(new PidRecords.Entry(spec.id(), run.pid(), run.pgid(), run.osStartInstant(), run.token()));
        run.process().onExit().whenComplete((p, e) -> loop.execute(() -> exited(run)));
    }
}
