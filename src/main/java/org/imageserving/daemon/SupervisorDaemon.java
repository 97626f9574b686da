package org.imageserving.daemon;

import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.apache.commons.daemon.DaemonController;
import org.apache.commons.daemon.DaemonInitException;
import org.imageserving.config.ConfigException;

/**
 * The supervisor under jsvc ({@code bin/daemon.sh}). jsvc calls, on its main thread: {@link #init} (as root,
 * before switching to the service user: only reads the configuration), {@link #start} (must return promptly:
 * it brings up the management plane, about a second, and leaves the servers starting on the supervisor's own
 * threads, so a port in use or a bad credentials file still fails jsvc's start), then on SIGTERM {@link #stop}
 * and {@link #destroy}. {@code shutdown()} over JMX asks jsvc to stop, which comes back here.
 */
public class SupervisorDaemon implements Daemon {
    private final ServiceFactory factory;
    private SupervisorService service;

    /** What jsvc instantiates. */
    public SupervisorDaemon() {
        this(StandardWiring.factory());
    }

    SupervisorDaemon(ServiceFactory factory) {
        this.factory = factory;
    }

    @Override
    public void init(DaemonContext context) throws DaemonInitException {
        LoggingSetup.prepareProcess();
        try {
            service = factory.create(Flags.parse(context.getArguments()));
            service.load();
        } catch (ConfigException e) {
            throw new DaemonInitException(StartFailures.line(e));
        }
        DaemonController controller = context.getController();
        service.onShutdownRequest(controller::shutdown);
    }

    @Override
    public void start() throws Exception {
        try {
            service.start();
        } catch (ConfigException | StartException e) {
            System.err.println(StartFailures.line(e));
            throw e;
        }
    }

    @Override
    public void stop() {
        service.stop();
    }

    @Override
    public void destroy() {
        if (service != null) {
            service.stop();
        }
    }
}
