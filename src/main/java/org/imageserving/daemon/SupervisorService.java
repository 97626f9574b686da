package org.imageserving.daemon;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ConfigException;
import org.imageserving.install.Homes;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.install.Version;
import org.imageserving.jolokia.JolokiaBridge;

/**
 * The one lifecycle behind every entry point (jsvc, procrun, foreground): configuration, logging, credentials,
 * the supervisor, its MBeans, the JMX connector, Jolokia, run/ files, then every server ({@link StartSequence}).
 * {@link #stop()} undoes it in reverse ({@link Teardown}). A failed start undoes what it did and throws one line: a {@link ConfigException} (exit 2) or
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
    private final Teardown teardown = new Teardown();
    private volatile Runnable shutdownRequest = this::stop;

    private Phase phase = Phase.NEW;
    private Homes homes;
    private SupervisorConfig config;
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
        StartSequence.Started started;
        try {
            load();
            started = new StartSequence(wiring, homes, config, teardown,
                    () -> wiring.config(homes, env, sysProps, flags)).run(ownsLogging, () -> shutdownRequest.run());
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
        serversStarted = started.serversStarted();
        phase = Phase.RUNNING;
        JolokiaBridge jolokia = started.jolokia();
        LOG.info("Image Serving {} supervisor up in {} ms (pid {}, base {}); JMX {}{}", Version.current(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), ProcessHandle.current().pid(),
                homes.base(), started.connector().url(), jolokia == null ? ", Jolokia off" : ", Jolokia " + jolokia.url());
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

    /** Jolokia, the JMX connector, the servers, the MBeans, the URL files, the pid file. */
    private void undoAll() {
        teardown.runAll();
    }
}
