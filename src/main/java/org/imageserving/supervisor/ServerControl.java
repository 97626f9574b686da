package org.imageserving.supervisor;

import java.util.concurrent.CompletionStage;

import org.imageserving.config.ServerSpec;
import org.imageserving.process.ServerState;

/** What the management plane (MBeans, Jolokia) sees of, and may ask of, one managed server. */
public interface ServerControl {
    String id();

    ServerSpec spec();

    ServerState state();

    /** OS pid of the current process, or -1. */
    long pid();

    /** The second process of a handover (zero-downtime restart) under way, or -1. */
    default long handoverPid() {
        return -1;
    }

    /** Milliseconds since the current process started, or 0 when there is none. */
    long uptimeMillis();

    /** Live memory figure of the current process: heap of a child JVM, resident memory otherwise. */
    MemoryReading memory();

    /** What the server's JVM publishes as ImageServing:type=RenderEngine (the Image Server), else "". */
    default String renderEngine() {
        return "";
    }

    /**
     * Attributes of an MBean the server's JVM publishes for the supervisor (ps: {@code ImageServing:type=Cache}),
     * read through the child's loopback agent; empty when it publishes none or is not a JVM.
     */
    default java.util.Map<String, Object> childAttributes(javax.management.ObjectName mbean, String[] names) {
        return java.util.Map.of();
    }

    /** Restarts the supervisor made on its own (crash, hang, failed start retried); an operator's restart is not one. */
    int restartCount();

    /** Exit code of the last process that ended, or -1. */
    int lastExitCode();

    /** The reason of the last failure, or "". */
    String lastError();

    /** Completes when the server has settled (RUNNING, FATAL, STOPPED or EXITED). Idempotent. */
    CompletionStage<ServerState> start();

    /** Completes when the whole process tree is gone. Idempotent. */
    CompletionStage<ServerState> stop();

    /** Stop then start, as one step of the supervisor loop. */
    CompletionStage<ServerState> restart();

    void addStateListener(StateListener listener);

    /** Told of every state transition, on the supervisor loop's thread: keep it short. */
    @FunctionalInterface
    interface StateListener {
        void stateChanged(String serverId, ServerState from, ServerState to, String reason);
    }
}
