package org.imageserving.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;

import org.imageserving.config.ServerSpec.RestartPolicy;
import org.imageserving.config.ServerSpec.RestartPolicy.Mode;
import org.junit.jupiter.api.Test;

/** The one-line reason a server goes FATAL with. */
class FailureStreakTest {
    final BackoffTest.ManualClock clock = new BackoffTest.ManualClock();
    final FailureStreak streak = new FailureStreak(new RestartPolicy(Mode.UNEXPECTED, Set.of(0), 5,
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30)), clock);

    @Test
    void sameExitEveryTime() {
        Backoff.Decision last = null;
        for (int i = 0; i < 5; i++) {
            streak.launched();
            clock.advance(Duration.ofSeconds(2));
            last = streak.exited("exited with code 1");
        }
        assertTrue(last.giveUp());
        assertEquals("exited with code 1 five times in a row within 30 s of starting", streak.givingUpReason());
    }

    @Test
    void mixedFailures() {
        streak.launched();
        streak.exited("exited with code 1");
        streak.launched();
        streak.failed("not ready within 60 s");
        assertEquals("failed twice in a row (last: not ready within 60 s)", streak.givingUpReason());
    }

    @Test
    void aStableRunStartsTheStoryAfresh() {
        streak.launched();
        streak.exited("exited with code 1");
        streak.launched();
        clock.advance(Duration.ofMinutes(1));
        streak.exited("exited with code 2");
        streak.launched();
        streak.failed("stopped answering its health check");
        assertEquals("stopped answering its health check", streak.givingUpReason());
    }

    @Test
    void resetForgetsTheReasons() {
        streak.launched();
        streak.exited("exited with code 1");
        streak.reset();
        streak.launched();
        streak.failed("not ready within 60 s");
        assertEquals("not ready within 60 s", streak.givingUpReason());
    }
}
