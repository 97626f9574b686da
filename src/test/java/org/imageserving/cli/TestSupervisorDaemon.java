package org.imageserving.cli;

import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;

/**
 * {@link TestSupervisor} under jsvc (bin/daemon.sh with this class as the supervisor): start() returns at once,
 * SIGTERM brings stop() and destroy(), and shutdown() over JMX asks jsvc to stop, as the real daemon does.
 */
public final class TestSupervisorDaemon implements Daemon {
    private DaemonContext context;
    private TestSupervisor.Running running;

    @Override
    public void init(DaemonContext context) {
        this.context = context;
    }

    @Override
    public void start() throws Exception {
        running = TestSupervisor.launch(context.getArguments(), context.getController()::shutdown);
        System.out.println("ready " + running.url);
    }

    @Override
    public void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Override
    public void destroy() {
        stop();
    }
}
