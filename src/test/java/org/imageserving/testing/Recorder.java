package org.imageserving.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imageserving.process.ServerState;
import org.imageserving.supervisor.ServerControl;

/** Records every transition of the servers it listens to, with a monotonic time stamp. */
public final class Recorder implements ServerControl.StateListener {
    public record Event(String id, ServerState from, ServerState to, String reason, long nanos) {
        public long millisSince(Event earlier) {
            return (nanos - earlier.nanos) / 1_000_000;
        }

        @Override
        public String toString() {
            return id + ": " + from + " -> " + to + " (" + reason + ")";
        }
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(String serverId, ServerState from, ServerState to, String reason) {
        events.add(new Event(serverId, from, to, reason, System.nanoTime()));
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<Event> of(String id) {
        return events.stream().filter(e -> e.id().equals(id)).toList();
    }

    /** Transitions of one server into {@code to}. */
    public List<Event> into(String id, ServerState to) {
        return of(id).stream().filter(e -> e.to() == to).toList();
    }

    public int count(String id, ServerState to) {
        return into(id, to).size();
    }

    @Override
    public String toString() {
        return events.toString();
    }
}
