package org.imageserving.cli;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.imageserving.config.ServerSpec;
import org.imageserving.config.SupervisorConfig;

/**
 * How long start and stop may take before the control script calls it a failure, from the servers' own
 * timeouts: servers of one startPriority start together and the next priority waits for them, so a start takes
 * at most the sum over priorities of the slowest (startDelay + startTimeout); servers stop one after another,
 * so a stop takes at most the sum of their stopTimeouts. Plus slack for the supervisor's own JVM.
 */
final class Budgets {
    static final Duration SUPERVISOR_SLACK = Duration.ofSeconds(30);
    /** When the configuration cannot be read (a stop must still work after a bad edit). */
    static final Duration STOP_FALLBACK = Duration.ofSeconds(120);

    private Budgets() {}

    static Duration start(SupervisorConfig config) {
        Map<Integer, Duration> slowestPerPriority = new TreeMap<>();
        for (ServerSpec server : config.servers()) {
            Duration takes = server.startDelay().plus(server.startTimeout());
            slowestPerPriority.merge(server.startPriority(), takes, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        Duration total = SUPERVISOR_SLACK;
        for (Duration slowest : slowestPerPriority.values()) {
            total = total.plus(slowest);
        }
        return total;
    }

    static Duration stop(SupervisorConfig config) {
        Duration total = SUPERVISOR_SLACK;
        for (ServerSpec server : config.servers()) {
            total = total.plus(server.stopTimeout());
        }
        return total;
    }
}
