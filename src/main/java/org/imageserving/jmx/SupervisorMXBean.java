package org.imageserving.jmx;

/** The Server Supervisor itself, registered as {@code ImageServing:type=Supervisor}. */
public interface SupervisorMXBean {
    /** Milliseconds since the supervisor started. */
    long getUptime();

    /** Bytes of the supervisor's own Java heap in use. */
    long getHeapUsed();

    String getVersion();

    /** Ids of the managed servers, in start order. */
    String[] getServerNames();

    /** OS process id of the supervisor. */
    long getPid();

    /** Starts every server in startPriority order; returns once each is RUNNING or has failed. */
    void startAll();

    /** Stops every server in reverse order; returns once their processes are gone. */
    void stopAll();

    /** stopAll, then startAll. */
    void restartAll();

    /** Stops every server, then the supervisor process itself (returns at once; the work goes on). */
    void shutdown();
}
