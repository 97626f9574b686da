package org.imageserving.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;

import org.imageserving.config.ServerSpec.RestartPolicy;
import org.imageserving.config.ServerSpec.RestartPolicy.Mode;
import org.junit.jupiter.api.Test;

/** The backoff policy; how long each run lasted is given, as the supervisor measures it ({@link ProcessRun#age()}). */
class BackoffTest {
    static final Duration QUICK = Duration.ofMillis(10);

    static RestartPolicy policy(int maxRetries, long initialMs, long maxMs, long stableMs) {
        return new RestartPolicy(Mode.UNEXPECTED, Set.of(0), maxRetries, Duration.ofMillis(initialMs),
                Duration.ofMillis(maxMs), Duration.ofMillis(stableMs));
    }

    @Test
    void delaysDoubleFromInitialUpToTheCap() {
        Backoff backoff = new Backoff(policy(0, 1000, 30_000, 30_000));
        long[] expected = {1000, 2000, 4000, 8000, 16_000, 30_000, 30_000};
        for (long millis : expected) {
            Backoff.Decision d = backoff.exited(QUICK);
            assertEquals(Duration.ofMillis(millis), d.delay());
            assertFalse(d.giveUp(), "maxRetries 0 never gives up");
        }
        assertEquals(7, backoff.failuresInARow());
    }

    @Test
    void givesUpAtMaxRetriesFailuresInARow() {
        Backoff backoff = new Backoff(policy(3, 100, 1000, 5000));
        assertFalse(backoff.exited(Duration.ZERO).giveUp());
        assertFalse(backoff.failed().giveUp());
        Backoff.Decision third = backoff.exited(Duration.ZERO);
        assertTrue(third.giveUp());
        assertEquals(3, third.failuresInARow());
    }

    @Test
    void aStableRunResetsAndRestartsAtOnce() {
        Backoff backoff = new Backoff(policy(3, 100, 1000, 5000));
        backoff.exited(Duration.ZERO);
        backoff.exited(Duration.ZERO);
        assertEquals(2, backoff.failuresInARow());

        Backoff.Decision d = backoff.exited(Duration.ofMillis(5000));     // exactly stableAfter counts as stable
        assertEquals(0, d.failuresInARow());
        assertEquals(Duration.ZERO, d.delay());
        assertFalse(d.giveUp());

        assertEquals(Duration.ofMillis(100), backoff.exited(Duration.ofMillis(4999)).delay(),
                "the next quick crash starts again at initial");
    }

    @Test
    void aFailureCountsHoweverLongTheRun() {
        Backoff backoff = new Backoff(policy(3, 100, 1000, 5000));
        Backoff.Decision hang = backoff.failed();       // a hang after ten minutes, say
        assertEquals(1, hang.failuresInARow());
        assertEquals(Duration.ofMillis(100), hang.delay());
    }

    @Test
    void resetForgetsFailures() {
        Backoff backoff = new Backoff(policy(2, 100, 1000, 5000));
        backoff.exited(QUICK);
        backoff.reset();
        assertFalse(backoff.exited(QUICK).giveUp());
    }

    @Test
    void hugeCountsDoNotOverflow() {
        Backoff backoff = new Backoff(policy(0, 1, Long.MAX_VALUE / 4, 5000));
        Duration d = backoff.delayAfter(10_000);
        assertTrue(d.compareTo(Duration.ofMillis(1)) > 0);
        assertEquals(Duration.ofMillis(Long.MAX_VALUE / 4), d);
    }
}
