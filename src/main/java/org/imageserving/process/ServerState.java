package org.imageserving.process;

/**
 * The life of one managed server, in supervisord's vocabulary. Which state follows which, and when, is written
 * once, in {@link Transitions}.
 */
public enum ServerState {
    /** Not running, by request (or never started). */
    STOPPED,
    /** Process launched, not yet ready. */
    STARTING,
    /** Ready: the readiness check passed, and the health check keeps passing. */
    RUNNING,
    /** A start failed; waiting before the next try. */
    BACKOFF,
    /** Asked to stop; waiting for the process tree to go. */
    STOPPING,
    /** The process ended without being asked to. */
    EXITED,
    /** Gave up: too many failed starts in a row. Only an operator's start leaves this state. */
    FATAL;

    /** States in which the server has (or is about to have) a live process. */
    public boolean isAlive() {
        return this == STARTING || this == RUNNING || this == STOPPING;
    }
}
