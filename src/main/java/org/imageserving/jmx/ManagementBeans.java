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
import org.imageserving.supervisor.Reloaded;
import org.imageserving.supervisor.ServerControl;
import org.imageserving.supervisor.SupervisorControl;

/**
 * The supervisor's MBeans in an MBeanServer: {@code ImageServing:type=Supervisor}, one
 * {@code ImageServing:type=Server,name=<id>} per managed server and {@code ImageServing:type=Cache} (ps's response
 * cache), registered together and unregistered together.
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

    private final SupervisorControl supervisor;

    private ManagementBeans(MBeanServer mbeanServer, SupervisorControl supervisor) {
        this.mbeanServer = mbeanServer;
        this.supervisor = supervisor;
    }

    /** After a reload: the MBeans of removed servers go, those of added ones come, replaced ones are re-registered. */
    synchronized void reloaded(Reloaded done) {
        for (String id : concat(done.removed(), done.changed())) {
            ObjectName name = MBeanNames.server(id);
            try {
                mbeanServer.unregisterMBean(name);
            } catch (JMException e) {
                LOG.warn("{}: could not unregister: {}", name, e.toString());
            }
            registered.remove(name);
        }
        for (String id : concat(done.changed(), done.added())) {
            supervisor.server(id).ifPresent(server -> {
                try {
                    addServer(server);
                } catch (JMException e) {
                    LOG.error("{}: could not register its MBean: {}", id, e.toString());
                }
            });
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Registers every MBean; on failure unregisters those already done and rethrows.
     *
     * @param shutdown what {@code SupervisorMXBean.shutdown()} runs: stops the whole service
     */
    public static ManagementBeans register(MBeanServer mbeanServer, SupervisorControl supervisor, Runnable shutdown)
            throws JMException {
        return register(mbeanServer, supervisor, shutdown, null);
    }

    /** @param configReader what {@code SupervisorMXBean.reload()} reads; null: reload is not available */
    public static ManagementBeans register(MBeanServer mbeanServer, SupervisorControl supervisor, Runnable shutdown,
            ConfigReader configReader) throws JMException {
        ManagementBeans beans = new ManagementBeans(mbeanServer, supervisor);
        try {
            beans.add(MBeanNames.SUPERVISOR, new DescribedMBean<>(
                    new SupervisorBean(supervisor, shutdown, configReader, beans::reloaded),
                    SupervisorMXBean.class, new NotificationBroadcasterSupport()));
            for (ServerControl server : supervisor.servers()) {
                beans.addServer(server);
            }
            beans.add(MBeanNames.CACHE, new DescribedMBean<>(new CacheBean(supervisor), CacheMXBean.class,
                    new NotificationBroadcasterSupport()));
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
