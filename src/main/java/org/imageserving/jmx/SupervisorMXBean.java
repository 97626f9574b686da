package org.imageserving.jmx;

/** The Server Supervisor itself, registered as {@code ImageServing:type=Supervisor}. */
@Description("The Image Serving Server Supervisor: starts, stops, restarts and watches the managed servers "
        + "(ImageServing:type=Server,name=<id>)")
public interface SupervisorMXBean {
    /** Milliseconds since the supervisor started. */
    @Description("Milliseconds since the supervisor started")
    @Units("ms")
    long getUptime();

    /** Bytes of the supervisor's own Java heap in use. */
    @Description("Bytes of the supervisor's own Java heap in use")
    @Units("bytes")
    long getHeapUsed();

    @Description("Version of Image Serving (the jar's Implementation-Version; dev when run from classes)")
    String getVersion();

    /** Ids of the managed servers, in start order. */
    @Description("Ids of the managed servers, in start order")
    String[] getServerNames();

    /** OS process id of the supervisor. */
    @Description("OS process id of the supervisor")
    long getPid();

    /** Starts every server in startPriority order; returns once each is RUNNING or has failed. */
    @Description("Start every server in startPriority order; returns once each is RUNNING or has failed")
    void startAll();

    /** Stops every server in reverse order; returns once their processes are gone. */
    @Description("Stop every server in reverse start order; returns once all their processes are gone")
    void stopAll();

    /** stopAll, then startAll. */
    @Description("stopAll, then startAll")
    void restartAll();

    /**
     * Re-reads conf/SupervisorRegistry.xml (with the same environment, system properties and flags) and applies
     * the difference; answers one line per difference. A bad file changes nothing (IllegalArgumentException).
     */
    @Description("Re-read conf/SupervisorRegistry.xml and apply the difference: start the servers added, stop the "
            + "servers removed, restart the servers whose settings changed, leave the others untouched (same pid). "
            + "Returns one line per difference; a file that does not validate changes nothing and fails with its error")
    String[] reload();

    /** Stops every server, then the supervisor process itself (returns at once; the work goes on). */
    @Description("Stop every server, then the supervisor itself; returns at once while the work goes on")
    void shutdown();
}
