package org.imageserving.process;

import static org.imageserving.process.ServerState.BACKOFF;
import static org.imageserving.process.ServerState.EXITED;
import static org.imageserving.process.ServerState.FATAL;
import static org.imageserving.process.ServerState.RUNNING;
import static org.imageserving.process.ServerState.STARTING;
import static org.imageserving.process.ServerState.STOPPED;
import static org.imageserving.process.ServerState.STOPPING;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transition table of a managed server, written once. Every transition goes through
 * {@link Lifecycle#moveTo}, which checks this table and logs {@code id: FROM -> TO (reason)}; the last column
 * names the methods of {@link StateMachine} that decide it. The copy below and the one in README.md are checked
 * against {@link #table()} by a test, so that the documents and the code cannot drift apart.
 *
 * <pre>
 *  from      to        when                                                            decided in
 *  STOPPED   STARTING  start or restart asked (a restart: once the stop is over)       start, restart, stopped
 *  STARTING  RUNNING   ready: TCP connect, HTTP 2xx, or up for upFor                   ready
 *  STARTING  BACKOFF   exited, or not ready within startTimeout; retries left          failedStart
 *  STARTING  FATAL     same, retries spent; or it could not be launched at all         failedStart, launch
 *  STARTING  STOPPING  stop or restart asked: SIGTERM, tree killed after stopTimeout   stop, restart
 *  RUNNING   EXITED    ended unasked: a crash, or killed after failing health checks   ended
 *  RUNNING   STOPPING  stop or restart asked: SIGTERM, tree killed after stopTimeout   stop, restart
 *  EXITED    STARTING  restart policy: at once (after a stable run); or start asked    ended, start, restart
 *  EXITED    BACKOFF   restart policy: after a delay (a quick crash, a hang)           ended
 *  EXITED    FATAL     restart policy: retries spent                                   ended
 *  EXITED    STOPPED   stop asked (nothing to kill)                                    stop
 *  BACKOFF   STARTING  the delay is over, or start or restart asked                    retryAfter, start, restart
 *  BACKOFF   STOPPED   stop asked: the next try is called off, nothing to kill         stop
 *  STOPPING  STOPPED   the process and every descendant are gone                       stopped
 *  FATAL     STARTING  an operator's start or restart (the only way out)               start, restart
 *  FATAL     STOPPED   stop asked (nothing to kill)                                    stop
 * </pre>
 * BACKOFF goes straight to STOPPED, as in supervisord: there is no process to signal, and a stop must not wait out
 * a retry. An operator's restart of a {@code <handover>} server is no transition: it stays RUNNING while
 * {@link Handover} starts the new process beside the old one and then stops the old one.
 */
public final class Transitions {
    /** One row of the table: a move, when it happens, and the {@link StateMachine} methods that make it. */
    public record Transition(ServerState from, ServerState to, String when, List<String> decidedIn) {
    }

    private static final List<Transition> TABLE = List.of(
            row(STOPPED, STARTING, "start or restart asked (a restart: once the stop is over)",
                    "start", "restart", "stopped"),
            row(STARTING, RUNNING, "ready: TCP connect, HTTP 2xx, or up for upFor", "ready"),
            row(STARTING, BACKOFF, "exited, or not ready within startTimeout; retries left", "failedStart"),
            row(STARTING, FATAL, "same, retries spent; or it could not be launched at all", "failedStart", "launch"),
            row(STARTING, STOPPING, "stop or restart asked: SIGTERM, tree killed after stopTimeout", "stop", "restart"),
            row(RUNNING, EXITED, "ended unasked: a crash, or killed after failing health checks", "ended"),
            row(RUNNING, STOPPING, "stop or restart asked: SIGTERM, tree killed after stopTimeout", "stop", "restart"),
            row(EXITED, STARTING, "restart policy: at once (after a stable run); or start asked", "ended", "start",
                    "restart"),
            row(EXITED, BACKOFF, "restart policy: after a delay (a quick crash, a hang)", "ended"),
            row(EXITED, FATAL, "restart policy: retries spent", "ended"),
            row(EXITED, STOPPED, "stop asked (nothing to kill)", "stop"),
            row(BACKOFF, STARTING, "the delay is over, or start or restart asked", "retryAfter", "start", "restart"),
            row(BACKOFF, STOPPED, "stop asked: the next try is called off, nothing to kill", "stop"),
            row(STOPPING, STOPPED, "the process and every descendant are gone", "stopped"),
            row(FATAL, STARTING, "an operator's start or restart (the only way out)", "start", "restart"),
            row(FATAL, STOPPED, "stop asked (nothing to kill)", "stop"));

    private static final Map<ServerState, Set<ServerState>> ALLOWED = new EnumMap<>(ServerState.class);

    static {
        for (ServerState state : ServerState.values()) {
            ALLOWED.put(state, EnumSet.noneOf(ServerState.class));
        }
        TABLE.forEach(t -> ALLOWED.get(t.from()).add(t.to()));
    }

    private Transitions() {}

    public static boolean allowed(ServerState from, ServerState to) {
        return ALLOWED.get(from).contains(to);
    }

    public static Set<ServerState> from(ServerState state) {
        return EnumSet.copyOf(ALLOWED.get(state));
    }

    /** Every row, in the documented order. */
    public static List<Transition> table() {
        return TABLE;
    }

    private static Transition row(ServerState from, ServerState to, String when, String... decidedIn) {
        return new Transition(from, to, when, List.of(decidedIn));
    }
}
