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

    /**
     * The supervisor restarted the server on its own: after a crash (restart policy), a hang (health check) or a
     * failed start (after backoff). Like systemd's NRestarts, what operators alert on; a restart an operator asked
     * for is not counted.
     */
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
