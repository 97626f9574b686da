package org.imageserving.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.imageserving.config.ServerSpec.RestartPolicy;
import org.imageserving.config.ServerSpec.RestartPolicy.Mode;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final ManualClock clock = new ManualClock();

    static RestartPolicy policy(int maxRetries, long initialMs, long maxMs, long stableMs) {
        return new RestartPolicy(Mode.UNEXPECTED, Set.of(0), maxRetries, Duration.ofMillis(initialMs),
                Duration.ofMillis(maxMs), Duration.ofMillis(stableMs));
    }

    @Test
    void delaysDoubleFromInitialUpToTheCap() {
        Backoff backoff = new Backoff(policy(0, 1000, 30_000, 30_000), clock);
        long[] expected = {1000, 2000, 4000, 8000, 16_000, 30_000, 30_000};
        for (long millis : expected) {
            backoff.launched();
            clock.advance(Duration.ofMillis(10));
            Backoff.Decision d = backoff.exited();
            assertEquals(Duration.ofMillis(millis), d.delay());
            assertFalse(d.giveUp(), "maxRetries 0 never gives up");
        }
        assertEquals(7, backoff.failuresInARow());
    }

    @Test
    void givesUpAtMaxRetriesFailuresInARow() {
        Backoff backoff = new Backoff(policy(3, 100, 1000, 5000), clock);
        backoff.launched();
        assertFalse(backoff.exited().giveUp());
        backoff.launched();
        assertFalse(backoff.failed().giveUp());
        backoff.launched();
        Backoff.Decision third = backoff.exited();
        assertTrue(third.giveUp());
        assertEquals(3, third.failuresInARow());
    }

    @Test
    void aStableRunResetsAndRestartsAtOnce() {
        Backoff backoff = new Backoff(policy(3, 100, 1000, 5000), clock);
        backoff.launched();
        backoff.exited();
        backoff.launched();
        backoff.exited();
        assertEquals(2, backoff.failuresInARow());

        backoff.launched();
        clock.advance(Duration.ofMillis(5000));     // exactly stableAfter counts as stable
        Backoff.Decision d = backoff.exited();
        assertEquals(0, d.failuresInARow());
        assertEquals(Duration.ZERO, d.delay());
        assertFalse(d.giveUp());

        backoff.launched();
        clock.advance(Duration.ofMillis(4999));
        assertEquals(Duration.ofMillis(100), backoff.exited().delay(), "the next quick crash starts again at initial");
    }

    @Test
    void aFailureCountsHoweverLongTheRun() {
        Backoff backoff = new Backoff(policy(3, 100, 1000, 5000), clock);
        backoff.launched();
        clock.advance(Duration.ofMinutes(10));
        Backoff.Decision hang = backoff.failed();
        assertEquals(1, hang.failuresInARow());
        assertEquals(Duration.ofMillis(100), hang.delay());
    }

    @Test
    void resetForgetsFailures() {
        Backoff backoff = new Backoff(policy(2, 100, 1000, 5000), clock);
        backoff.launched();
        backoff.exited();
        backoff.reset();
        backoff.launched();
        assertFalse(backoff.exited().giveUp());
    }

    @Test
    void hugeCountsDoNotOverflow() {
        Backoff backoff = new Backoff(policy(0, 1, Long.MAX_VALUE / 4, 5000), clock);
        Duration d = backoff.delayAfter(10_000);
        assertTrue(d.compareTo(Duration.ofMillis(1)) > 0);
        assertEquals(Duration.ofMillis(Long.MAX_VALUE / 4), d);
    }

    @Test
    void ranMeasuresTheCurrentRun() {
        Backoff backoff = new Backoff(policy(2, 100, 1000, 5000), clock);
        assertEquals(Duration.ZERO, backoff.ran());
        backoff.launched();
        clock.advance(Duration.ofSeconds(3));
        assertEquals(Duration.ofSeconds(3), backoff.ran());
    }
}
