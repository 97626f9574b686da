package org.imageserving.process;

import static org.imageserving.process.Durations.human;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.imageserving.config.ServerSpec.RestartPolicy;

/**
 * The failures in a row of one server: {@link Backoff} for the delays, plus the reasons, so that giving up
 * says why in one line ("exited with code 1 five times in a row within 30 s of starting"). Loop-confined.
 */
final class FailureStreak {
    private final Backoff backoff;
    private final RestartPolicy policy;
    private final List<String> reasons = new ArrayList<>();

    FailureStreak(RestartPolicy policy) {
        this.policy = policy;
        this.backoff = new Backoff(policy);
    }

    /** An operator's start: a fresh count. */
    void reset() {
        backoff.reset();
        reasons.clear();
    }

    /**
     * A ready process ended on its own after running {@code ran} ({@code reason} without timings, e.g. "exited
     * with code 1").
     */
    Backoff.Decision exited(String reason, Duration ran) {
        return note(backoff.exited(ran), reason);
    }

    /** A failed start or a hang. */
    Backoff.Decision failed(String reason) {
        return note(backoff.failed(), reason);
    }

    /** Why we gave up, in one line. */
    String givingUpReason() {
        int n = reasons.size();
        String last = n == 0 ? "failed" : reasons.get(n - 1);
        boolean allSame = reasons.stream().allMatch(last::equals);
        String within = last.startsWith("exited") ? " within " + human(policy.stableAfter()) + " of starting" : "";
        if (n <= 1) {
            return last + within;
        }
        return allSame ? last + " " + Durations.times(n) + " in a row" + within
                : "failed " + Durations.times(n) + " in a row (last: " + last + ")";
    }

    private Backoff.Decision note(Backoff.Decision decision, String reason) {
        if (decision.failuresInARow() == 0) {
            reasons.clear();
        } else {
            reasons.add(reason);
        }
        return decision;
    }
}
