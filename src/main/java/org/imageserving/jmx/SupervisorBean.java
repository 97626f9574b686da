package org.imageserving.jmx;

import org.imageserving.install.Version;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ConfigException;
import org.imageserving.config.ServerSpec;
import org.imageserving.jmx.security.Caller;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.supervisor.Reloaded;
import org.imageserving.supervisor.ServerControl;
import org.imageserving.supervisor.SupervisorControl;

/** Thin adapter: {@link SupervisorMXBean} over the {@link SupervisorControl}. */
public final class SupervisorBean implements SupervisorMXBean {
    private static final Logger LOG = LogManager.getLogger(SupervisorBean.class);

    private final SupervisorControl supervisor;
    private final Runnable shutdown;
    private final ConfigReader configReader;
    private final Consumer<Reloaded> membership;

    /**
     * @param shutdown stops the whole service (servers, management plane, process); run on a thread of its own
     *                 so that {@link #shutdown()} can answer the caller first
     */
    public SupervisorBean(SupervisorControl supervisor, Runnable shutdown) {
        this(supervisor, shutdown, null, reloaded -> { });
    }

    /**
     * @param configReader reads the configuration for {@link #reload()}; null when reload is not available
     * @param membership   registers and unregisters the MBeans of the servers a reload added, removed or replaced
     */
    public SupervisorBean(SupervisorControl supervisor, Runnable shutdown, ConfigReader configReader,
            Consumer<Reloaded> membership) {
        this.supervisor = supervisor;
        this.shutdown = shutdown;
        this.configReader = configReader;
        this.membership = membership;
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
    public String[] reload() {
        LOG.info("supervisor: reload requested by {}", Caller.describeCurrent());
        if (configReader == null) {
            throw new UnsupportedOperationException("reload is not available in this supervisor");
        }
        SupervisorConfig next;
        try {
            next = configReader.read();
        } catch (ConfigException e) {
            LOG.error("reload refused, nothing changed: {}", e.getMessage());
            // Only JDK exception classes cross the wire
            throw new IllegalArgumentException(e.getMessage());
        }
        Duration bound = SettleBound.all(next.servers(), true, true);
        Reloaded done;
        try {
            done = SettleBound.await(supervisor.reload(next), bound, "reload");
        } catch (TimeoutException e) {
            throw new IllegalStateException("reload still in progress after " + bound.toSeconds()
                    + " s; read the State of each server");
        }
        membership.accept(done);
        return done.lines().toArray(String[]::new);
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
