package org.imageserving.jmx;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.imageserving.config.ServerSpec;

/**
 * How long a JMX operation may block waiting for a server to settle. Derived from the server's own timeouts
 * (a start may go through every retry of its restart policy), plus a margin, capped so that no client
 * waits forever; past it the operation answers the current state and the work goes on in the supervisor.
 */
final class SettleBound {
    static final Duration MARGIN = Duration.ofSeconds(30);
    static final Duration CAP = Duration.ofMinutes(15);

    private SettleBound() {}

    static Duration start(ServerSpec spec) {
        ServerSpec.RestartPolicy policy = spec.restart();
        int tries = policy == null ? 1 : Math.min(policy.maxRetries(), 100) + 1;
        Duration backoff = policy == null ? Duration.ZERO : orZero(policy.backoffMax());
        Duration perTry = orZero(spec.startTimeout()).plus(backoff);
        return cap(orZero(spec.startDelay()).plus(perTry.multipliedBy(tries)).plus(MARGIN));
    }

    static Duration stop(ServerSpec spec) {
        return cap(orZero(spec.stopTimeout()).plus(MARGIN));
    }

    static Duration restart(ServerSpec spec) {
        return cap(stop(spec).plus(start(spec)));
    }

    /** Servers start group by group and stop one after another: the bounds add up. */
    static Duration all(List<ServerSpec> specs, boolean starting, boolean stopping) {
        Duration total = MARGIN;
        for (ServerSpec spec : specs) {
            total = total.plus(starting ? start(spec) : Duration.ZERO).plus(stopping ? stop(spec) : Duration.ZERO);
        }
        return total.compareTo(CAP.multipliedBy(2)) > 0 ? CAP.multipliedBy(2) : total;
    }

    /** Waits for the stage, at most {@code bound}; its failure comes back as an IllegalStateException. */
    static <T> T await(CompletionStage<T> stage, Duration bound, String what) throws TimeoutException {
        try {
            return stage.toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted while waiting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // Only JDK exception classes cross the wire: a JMX client may not have ours on its classpath.
            throw new IllegalStateException(what + " failed: " + cause.getMessage());
        }
    }

    private static Duration cap(Duration d) {
        return d.compareTo(CAP) > 0 ? CAP : d;
    }

    private static Duration orZero(Duration d) {
        return d == null || d.isNegative() ? Duration.ZERO : d;
    }
}
