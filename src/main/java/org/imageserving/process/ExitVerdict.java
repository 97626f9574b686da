package org.imageserving.process;

import org.imageserving.config.ServerSpec.RestartPolicy;

/**
 * How a process that had been RUNNING ended, judged by its restart policy. An exit is unexpected when we
 * killed the process (it hung) or its code is not among the expected ones; {@code always} restarts every
 * exit, {@code unexpected} only the unexpected ones, {@code never} none.
 */
record ExitVerdict(boolean unexpected, boolean restart) {
    static ExitVerdict of(RestartPolicy policy, int code, boolean killedByUs) {
        boolean unexpected = killedByUs || !policy.expectedExitCodes().contains(code);
        boolean restart = switch (policy.mode()) {
            case ALWAYS -> true;
            case UNEXPECTED -> unexpected;
            case NEVER -> false;
        };
        return new ExitVerdict(unexpected, restart);
    }
}
