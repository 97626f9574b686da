package org.imageserving.jmx;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ServerSpec;
import org.imageserving.jmx.security.Caller;
import org.imageserving.supervisor.ServerControl;
import org.imageserving.supervisor.SupervisorControl;

/** Thin adapter: {@link SupervisorMXBean} over the {@link SupervisorControl}. */
public final class SupervisorBean implements SupervisorMXBean {
    private static final Logger LOG = LogManager.getLogger(SupervisorBean.class);

    private final SupervisorControl supervisor;
    private final Runnable shutdown;

    /**
     * @param shutdown stops the whole service (servers, management plane, process); run on a thread of its own
     *                 so that {@link #shutdown()} can answer the caller first
     */
    public SupervisorBean(SupervisorControl supervisor, Runnable shutdown) {
        this.supervisor = supervisor;
        this.shutdown = shutdown;
    }

    @Override
    public long getUptime() {
        return Math.max(0, Duration.between(supervisor.startedAt(), Instant.now()).toMillis());
    }

    @Override
    public long getHeapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public String getVersion() {
        return Version.current();
    }

    @Override
    public String[] getServerNames() {
        return supervisor.servers().stream().map(ServerControl::id).toArray(String[]::new);
    }

    @Override
    public long getPid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public void startAll() {
        settle("startAll", supervisor::startAll, SettleBound.all(specs(), true, false));
    }

    @Override
    public void stopAll() {
        settle("stopAll", supervisor::stopAll, SettleBound.all(specs(), false, true));
    }

    @Override
    public void restartAll() {
        settle("restartAll", supervisor::restartAll, SettleBound.all(specs(), true, true));
    }

    @Override
    public void shutdown() {
        LOG.info("supervisor: shutdown requested by {}", Caller.describeCurrent());
        // Not a daemon thread: the JVM must not exit half way through stopping the servers.
        Thread stopper = new Thread(shutdown, "imageserving-shutdown");
        stopper.start();
    }

    private void settle(String verb, Supplier<CompletionStage<Void>> operation, Duration bound) {
        LOG.info("supervisor: {} requested by {}", verb, Caller.describeCurrent());
        try {
            SettleBound.await(operation.get(), bound, verb);
        } catch (TimeoutException e) {
            throw new IllegalStateException(verb + " still in progress after " + bound.toSeconds()
                    + " s; read the State of each server");
        }
    }

    private List<ServerSpec> specs() {
        return supervisor.servers().stream().map(ServerControl::spec).toList();
    }
}
