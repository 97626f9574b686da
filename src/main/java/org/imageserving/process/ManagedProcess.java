package org.imageserving.process;

import static org.imageserving.process.ServerState.RUNNING;
import static org.imageserving.process.ServerState.STOPPED;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ServerSpec;

/**
 * One managed server: what the rest of the supervisor sees of it, and the operator's verbs. The state machine
 * behind it is split by job, each confined to the supervisor {@link Loop}:
 * <ul>
 *   <li>{@link Lifecycle} holds the state and performs every transition (table: {@link Transitions});</li>
 *   <li>{@link Starting} launches a process and takes it to RUNNING, then watches its health;</li>
 *   <li>{@link Stopping} stops it gracefully, and kills its tree when it must;</li>
 *   <li>{@link AfterExit} reaps an ended process's tree and decides what follows (restart policy, backoff);</li>
 *   <li>{@link Handover} restarts a {@code <handover>} server with no gap: the new process beside the old one,
 *       RUNNING throughout.</li>
 * </ul>
 * The control methods only submit tasks to the loop; the getters read volatile snapshots from any thread.
 */
public final class ManagedProcess {
    private static final Logger LOG = LogManager.getLogger(ManagedProcess.class);

    /** Told of every transition, on the loop thread. */
    @FunctionalInterface
    public interface Listener {
        void stateChanged(String id, ServerState from, ServerState to, String reason);
    }

    private final Loop loop;
    private final ScheduledExecutorService pool;
    private final Launcher launcher;
    private final PidRecords records;
    private final Clock clock;
    private final Lifecycle lifecycle;
    private final CurrentRun current = new CurrentRun();
    private final RunHistory history = new RunHistory();
    private final Handover handover;
    /** The settings the serving process was launched with; a handover to a new spec swaps them (on the loop). */
    private volatile ServerSpec spec;
    /** Built from {@link #spec}, replaced with it; confined to the loop after construction. */
    private Parts parts;

    /** The parts of the state machine that read a spec: one set per spec, sharing the state above. */
    private record Parts(FailureStreak failures, Starting starting, Stopping stopping) {
    }

    /**
     * @param pool small scheduled pool for probes and reaping; never the loop
     */
    public ManagedProcess(ServerSpec spec, Loop loop, ScheduledExecutorService pool, Launcher launcher,
            PidRecords records, Clock clock) {
        this.spec = spec;
        this.loop = loop;
        this.pool = pool;
        this.launcher = launcher;
        this.records = records;
        this.clock = clock;
        this.lifecycle = new Lifecycle(spec.id());
        this.parts = partsFor(spec);
        this.handover = new Handover(spec, loop, pool, lifecycle, current, history);
    }

    private Parts partsFor(ServerSpec spec) {
        FailureStreak failures = new FailureStreak(spec.restart(), clock);
        Stopping stopping = new Stopping(spec, loop, lifecycle, current);
        AfterExit afterExit = new AfterExit(spec, loop, pool, records, failures, lifecycle, current, history);
        Starting starting = new Starting(spec, loop, launcher, records, new Checks(spec, loop, pool), failures, lifecycle,
                current, history, stopping, afterExit::onProcessExit);
        afterExit.relaunchWith(starting);
        return new Parts(failures, starting, stopping);
    }

    // ---- read from any thread ----

    public String id() {
        return spec.id();
    }

    public ServerSpec spec() {
        return spec;
    }

    public ServerState state() {
        return lifecycle.state();
    }

    public long pid() {
        ProcessRun run = current.process();
        return run == null ? -1 : run.pid();
    }

    /** When the current process was launched, or null. */
    public Instant launchedAt() {
        ProcessRun run = current.process();
        return run == null ? null : run.launchedAt();
    }

    /**
     * The second process of a handover under way ({@code <handover>}): the new one while it starts beside the
     * serving one, then the old one while it drains; -1 otherwise.
     */
    public long handoverPid() {
        return handover.otherPid();
    }

    public long uptimeMillis() {
        ProcessRun run = current.process();
        return run == null ? 0 : run.age().toMillis();
    }

    public int restartCount() {
        return history.restartCount();
    }

    public int lastExitCode() {
        return history.lastExitCode();
    }

    public String lastError() {
        return history.lastError();
    }

    public void addListener(Listener listener) {
        lifecycle.addListener(listener);
    }

    // ---- control: submitted to the loop; the answers complete off the loop thread ----

    /** Completes once settled: RUNNING (at once when already running), FATAL, EXITED or STOPPED. */
    public CompletableFuture<ServerState> start() {
        return submit(this::onStart);
    }

    /** Completes with STOPPED once the process and all its descendants are gone. */
    public CompletableFuture<ServerState> stop() {
        return submit(this::onStop);
    }

    /** Stop then start, in one loop task; completes once settled after the start. */
    public CompletableFuture<ServerState> restart() {
        return submit(this::onRestart);
    }

    /**
     * A restart into new settings (a reload): for a RUNNING {@code <handover>} server a handover to a process launched
     * from {@code next}, which becomes the server's spec once that process serves; a failed one leaves the old
     * process serving with the old spec and completes exceptionally. Completes once settled.
     *
     * @throws IllegalArgumentException when {@code next} is another server's, or either spec has no handover
     */
    public CompletableFuture<ServerState> restartWith(ServerSpec next) {
        if (!next.id().equals(id()) || !next.handover() || !spec.handover()) {
            throw new IllegalArgumentException(id() + ": a restart into new settings needs <handover> in both specs");
        }
        return submit(answer -> onRestartWith(next, answer));
    }

    /** Last call on the loop when the supervisor closes: answers whoever still waits. */
    public void abandon() {
        handover.abandon();
        lifecycle.abandon();
    }

    private CompletableFuture<ServerState> submit(Consumer<CompletableFuture<ServerState>> action) {
        CompletableFuture<ServerState> answer = new CompletableFuture<>();
        loop.execute(() -> action.accept(answer), answer::completeExceptionally);
        // a caller's continuation must never run on (or block) the loop thread
        return answer.thenApplyAsync(Function.identity());
    }

    private void onStart(CompletableFuture<ServerState> answer) {
        switch (lifecycle.state()) {
            case RUNNING -> {
                LOG.info("{}: already running (pid {})", id(), pid());
                answer.complete(RUNNING);
            }
            case STARTING -> lifecycle.answerWhenSettled(answer);
            case STOPPING -> {
                lifecycle.startAfterStop(true);
                lifecycle.answerWhenSettled(answer);
            }
            case STOPPED, EXITED, FATAL, BACKOFF -> {
                lifecycle.answerWhenSettled(answer);
                parts.failures().reset();
                parts.starting().launch("start requested", false);
            }
        }
    }

    private void onStop(CompletableFuture<ServerState> stopped) {
        CompletableFuture<ServerState> answer = stopped;
        if (handover.starting() || handover.draining()) {
            // stopped means every process gone: the one a handover started or left draining too
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
        lifecycle.startAfterStop(false);
        switch (lifecycle.state()) {
            case STOPPED -> answer.complete(STOPPED);
            case EXITED, FATAL, BACKOFF -> {
                lifecycle.answerWhenStopped(answer);
                lifecycle.moveTo(STOPPED, "stop requested", Level.INFO);
            }
            case STARTING, RUNNING -> {
                lifecycle.answerWhenStopped(answer);
                parts.stopping().begin("stop requested");
            }
            case STOPPING -> lifecycle.answerWhenStopped(answer);
        }
    }

    private void onRestart(CompletableFuture<ServerState> answer) {
        if (handover.draining()) {
            handover.afterDrain(() -> onRestart(answer));   // one handover at a time
            return;
        }
        if (handover.starting() || (spec.handover() && lifecycle.state() == RUNNING)) {
            handover.begin(answer, "restart requested", successor(spec));
            return;
        }
        lifecycle.answerWhenSettled(answer);
        switch (lifecycle.state()) {
            case STARTING, RUNNING -> {
                lifecycle.startAfterStop(true);
                parts.stopping().begin("restart requested");
            }
            case STOPPING -> lifecycle.startAfterStop(true);
            case STOPPED, EXITED, FATAL, BACKOFF -> {
                parts.failures().reset();
                parts.starting().launch("restart requested", false);
            }
        }
    }

    private void onRestartWith(ServerSpec next, CompletableFuture<ServerState> answer) {
        if (handover.starting() || handover.draining()) {
            // a handover already under way runs the old spec: this one starts after it, from the serving process
            handover.afterDrain(() -> onRestartWith(next, answer));
            return;
        }
        if (lifecycle.state() != RUNNING) {
            answer.completeExceptionally(new IllegalStateException(id() + " is " + lifecycle.state()
                    + ", not RUNNING: nothing to hand over from"));
            return;
        }
        handover.begin(answer, "reload with new settings", successor(next.equals(spec) ? spec : next));
    }

    /** What a handover launches: the current parts for the same spec, a new set for new settings. */
    private Handover.Successor successor(ServerSpec next) {
        if (next == spec) {
            return new Handover.Successor(spec, parts.starting(), () -> { });
        }
        Parts nextParts = partsFor(next);
        return new Handover.Successor(next, nextParts.starting(), () -> {
            parts.starting().unwatch();     // the old spec's health watch of the process handed over from
            parts = nextParts;
            spec = next;
        });
    }
}
