package org.imageserving.daemon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;

import javax.management.JMException;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ConfigException;
import org.imageserving.install.Homes;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.jmx.ConfigReader;
import org.imageserving.jmx.ManagementBeans;
import org.imageserving.jmx.remote.JmxConnector;
import org.imageserving.jmx.security.Accounts;
import org.imageserving.jmx.security.CredentialFiles;
import org.imageserving.jolokia.JolokiaBridge;
import org.imageserving.proc.JsvcControllers;
import org.imageserving.supervisor.SupervisorControl;

/**
 * The steps of bringing a {@link SupervisorService} up, in order: logging, run/ and the pid file, credentials,
 * the supervisor and its MBeans, the JMX connector, Jolokia, the URL files, then every server. Each step
 * pushes its undo onto the {@link Teardown} as soon as it is done.
 */
final class StartSequence {
    private static final Logger LOG = LogManager.getLogger(SupervisorService.class);

    /** What the service keeps of a completed start. */
    record Started(JmxConnector connector, JolokiaBridge jolokia, CompletableFuture<Void> serversStarted) {}

    private final Wiring wiring;
    private final Homes homes;
    private final SupervisorConfig config;
    private final Teardown teardown;
    private final ConfigReader configReader;

    /** @param configReader reads the configuration again, through the same layers: the MBean's reload() */
    StartSequence(Wiring wiring, Homes homes, SupervisorConfig config, Teardown teardown, ConfigReader configReader) {
        this.wiring = wiring;
        this.homes = homes;
        this.config = config;
        this.teardown = teardown;
        this.configReader = configReader;
    }

    /**
     * @param ownsLogging     configure log4j2 from the base's conf/log4j2.xml first
     * @param shutdownRequest what the Supervisor MBean's {@code shutdown()} runs
     */
    Started run(boolean ownsLogging, Runnable shutdownRequest) throws ConfigException, StartException {
        try {
            if (ownsLogging) {
                LoggingSetup.configure(homes);
            }
            Files.createDirectories(homes.run());
            Files.createDirectories(homes.temp());
            // before anything else touches the base: a second supervisor would take the first one's servers
            // for survivors and kill them
            BaseLock lock = BaseLock.acquire(homes.run());
            teardown.push(lock::close);
            endOrphanedJsvcControllers();
            RunFiles run = new RunFiles(homes.run(), homes.base());
            run.claimPid();
            teardown.push(run::releasePid);
            // removed after everything else has stopped; deleting a file not yet written is a no-op
            teardown.push(() -> {
                run.delete(RunFiles.JMX_URL_FILE);
                run.delete(RunFiles.JOLOKIA_URL_FILE);
            });

            CredentialFiles credentials = new CredentialFiles(homes);
            Accounts accounts = credentials.prepare();
            SupervisorControl supervisor = supervisorWithBeans(shutdownRequest);

            JmxConnector connector = JmxConnector.start(config.tcpPort(), accounts, credentials.accessFile(),
                    ManagementFactory.getPlatformMBeanServer());
            teardown.push(connector::close);
            JolokiaBridge jolokia = null;
            if (config.jolokiaPort() > 0) {
                jolokia = JolokiaBridge.start(config.jolokiaPort(), accounts, homes.conf().resolve("jolokia-access.xml"));
                teardown.push(jolokia::close);
                run.write(RunFiles.JOLOKIA_URL_FILE, jolokia.url().toString());
            }
            // last: the CLI takes run/jmx.url as the sign that the management plane is complete
            run.write(RunFiles.JMX_URL_FILE, connector.url().toString());

            return new Started(connector, jolokia, supervisor.startAll().toCompletableFuture());
        } catch (IOException | IllegalStateException e) {
            throw new StartException(e.getMessage(), e);
        } catch (JMException e) {
            throw new StartException("cannot register the MBeans: " + e, e);
        }
    }

    /** See {@link JsvcControllers}: a controller left by a killed JVM would start a second supervisor here. */
    private void endOrphanedJsvcControllers() {
        for (long pid : JsvcControllers.orphans(homes.base())) {
            if (JsvcControllers.end(pid)) {
                LOG.warn("ended jsvc controller {} of this base: its supervisor was killed, and it would have started"
                        + " another one within 60 s", pid);
            } else {
                LOG.warn("cannot end jsvc controller {} of this base, which may start another supervisor within 60 s:"
                        + " end it by hand (kill -KILL {})", pid, pid);
            }
        }
    }

    private SupervisorControl supervisorWithBeans(Runnable shutdownRequest) throws JMException {
        SupervisorControl supervisor = wiring.supervisor(config);
        ManagementBeans beans;
        try {
            beans = ManagementBeans.register(ManagementFactory.getPlatformMBeanServer(), supervisor, shutdownRequest,
                    configReader);
        } catch (JMException | RuntimeException e) {
            closeQuietly(supervisor);
            throw e;
        }
        // servers first, then their MBeans: JMX clients see the last transitions as long as they can
        teardown.push(() -> {
            try {
                close(supervisor);
            } finally {
                beans.close();
            }
        });
        return supervisor;
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
}
