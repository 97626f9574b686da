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
import java.util.Map;
import java.util.Set;

/**
 * The transition table of a managed server, written once. Every transition goes through
 * {@link Lifecycle#moveTo}, which checks this table and logs {@code id: FROM -> TO (reason)}; the last column
 * names the class that decides it.
 *
 * <pre>
 *  from      to          when                                                                    decided by
 *  STOPPED   STARTING    start / restart asked                                                   Starting
 *  STARTING  RUNNING     ready: TCP connect, HTTP 2xx, or up long enough                         Starting
 *  STARTING  BACKOFF     exited, or not ready within startTimeout (tree killed); retries left    AfterExit
 *  STARTING  FATAL       same, retries spent; or the process could not be launched at all        AfterExit, Starting
 *  STARTING  STOPPING    stop / restart asked                                                    Stopping
 *  RUNNING   EXITED      the process ended without being asked (crash, or killed after failing   AfterExit
 *                        health checks)
 *  RUNNING   STOPPING    stop / restart asked                                                    Stopping
 *  EXITED    STARTING    restart policy: at once (first crash after a stable run)                Starting
 *  EXITED    BACKOFF     restart policy: after a delay (crash within stableAfter of starting,    AfterExit
 *                        hang)
 *  EXITED    FATAL       restart policy: retries spent                                           AfterExit
 *  EXITED    STOPPED     stop asked (nothing to kill)                                            ManagedProcess
 *  BACKOFF   STARTING    delay over, or start asked                                              Starting
 *  BACKOFF   STOPPED     stop asked                                                              ManagedProcess
 *  STOPPING  STOPPED     the process and every descendant are gone (forced after stopTimeout)    AfterExit
 *  FATAL     STARTING    an operator's start (the only way out)                                  Starting
 *  FATAL     STOPPED     stop asked                                                              ManagedProcess
 * </pre>
 * An operator's restart of a {@code <handover>} server is no transition: it stays RUNNING while {@link Handover}
 * starts the new process beside the old one and then stops the old one.
 */
public final class Transitions {
    private static final Map<ServerState, Set<ServerState>> ALLOWED = new EnumMap<>(ServerState.class);

    static {
        ALLOWED.put(STOPPED, EnumSet.of(STARTING));
        ALLOWED.put(STARTING, EnumSet.of(RUNNING, BACKOFF, FATAL, STOPPING));
        ALLOWED.put(RUNNING, EnumSet.of(EXITED, STOPPING));
        ALLOWED.put(EXITED, EnumSet.of(STARTING, BACKOFF, FATAL, STOPPED));
        ALLOWED.put(BACKOFF, EnumSet.of(STARTING, STOPPED));
        ALLOWED.put(STOPPING, EnumSet.of(STOPPED));
        ALLOWED.put(FATAL, EnumSet.of(STARTING, STOPPED));
    }

    private Transitions() {}

    public static boolean allowed(ServerState from, ServerState to) {
        return ALLOWED.get(from).contains(to);
    }

    public static Set<ServerState> from(ServerState state) {
        return EnumSet.copyOf(ALLOWED.get(state));
    }
}
