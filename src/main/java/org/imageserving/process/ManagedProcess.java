package org.imageserving.process;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

import org.imageserving.config.ServerSpec;

/**
 * One managed server: what the rest of the supervisor sees of it, and the operator's verbs. Its getters read
 * volatile snapshots from any thread; its verbs only submit events to the supervisor {@link Loop}, where
 * {@link StateMachine} decides what each does (table: {@link Transitions}) and {@link Lifecycle} makes each move.
 * Around them, on the loop too: {@link Handover} restarts a {@code <handover>} server with no gap, the new process
 * beside the old one, RUNNING throughout.
 */
public final class ManagedProcess {
    /** Told of every transition, on the loop thread. */
    @FunctionalInterface
    public interface Listener {
        void stateChanged(String id, ServerState from, ServerState to, String reason);
    }

    private final Loop loop;
    private final Lifecycle lifecycle;
    private final CurrentRun current = new CurrentRun();
    private final RunHistory history = new RunHistory();
    private final Handover handover;
    private final StateMachine machine;

    /**
     * @param pool small scheduled pool for probes and reaping; never the loop
     */
    public ManagedProcess(ServerSpec spec, Loop loop, ScheduledExecutorService pool, Launcher launcher,
            PidRecords records) {
        this.loop = loop;
        this.lifecycle = new Lifecycle(spec.id());
        this.handover = new Handover(spec, loop, pool, launcher, lifecycle, current, history);
        this.machine = new StateMachine(spec, loop, pool, launcher, records, lifecycle, current, history, handover);
    }

    // ---- read from any thread ----

    public String id() {
        return machine.spec().id();
    }

    public ServerSpec spec() {
        return machine.spec();
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
        return submit(machine::start);
    }

    /** Completes with STOPPED once the process and all its descendants are gone. */
    public CompletableFuture<ServerState> stop() {
        return submit(machine::stop);
    }

    /** Stop then start, in one loop task; completes once settled after the start. */
    public CompletableFuture<ServerState> restart() {
        return submit(machine::restart);
    }

    /**
     * A restart into new settings (a reload): for a RUNNING {@code <handover>} server a handover to a process launched
     * from {@code next}, which becomes the server's spec once that process serves; a failed one leaves the old
     * process serving with the old spec and completes exceptionally. Completes once settled.
     *
     * @throws IllegalArgumentException when {@code next} is another server's, or either spec has no handover
     */
    public CompletableFuture<ServerState> restartWith(ServerSpec next) {
        if (!next.id().equals(id()) || !next.handover() || !spec().handover()) {
            throw new IllegalArgumentException(id() + ": a restart into new settings needs <handover> in both specs");
        }
        return submit(answer -> machine.restartWith(next, answer));
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
}
