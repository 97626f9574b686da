package org.imageserving.process;

/**
 * The process a server runs now (null between runs) and what the supervisor has decided about it: why it
 * is being killed, if it is, and how many health checks it has failed in a row. Written on the supervisor
 * loop; the process itself is also read from other threads (pid, uptime).
 */
final class CurrentRun {
    private volatile ProcessRun process;
    private String killReason;
    private int healthFailures;

    /** The current process, or null. */
    ProcessRun process() {
        return process;
    }

    /** False for an event about a process that has since been replaced or reaped: ignore such events. */
    boolean is(ProcessRun run) {
        return run == process;
    }

    /** Before a launch: nothing is decided about the next process yet. */
    void clearDecisions() {
        killReason = null;
        healthFailures = 0;
    }

    void launched(ProcessRun run) {
        process = run;
    }

    /** The process and its whole tree are gone. */
    void reaped() {
        process = null;
    }

    /** We kill this process, for this reason; its exit is then ours, not a crash. */
    void killFor(String reason) {
        killReason = reason;
    }

    /** Why we killed (or are killing) the process, or null when it ended on its own. */
    String killReason() {
        return killReason;
    }

    boolean killedByUs() {
        return killReason != null;
    }

    /** A failed health check; answers how many in a row. */
    int healthFailed() {
        return ++healthFailures;
    }

    /** A passed health check; answers how many had failed in a row before it. */
    int healthPassed() {
        int before = healthFailures;
        healthFailures = 0;
        return before;
    }
}
