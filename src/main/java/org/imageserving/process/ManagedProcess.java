package org.imageserving.process;

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
 *
 * <p>The supervisor's {@code ManagedServer} extends it with the gauges the management plane reads (heap, resident
 * memory), so that the management plane reaches the state owner directly, through no layer of pass-through
 * methods. Every method here is final: a subclass adds readings, it never changes a decision.
 */
public class ManagedProcess {
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
    protected ManagedProcess(ServerSpec spec, Loop loop, ScheduledExecutorService pool, Launcher launcher,
            PidRecords records) {
        this.loop = loop;
        this.lifecycle = new Lifecycle(spec.id());
        this.handover = new Handover(spec, loop, pool, launcher, lifecycle, current, history);
        this.machine = new StateMachine(spec, loop, pool, launcher, records, lifecycle, current, history, handover);
    }

    // ---- read from any thread ----

    public final String id() {
        return machine.spec().id();
    }

    public final ServerSpec spec() {
        return machine.spec();
    }

    public final ServerState state() {
        return lifecycle.state();
    }

    public final long pid() {
        ProcessRun run = current.process();
        return run == null ? -1 : run.pid();
    }

    /**
     * The second process of a handover under way ({@code <handover>}): the new one while it starts beside the
     * serving one, then the old one while it drains; -1 otherwise.
     */
    public final long handoverPid() {
        return handover.otherPid();
    }

    public final long uptimeMillis() {
        ProcessRun run = current.process();
        return run == null ? 0 : run.age().toMillis();
    }

    public final int restartCount() {
        return history.restartCount();
    }

    public final int lastExitCode() {
        return history.lastExitCode();
    }

    public final String lastError() {
        return history.lastError();
    }

    public final void addListener(Listener listener) {
        lifecycle.addListener(listener);
    }

    // ---- control: submitted to the loop; the answers complete off the loop thread ----

    /** Completes once settled: RUNNING (at once when already running), FATAL, EXITED or STOPPED. */
    public final CompletableFuture<ServerState> start() {
        return submit(machine::start);
    }

    /** Completes with STOPPED once the process and all its descendants are gone. */
    public final CompletableFuture<ServerState> stop() {
        return submit(machine::stop);
    }

    /** Stop then start, in one loop task; completes once settled after the start. */
    public final CompletableFuture<ServerState> restart() {
        return submit(machine::restart);
    }

    /**
     * A restart into new settings (a reload): for a RUNNING {@code <handover>} server a handover to a process launched
     * from {@code next}, which becomes the server's spec once that process serves; a failed one leaves the old
     * process serving with the old spec and completes exceptionally. Completes once settled.
     *
     * @throws IllegalArgumentException when {@code next} is another server's, or either spec has no handover
     */
    public final CompletableFuture<ServerState> restartWith(ServerSpec next) {
        if (!next.id().equals(id()) || !next.handover() || !spec().handover()) {
            throw new IllegalArgumentException(id() + ": a restart into new settings needs <handover> in both specs");
        }
        return submit(answer -> machine.restartWith(next, answer));
    }

    /** Last call on the loop when the supervisor closes: answers whoever still waits. */
    public final void abandon() {
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
