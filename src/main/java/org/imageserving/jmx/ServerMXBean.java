package org.imageserving.jmx;

import org.imageserving.process.ServerState;

/**
 * One managed server, registered as {@code ImageServing:type=Server,name=<id>}.
 * Operations block until the server has settled and answer the state it settled in.
 */
public interface ServerMXBean {
    String getId();

    String getDescription();

    ServerState getState();

    /** OS process id, or -1 when the server has no process. */
    long getPid();

    /** Milliseconds since the server's process started; 0 when it has none. */
    long getUptime();

    /** Bytes of Java heap in use, read from the child JVM; resident memory for non-JVM servers; -1 unknown. */
    long getHeapUsed();

    /** What {@link #getHeapUsed()} measures: {@code heap} or {@code resident}. */
    String getHeapUsedKind();

    int getRestartCount();

    /** Exit code of the last process that ended, or -1 when none has. */
    int getLastExitCode();

    /** Why the server last failed, or an empty string. */
    String getLastError();

    ServerState start();

    ServerState stop();

    ServerState restart();
}
