package org.imageserving.jmx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.management.JMException;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.supervisor.ServerControl;
import org.imageserving.supervisor.SupervisorControl;

/**
 * The supervisor's MBeans in an MBeanServer: {@code ImageServing:type=Supervisor} and one
 * {@code ImageServing:type=Server,name=<id>} per managed server, registered together and unregistered together.
 */
public final class ManagementBeans implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ManagementBeans.class);

    private final MBeanServer mbeanServer;
    private final List<ObjectName> registered = new ArrayList<>();
    private final List<StateNotifier> notifiers = new ArrayList<>();
    // One thread delivers every notification, in order, away from the supervisor loop.
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "imageserving-jmx-notifications");
        thread.setDaemon(true);
        return thread;
    });

    private ManagementBeans(MBeanServer mbeanServer) {
        this.mbeanServer = mbeanServer;
    }

    /**
     * Registers every MBean; on failure unregisters those already done and rethrows.
     *
     * @param shutdown what {@code SupervisorMXBean.shutdown()} runs: stops the whole service
     */
    public static ManagementBeans register(MBeanServer mbeanServer, SupervisorControl supervisor, Runnable shutdown)
            throws JMException {
        ManagementBeans beans = new ManagementBeans(mbeanServer);
        try {
            beans.add(MBeanNames.SUPERVISOR, new DescribedMBean<>(new SupervisorBean(supervisor, shutdown),
                    SupervisorMXBean.class, new NotificationBroadcasterSupport()));
            for (ServerControl server : supervisor.servers()) {
                beans.addServer(server);
            }
        } catch (JMException | RuntimeException e) {
            beans.close();
            throw e;
        }
        return beans;
    }

    public List<ObjectName> names() {
        return List.copyOf(registered);
    }

    private void addServer(ServerControl server) throws JMException {
        ObjectName name = MBeanNames.server(server.id());
        NotificationBroadcasterSupport broadcaster =
                new NotificationBroadcasterSupport(delivery, new MBeanNotificationInfo[] {StateNotifier.INFO});
        StateNotifier notifier = new StateNotifier(name, broadcaster);
        add(name, new DescribedMBean<>(new ServerBean(server), ServerMXBean.class, broadcaster));
        notifiers.add(notifier);
        server.addStateListener(notifier);
    }

    private void add(ObjectName name, Object mbean) throws JMException {
        mbeanServer.registerMBean(mbean, name);
        registered.add(name);
    }

    /** Unregisters every MBean registered here. Idempotent. */
    @Override
    public synchronized void close() {
        notifiers.forEach(StateNotifier::close);
        notifiers.clear();
        for (ObjectName name : registered) {
            try {
                mbeanServer.unregisterMBean(name);
            } catch (JMException e) {
                LOG.warn("{}: could not unregister: {}", name, e.toString());
            }
        }
        registered.clear();
        delivery.shutdown();
        try {
            delivery.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
