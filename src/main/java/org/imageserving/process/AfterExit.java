package org.imageserving.process;

import static org.imageserving.process.Durations.human;
import static org.imageserving.process.ServerState.BACKOFF;
import static org.imageserving.process.ServerState.EXITED;
import static org.imageserving.process.ServerState.FATAL;
import static org.imageserving.process.ServerState.STOPPED;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ServerSpec;

/**
 * What follows the end of a server's process: the rest of its tree is reaped, then the state moves on by
 * what the server was doing. Asked to stop: STOPPED (and the start a restart waits for). Starting: a failed
 * start, BACKOFF or FATAL. Running: EXITED, then, as the restart policy and the failure streak decide, a
 * new start at once, BACKOFF, or FATAL. Confined to the supervisor loop.
 */
final class AfterExit {
    /** One server's story stays under one logger name. */
    private static final Logger LOG = LogManager.getLogger(ManagedProcess.class);
    /** How long killing a tree may take before its survivors are reported. */
    private static final Duration REAP_DEADLINE = Duration.ofSeconds(5);

    private final ServerSpec spec;
    private final Loop loop;
    private final ScheduledExecutorService pool;
    private final PidRecords records;
    private final FailureStreak failures;
    private final Lifecycle lifecycle;
    private final CurrentRun current;
    private final RunHistory history;
    private Starting starting;

    AfterExit(ServerSpec spec, Loop loop, ScheduledExecutorService pool, PidRecords records, FailureStreak failures,
            Lifecycle lifecycle, CurrentRun current, RunHistory history) {
        this.spec = spec;
        this.loop = loop;
        this.pool = pool;
        this.records = records;
        this.failures = failures;
        this.lifecycle = lifecycle;
        this.current = current;
        this.history = history;
    }

    /** Who launches the next process; {@link Starting} in turn hands every exit to {@link #onProcessExit}. */
    void relaunchWith(Starting next) {
        this.starting = next;
    }

    /** The process ended: reap what is left of its tree (off the loop), then move on. */
    void onProcessExit(ProcessRun run) {
        if (!current.is(run)) {
            return;
        }
        int code = run.process().exitValue();
        Duration ran = run.age();
        history.exited(code);
        ProcessTree.kill(run::liveMembers, pool, REAP_DEADLINE).whenComplete((survivors, error) ->
                loop.execute(() -> afterReap(run, code, ran, survivors, error)));
    }

    private void afterReap(ProcessRun run, int code, Duration ran, List<ProcessHandle> survivors, Throwable error) {
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

    private void stopped(int code) {
        lifecycle.moveTo(STOPPED, current.killedByUs() ? "killed: " + current.killReason() : "exited with code " + code,
                Level.INFO);
        if (lifecycle.startAfterStop()) {
            lifecycle.startAfterStop(false);
            failures.reset();
            starting.launch("restart requested", false);
        }
    }

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
        Backoff.Decision decision = current.killedByUs() ? failures.failed(why) : failures.exited(why);
        if (decision.giveUp()) {
            giveUp();
        } else if (decision.delay().isZero()) {
            starting.launch("restart policy " + spec.restart().mode().name().toLowerCase(Locale.ROOT)
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
                starting.launch("backoff over", true);
            }
        }, delay));
    }

    private void giveUp() {
        history.failed(failures.givingUpReason());
        lifecycle.moveTo(FATAL, history.lastError(), Level.ERROR);
    }
}
