package org.imageserving.jmx;

import java.util.concurrent.atomic.AtomicLong;

import org.imageserving.process.ServerState;
import org.imageserving.supervisor.ServerControl;

/**
 * Counts the transitions the supervisor makes for one server. An operation that settles without a transition
 * changed nothing: that is how the state owner says "already running" or "already stopped" (its listeners hear of
 * every transition before the callers waiting for it are answered), and nobody else has to decide it again.
 */
final class StateChanges implements ServerControl.StateListener {
    private final AtomicLong count = new AtomicLong();

    static StateChanges of(ServerControl server) {
        StateChanges changes = new StateChanges();
        server.addStateListener(changes);
        return changes;
    }

    @Override
    public void stateChanged(String serverId, ServerState from, ServerState to, String reason) {
        count.incrementAndGet();
    }

    long count() {
        return count.get();
    }
}
