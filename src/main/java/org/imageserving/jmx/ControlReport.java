package org.imageserving.jmx;

import javax.management.ConstructorParameters;

import org.imageserving.process.ServerState;

/**
 * What a start, stop or restart of one server did, as the supervisor answers it: the state the server settled in,
 * whether the operation changed anything (false: it was already so, and the supervisor left it alone), and the
 * pid and last error at that moment. A composite of open types on the wire ({@code state}, {@code changed},
 * {@code pid}, {@code lastError}), so any JMX or Jolokia client reads it.
 */
public final class ControlReport {
    private final ServerState state;
    private final boolean changed;
    private final long pid;
    private final String lastError;

    @ConstructorParameters({"state", "changed", "pid", "lastError"})
    public ControlReport(ServerState state, boolean changed, long pid, String lastError) {
        this.state = state;
        this.changed = changed;
        this.pid = pid;
        this.lastError = lastError == null ? "" : lastError;
    }

    /** The state the server settled in. */
    public ServerState getState() {
        return state;
    }

    /**
     * False when the server was already in the state asked for: the supervisor made no transition and the same
     * process (or none) serves. A handover restart, which stays RUNNING, changed it: another process serves.
     */
    public boolean isChanged() {
        return changed;
    }

    /** The server's pid once settled, or -1. */
    public long getPid() {
        return pid;
    }

    /** Why the server last failed, or "". */
    public String getLastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return state + (changed ? "" : " (unchanged)") + (pid > 0 ? " pid " + pid : "")
                + (lastError.isEmpty() ? "" : ": " + lastError);
    }
}
