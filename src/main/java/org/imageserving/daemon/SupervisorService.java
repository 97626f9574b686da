package org.imageserving.daemon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.management.JMException;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ConfigException;
import org.imageserving.config.Homes;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.jmx.ManagementBeans;
import org.imageserving.jmx.Version;
import org.imageserving.jmx.remote.JmxConnector;
import org.imageserving.jmx.security.Accounts;
import org.imageserving.jmx.security.CredentialFiles;
import org.imageserving.jolokia.JolokiaBridge;
import org.imageserving.supervisor.SupervisorControl;

/**
 * The one lifecycle behind every entry point (jsvc, procrun, foreground): configuration, logging, credentials,
 * the supervisor, its MBeans, the JMX connector, Jolokia, run/ files, then every server. {@link #stop()} undoes
 * it in reverse. A failed start undoes what it did and throws one line: a {@link ConfigException} (exit 2) or
 * a {@link StartException} (exit 1).
 *
 * <pre>
 *  NEW --load--> LOADED --start--> RUNNING --stop--> STOPPED
 *                        \--failure--> STOPPED (what was done is undone)
 * </pre>
 */
public final class SupervisorService {
    private enum Phase { NEW, LOADED, RUNNING, STOPPED }

    // The entry points set log4j's system properties before this class is first used.
    private static final Logger LOG = LogManager.getLogger(SupervisorService.class);

    private final Wiring wiring;
    private final Map<String, String> env;
    private final Properties sysProps;
    private final Map<String, String> flags;
    private final boolean ownsLogging;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** What to undo, last done first. */
    private final Deque<Step> undo = new ArrayDeque<>();
    private volatile Runnable shutdownRequest = this::stop;

    private Phase phase = Phase.NEW;
    private Homes homes;
    private SupervisorConfig config;
    private JmxConnector connector;
    private JolokiaBridge jolokia;
    private CompletableFuture<Void> serversStarted = new CompletableFuture<>();

    /**
     * @param flags       command-line flags, the highest configuration layer
     * @param ownsLogging configure log4j2 from conf/log4j2.xml and shut it down at the end (the entry points do;
     *                    tests that run several services in one JVM do not)
     */
    public SupervisorService(Wiring wiring, Map<String, String> env, Properties sysProps, Map<String, String> flags,
            boolean ownsLogging) {
        this.wiring = wiring;
        this.env = Map.copyOf(env);
        this.sysProps = sysProps;
        this.flags = Map.copyOf(flags);
        this.ownsLogging = ownsLogging;
    }

    /**
     * What {@code ImageServing:type=Supervisor shutdown()} does; by default {@link #stop()}. Under jsvc the daemon
     * asks jsvc to stop instead, which then calls {@link #stop()} and ends the process.
     */
    public void onShutdownRequest(Runnable request) {
        this.shutdownRequest = request;
    }

    /** Resolves the homes and reads the configuration; writes nothing. Idempotent. */
    public synchronized void load() throws ConfigException {
        if (phase != Phase.NEW) {
            return;
        }
        homes = wiring.homes(env, sysProps);
        config = wiring.config(homes, env, sysProps, flags);
        phase = Phase.LOADED;
    }

    /**
     * Brings the service up and starts every server. Returns once the management plane answers; the servers
     * go on starting in the supervisor ({@link #serversStarted()}). Idempotent while running.
     */
    public synchronized void start() throws ConfigException, StartException {
        if (phase == Phase.RUNNING) {
            return;
        }
        if (phase == Phase.STOPPED) {
            throw new StartException("this service has been stopped; start a new one");
        }
        long began = System.nanoTime();
        try {
            load();
            bringUp();
        } catch (ConfigException | StartException | RuntimeException e) {
            LOG.error("start failed: {}", e.getMessage());
            undoAll();
            phase = Phase.STOPPED;
            stopped.countDown();
            if (ownsLogging) {
                LoggingSetup.shutdown();
            }
            throw e;
        }
        phase = Phase.RUNNING;
        LOG.info("Image Serving {} supervisor up in {} ms (pid {}, base {}); JMX {}{}", Version.current(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), ProcessHandle.current().pid(),
                homes.base(), connector.url(), jolokia == null ? ", Jolokia off" : ", Jolokia " + jolokia.url());
    }

    private void bringUp() throws ConfigException, StartException {
        try {
            if (ownsLogging) {
                LoggingSetup.configure(homes);
            }
            Files.createDirectories(homes.run());
            Files.createDirectories(homes.temp());
            RunFiles run = new RunFiles(homes.run());
            run.claimPid();
            undo.push(run::releasePid);
            // removed after everything else has stopped; deleting a file not yet written is a no-op
            undo.push(() -> {
                run.delete(RunFiles.JMX_URL_FILE);
                run.delete(RunFiles.JOLOKIA_URL_FILE);
            });

            CredentialFiles credentials = new CredentialFiles(homes);
            Accounts accounts = credentials.prepare();

            SupervisorControl supervisor = wiring.supervisor(config);
            ManagementBeans beans;
            try {
                beans = ManagementBeans.register(ManagementFactory.getPlatformMBeanServer(), supervisor,
                        () -> shutdownRequest.run());
            } catch (JMException | RuntimeException e) {
                closeQuietly(supervisor);
                throw e;
            }
            // servers first, then their MBeans: JMX clients see the last transitions as long as they can
            undo.push(() -> {
                try {
                    close(supervisor);
                } finally {
                    beans.close();
                }
            });

            connector = JmxConnector.start(config.tcpPort(), accounts, credentials.accessFile(),
                    ManagementFactory.getPlatformMBeanServer());
            undo.push(connector::close);
            if (config.jolokiaPort() > 0) {
                jolokia = JolokiaBridge.start(config.jolokiaPort(), accounts, homes.conf().resolve("jolokia-access.xml"));
                undo.push(jolokia::close);
                run.write(RunFiles.JOLOKIA_URL_FILE, jolokia.url().toString());
            }
            // last: the CLI takes run/jmx.url as the sign that the management plane is complete
            run.write(RunFiles.JMX_URL_FILE, connector.url().toString());

            serversStarted = supervisor.startAll().toCompletableFuture();
        } catch (IOException | IllegalStateException e) {
            throw new StartException(e.getMessage(), e);
        } catch (JMException e) {
            throw new StartException("cannot register the MBeans: " + e, e);
        }
    }

    /** Completes once every server has settled after {@link #start()}: RUNNING or failed. */
    public CompletableFuture<Void> serversStarted() {
        return serversStarted;
    }

    /**
     * Stops Jolokia, the JMX connector, every server (whole process trees), unregisters the MBeans and removes the
     * run/ files; then shuts logging down if it owns it. Idempotent, callable from any thread.
     */
    public synchronized void stop() {
        if (phase == Phase.STOPPED) {
            return;
        }
        boolean wasRunning = phase == Phase.RUNNING;
        long began = System.nanoTime();
        if (wasRunning) {
            LOG.info("supervisor stopping");
        }
        undoAll();
        phase = Phase.STOPPED;
        if (wasRunning) {
            LOG.info("supervisor stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        }
        stopped.countDown();
        if (ownsLogging) {
            LoggingSetup.shutdown();
        }
    }

    /** Blocks until {@link #stop()} has finished (or a start has failed). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isRunning() {
        return phase == Phase.RUNNING;
    }

    public synchronized Homes homes() {
        return homes;
    }

    public synchronized SupervisorConfig config() {
        return config;
    }

    /** Jolokia, the JMX connector, the servers, the MBeans, the URL files, the pid file. */
    private void undoAll() {
        while (!undo.isEmpty()) {
            Step step = undo.pop();
            try {
                step.run();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
        connector = null;
        jolokia = null;
    }

    private static void closeQuietly(SupervisorControl supervisor) {
        try {
            close(supervisor);
        } catch (Exception e) {
            LOG.warn("while closing the supervisor: {}", e.toString());
        }
    }

    private static void close(SupervisorControl supervisor) throws Exception {
        if (supervisor instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
