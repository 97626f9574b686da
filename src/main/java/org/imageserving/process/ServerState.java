package org.imageserving.process;

/**
 * The life of one managed server, in supervisord's vocabulary.
 *
 * <pre>
 *  STOPPED/EXITED/FATAL/BACKOFF --start--> STARTING --ready--> RUNNING --exit--> EXITED --policy--> STARTING
 *  STARTING --exit or not ready in time--> BACKOFF --retries left--> STARTING
 *                                                 --retries spent--> FATAL
 *  STARTING/RUNNING/BACKOFF --stop--> STOPPING --exit seen--> STOPPED   (force-kill the tree after stopTimeout)
 * </pre>
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
