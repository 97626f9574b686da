package org.imageserving.process;

import static org.imageserving.process.Durations.human;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.imageserving.config.ServerSpec;
import org.imageserving.config.ServerSpec.HealthCheck;
import org.imageserving.config.ServerSpec.HttpReadiness;
import org.imageserving.config.ServerSpec.Readiness;
import org.imageserving.config.ServerSpec.TcpReadiness;
import org.imageserving.config.ServerSpec.UptimeReadiness;

/**
 * When and how one server is checked: readiness of a fresh process (its probe polled fast on the probe pool,
 * or a "stayed up" timer), bounded by startTimeout; liveness while it runs. Only schedules: every verdict is
 * handed to a callback on the supervisor loop, and the answers are what to cancel when the state changes.
 */
final class Checks {
    private static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    private final ServerSpec spec;
    private final Loop loop;
    private final ScheduledExecutorService pool;
    private final Optional<Probe> probe;

    Checks(ServerSpec spec, Loop loop, ScheduledExecutorService pool) {
        this.spec = spec;
        this.loop = loop;
        this.pool = pool;
        this.probe = Probe.of(spec.readiness());
    }

    /** {@code onReady(how)} once the process is ready; {@code onTimeout} if it is not within startTimeout. */
    List<Future<?>> awaitReady(ProcessRun run, Consumer<String> onReady, Runnable onTimeout) {
        List<Future<?>> tasks = new ArrayList<>();
        if (probe.isEmpty()) {
            Duration upFor = ((UptimeReadiness) spec.readiness()).upFor();
            tasks.add(loop.schedule(() -> onReady.accept("up for " + human(upFor)), upFor));
            return tasks;      // the timer is the check: no start timeout of its own
        }
        Probe check = probe.get();
        tasks.add(Probes.awaitReady(check, attemptTimeout(), pool,
                () -> loop.execute(() -> onReady.accept(check.describe() + " " + human(run.age()) + " after launch"))));
        Duration timeout = spec.startTimeout();
        if (timeout != null && timeout.compareTo(Duration.ZERO) > 0) {
            tasks.add(loop.schedule(onTimeout, timeout));
        }
        return tasks;
    }

    /**
     * Readiness of a process started beside the one serving (a handover): the usual probe passes and the new
     * process listens on the probe's port itself, so that an answer of the old process cannot pass for it.
     */
    List<Future<?>> awaitReadyBeside(ProcessRun run, Consumer<String> onReady, Runnable onTimeout) {
        Probe check = probe.orElseThrow(() -> new IllegalStateException(spec.id() + ": a handover needs a tcp or http probe"));
        int port = portOf(spec.readiness());
        Probe own = new Probe() {
            @Override
            public boolean check(Duration timeout) {
                return ListeningSockets.listens(run.process().toHandle(), port) && check.check(timeout);
            }

            @Override
            public String describe() {
                return check.describe() + ", pid " + run.pid() + " listening on port " + port;
            }
        };
        List<Future<?>> tasks = new ArrayList<>();
        tasks.add(Probes.awaitReady(own, attemptTimeout(), pool,
                () -> loop.execute(() -> onReady.accept(own.describe() + " " + human(run.age()) + " after launch"))));
        Duration timeout = spec.startTimeout();
        if (timeout != null && timeout.compareTo(Duration.ZERO) > 0) {
            tasks.add(loop.schedule(onTimeout, timeout));
        }
        return tasks;
    }

    private static int portOf(Readiness readiness) {
        if (readiness instanceof TcpReadiness tcp) {
            return tcp.port();
        }
        URI url = ((HttpReadiness) readiness).url();
        return url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** Each liveness result to {@code onResult}, on the loop; nothing when liveness is off or there is no probe. */
    Optional<Future<?>> watchHealth(ProcessRun run, Consumer<Boolean> onResult) {
        HealthCheck health = spec.health();
        if (probe.isEmpty() || health == null || health.interval() == null || health.interval().isZero()) {
            return Optional.empty();
        }
        return Optional.of(Probes.watchHealth(probe.get(), health.interval(), healthTimeout(), pool, ok -> {
            run.snapshotDescendants();      // keep the tree known before anything can orphan it
            loop.execute(() -> onResult.accept(ok));
        }));
    }

    /** Failures in a row that mean "hung". */
    int allowedFailures() {
        return spec.health() == null ? 1 : Math.max(1, spec.health().failures());
    }

    /** One readiness attempt: the health timeout, never beyond startTimeout. */
    private Duration attemptTimeout() {
        Duration attempt = healthTimeout();
        Duration start = spec.startTimeout();
        return start != null && !start.isZero() && start.compareTo(attempt) < 0 ? start : attempt;
    }

    /** What one probe may take: the health timeout, or 2 s when none is set. */
    private Duration healthTimeout() {
        HealthCheck health = spec.health();
        return health == null || health.timeout() == null || health.timeout().isZero()
                ? DEFAULT_ATTEMPT_TIMEOUT : health.timeout();
    }
}
