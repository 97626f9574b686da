package org.imageserving.process;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs probes on the probe pool, never on the loop, and reports results through callbacks that submit
 * to the loop. Each watch is cancelled through the {@link Future} it answers.
 */
final class Probes {
    /**
     * Readiness polls every 10 ms at first (a refused connect on loopback costs microseconds), then every tenth
     * of the time spent starting, up to 200 ms: detection adds at most ~10 % to any start, ~5 % on average.
     */
    static final Duration FIRST_POLL = Duration.ofMillis(10);
    static final Duration MAX_POLL = Duration.ofMillis(200);

    private Probes() {}

    static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    /** Polls until the probe passes, then calls {@code onReady} once. */
    static Future<?> awaitReady(Probe probe, Duration attemptTimeout, ScheduledExecutorService pool, Runnable onReady) {
        Watch watch = new Watch(pool);
        long started = System.nanoTime();
        watch.loop(() -> {
            if (probe.check(attemptTimeout)) {
                onReady.run();
                return null;
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            return Duration.ofMillis(Math.max(FIRST_POLL.toMillis(), Math.min(MAX_POLL.toMillis(), elapsedMillis / 10)));
        }, Duration.ZERO);
        return watch;
    }

    /** Probes every {@code interval} (after the first interval) and reports each result. */
    static Future<?> watchHealth(Probe probe, Duration interval, Duration timeout, ScheduledExecutorService pool,
            Consumer<Boolean> onResult) {
        Watch watch = new Watch(pool);
        watch.loop(() -> {
            onResult.accept(probe.check(timeout));
            return interval;
        }, interval);
        return watch;
    }

    /** A self-rescheduling task: each step answers the delay to the next one, or null to end. */
    private static final class Watch extends CompletableFuture<Void> {
        private final ScheduledExecutorService pool;

        Watch(ScheduledExecutorService pool) {
            this.pool = pool;
        }

        void loop(Supplier<Duration> step, Duration firstDelay) {
            if (isDone()) {
                return;
            }
            try {
                pool.schedule(() -> {
                    if (isDone()) {
                        return;
                    }
                    Duration next;
                    try {
                        next = step.get();
                    } catch (Throwable t) {
                        next = MAX_POLL;
                    }
                    if (next == null) {
                        complete(null);
                    } else {
                        loop(step, next);
                    }
                }, firstDelay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                complete(null);     // pool closed
            }
        }
    }
}
