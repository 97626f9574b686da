package org.imageserving.process;

import static org.imageserving.process.ServerState.STOPPED;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The state of one managed server and the one method that changes it. {@link #moveTo} checks the table in
 * {@link Transitions}, logs {@code id: FROM -> TO (reason)}, cancels the timers and watches of the state it
 * leaves, tells the listeners and answers the callers waiting for that state. It decides nothing: which
 * transition to make, and when a wait is over, is {@link StateMachine}'s call. Confined to the supervisor
 * loop; only {@link #state()} is read from other threads.
 */
final class Lifecycle {
    /** Transitions keep the logger name operators already filter supervisor.log by. */
    private static final Logger LOG = LogManager.getLogger(ManagedProcess.class);

    private final String id;
    private final List<ManagedProcess.Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<Future<?>> phase = new ArrayList<>();          // timers and watches of the current state
    private final List<CompletableFuture<ServerState>> settleWaiters = new ArrayList<>();
    private final List<CompletableFuture<ServerState>> stopWaiters = new ArrayList<>();
    private volatile ServerState state = STOPPED;

    Lifecycle(String id) {
        this.id = id;
    }

    ServerState state() {
        return state;
    }

    void addListener(ManagedProcess.Listener listener) {
        listeners.add(listener);
    }

    /** A timer or watch that belongs to the current state: cancelled when the state changes. */
    void whileInState(Future<?> task) {
        phase.add(task);
    }

    void whileInState(Collection<Future<?>> tasks) {
        phase.addAll(tasks);
    }

    /** Answered at the next RUNNING or FATAL, or when the state machine says it {@link #settled settled}. */
    void answerWhenSettled(CompletableFuture<ServerState> answer) {
        settleWaiters.add(answer);
    }

    /** Answered at the next STOPPED. */
    void answerWhenStopped(CompletableFuture<ServerState> answer) {
        stopWaiters.add(answer);
    }

    /** Answers the callers waiting to settle in a state where the server stays: EXITED or STOPPED. */
    void settled(ServerState settled) {
        complete(settleWaiters, settled);
    }

    /** Last call on the loop when the supervisor closes: answers whoever still waits. */
    void abandon() {
        cancelPhase();
        complete(stopWaiters, state);
        complete(settleWaiters, state);
    }

    /** The one place where the state changes. */
    void moveTo(ServerState to, String reason, Level level) {
        ServerState from = state;
        if (!Transitions.allowed(from, to)) {
            throw new IllegalStateException(id + ": no transition " + from + " -> " + to + " (" + reason + ")");
        }
        cancelPhase();
        state = to;
        LOG.log(level, "{}: {} -> {} ({})", id, from, to, reason);
        for (ManagedProcess.Listener listener : listeners) {
            try {
                listener.stateChanged(id, from, to, reason);
            } catch (RuntimeException e) {
                LOG.warn("{}: state listener failed", id, e);
            }
        }
        switch (to) {
            case RUNNING, FATAL -> complete(settleWaiters, to);
            case STOPPED -> complete(stopWaiters, STOPPED);
            default -> { }
        }
    }

    private void cancelPhase() {
        phase.forEach(task -> task.cancel(false));
        phase.clear();
    }

    private static void complete(List<CompletableFuture<ServerState>> waiters, ServerState state) {
        List<CompletableFuture<ServerState>> answered = List.copyOf(waiters);
        waiters.clear();
        answered.forEach(w -> w.complete(state));
    }
}
