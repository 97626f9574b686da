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
    final FailureStreak streak = new FailureStreak(new RestartPolicy(Mode.UNEXPECTED, Set.of(0), 5,
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30)));

    @Test
    void sameExitEveryTime() {
        Backoff.Decision last = null;
        for (int i = 0; i < 5; i++) {
            last = streak.exited("exited with code 1", Duration.ofSeconds(2));
        }
        assertTrue(last.giveUp());
        assertEquals("exited with code 1 five times in a row within 30 s of starting", streak.givingUpReason());
    }

    @Test
    void mixedFailures() {
        streak.exited("exited with code 1", Duration.ZERO);
        streak.failed("not ready within 60 s");
        assertEquals("failed twice in a row (last: not ready within 60 s)", streak.givingUpReason());
    }

    @Test
    void aStableRunStartsTheStoryAfresh() {
        streak.exited("exited with code 1", Duration.ZERO);
        streak.exited("exited with code 2", Duration.ofMinutes(1));
        streak.failed("stopped answering its health check");
        assertEquals("stopped answering its health check", streak.givingUpReason());
    }

    @Test
    void resetForgetsTheReasons() {
        streak.exited("exited with code 1", Duration.ZERO);
        streak.reset();
        streak.failed("not ready within 60 s");
        assertEquals("not ready within 60 s", streak.givingUpReason());
    }
}
