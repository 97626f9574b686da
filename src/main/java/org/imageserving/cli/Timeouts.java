package org.imageserving.cli;

import java.time.Duration;

/** {@code --timeout <seconds>} as a Duration; null (not given) leaves the budget to {@link Budgets}. */
final class Timeouts {
    private Timeouts() {}

    static Duration of(Long seconds) {
        return seconds == null ? null : Duration.ofSeconds(Math.max(0, seconds));
    }
}
