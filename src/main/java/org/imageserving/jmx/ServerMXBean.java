package org.imageserving.jmx;

import org.imageserving.process.ServerState;

/**
 * One managed server, registered as {@code ImageServing:type=Server,name=<id>}.
 * Operations block until the server has settled and answer the state it settled in.
 * Every change of {@code State} is sent as an {@link javax.management.AttributeChangeNotification}.
 */
@Description("A server managed by the Image Serving Server Supervisor: its own OS process, started, watched and "
        + "restarted by the supervisor. Sends an attribute change notification on every State change.")
public interface ServerMXBean {
    @Description("Server id, as in conf/SupervisorRegistry.xml (ps, is, svg or a user-defined id)")
    String getId();

    @Description("The server's <description> from conf/SupervisorRegistry.xml")
    String getDescription();

    @Description("STOPPED, STARTING, RUNNING, BACKOFF, STOPPING, EXITED or FATAL")
    ServerState getState();

    /** OS process id, or -1 when the server has no process. */
    @Description("OS process id of the server, or -1 when it has no process")
    long getPid();

    /** The second process of a zero-downtime restart under way, or -1. */
    @Description("During a zero-downtime restart (<handover>), the server's second process: the new one while it "
            + "starts beside the one serving (Pid), then the old one while it drains; -1 otherwise")
    long getHandoverPid();

    /** Milliseconds since the server's process started; 0 when it has none. */
    @Description("Milliseconds since the server's process started; 0 when it has none")
    @Units("ms")
    long getUptime();

    /** Bytes of Java heap in use, read from the child JVM; resident memory for non-JVM servers; -1 unknown. */
    @Description("Bytes of Java heap in use, read from the server's own JVM (resident memory for a non-JVM server, "
            + "see HeapUsedKind); -1 when unknown")
    @Units("bytes")
    long getHeapUsed();

    /** What {@link #getHeapUsed()} measures: {@code heap} or {@code resident}. */
    @Description("What HeapUsed measures: heap (a Java server) or resident (any other executable)")
    String getHeapUsedKind();

    /** The render engine a server publishes in its JVM (is: "vips 8.14.1" or "java"); empty for the others. */
    @Description("The render engine the server reports from its own JVM: for the Image Server \"vips <version>\" "
            + "(libvips) or \"java\" (the fallback); empty for servers without one or while it cannot be read")
    String getRenderEngine();

    /** Automatic restarts only, as systemd's NRestarts: an operator's restart() does not count. */
    @Description("How many times the supervisor has restarted this server on its own, after it crashed, hung or "
            + "failed to start; restarts an operator asked for are not counted")
    int getRestartCount();

    /** Exit code of the last process that ended, or -1 when none has. */
    @Description("Exit code of the server's last process that ended, or -1 when none has")
    int getLastExitCode();

    /** Why the server last failed, or an empty string. */
    @Description("Why the server last failed, or an empty string")
    String getLastError();

    @Description("Start the server; returns once it is RUNNING or has failed, with the state it settled in. "
            + "Starting a running server changes nothing.")
    ServerState start();

    @Description("Stop the server; returns once its whole process tree is gone (STOPPED). "
            + "Stopping a stopped server changes nothing.")
    ServerState stop();

    @Description("Stop, then start the server; returns the state it settled in. A <handover> server starts its new "
            + "process beside the old one, which stops once the new one serves; if the new one fails, the old one "
            + "serves on and the operation fails with the reason")
    ServerState restart();

    // The same three, answering in full: the control script acts and reports in one call, and prints "already
    // running" or "already stopped" only when the supervisor says it changed nothing.

    @Description("start(), answering what it did: state (as start()), changed (false: it was already running and "
            + "nothing changed), pid and lastError")
    ControlReport startAndReport();

    @Description("stop(), answering what it did: state (as stop()), changed (false: it was already stopped and "
            + "nothing changed), pid and lastError")
    ControlReport stopAndReport();

    @Description("restart(), answering what it did: state (as restart()), changed, pid and lastError; fails as "
            + "restart() does")
    ControlReport restartAndReport();
}
