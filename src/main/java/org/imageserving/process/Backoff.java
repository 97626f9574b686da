package org.imageserving.process;

import java.time.Duration;
import java.util.Objects;

import org.imageserving.config.ServerSpec.RestartPolicy;

/**
 * How long to wait before the next start, and when to give up: capped exponential backoff over the failures
 * in a row of one server.
 *
 * <ul>
 *   <li>A process that ends before it has run {@code stableAfter} (counted from its launch) is a failure;
 *       so is a failed start (exit while starting, not ready in time) or a hang, however long it ran.</li>
 *   <li>After the n-th failure in a row the next start waits {@code backoffInitial × 2^(n-1)}, capped at
 *       {@code backoffMax}.</li>
 *   <li>A run of at least {@code stableAfter} resets the count: the first crash after it restarts at once.</li>
 *   <li>At {@code maxRetries} failures in a row it gives up (the server goes FATAL); {@code maxRetries <= 0}
 *       never gives up.</li>
 * </ul>
 * Pure logic: how long a process ran is given, measured by the one clock that also gives Uptime
 * ({@link ProcessRun#age()}). Confined to the supervisor loop like the rest of the state.
 */
public final class Backoff {
    /** What to do after a process ended. */
    public record Decision(int failuresInARow, Duration delay, boolean giveUp) {}

    private final RestartPolicy policy;
    private int failuresInARow;

    public Backoff(RestartPolicy policy) {
        this.policy = Objects.requireNonNull(policy);
    }

    /** An operator's start: forget past failures. */
    public void reset() {
        failuresInARow = 0;
    }

    public int failuresInARow() {
        return failuresInARow;
    }

    /**
     * A ready process ended on its own after running {@code ran}: a stable run resets the count and restarts at
     * once.
     */
    public Decision exited(Duration ran) {
        if (ran.compareTo(policy.stableAfter()) >= 0) {
            failuresInARow = 0;
            return new Decision(0, Duration.ZERO, false);
        }
        return failed();
    }

    /** A failed start or a hang: always counts. */
    public Decision failed() {
        failuresInARow++;
        boolean giveUp = policy.maxRetries() > 0 && failuresInARow >= policy.maxRetries();
        return new Decision(failuresInARow, giveUp ? Duration.ZERO : delayAfter(failuresInARow), giveUp);
    }

    /** {@code backoffInitial × 2^(n-1)} capped at {@code backoffMax}, without overflow. */
    Duration delayAfter(int failures) {
        Duration delay = policy.backoffInitial();
        Duration max = policy.backoffMax();
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
