package org.imageserving.process;

/**
 * What the management plane reports about the past runs of a server: its RestartCount, LastExitCode and
 * LastError. Written on the supervisor loop, read from anywhere.
 */
final class RunHistory {
    private volatile int restartCount;
    private volatile int lastExitCode = -1;
    private volatile String lastError = "";

    int restartCount() {
        return restartCount;
    }

    int lastExitCode() {
        return lastExitCode;
    }

    String lastError() {
        return lastError;
    }

    /** A launch that replaces an earlier process (a restart by request, by policy or after backoff). */
    void restarted() {
        restartCount++;
    }

    void exited(int code) {
        lastExitCode = code;
    }

    /** Why the server last failed, as the operator reads it; the same text as the transition's reason. */
    void failed(String error) {
        lastError = error;
    }
}
