package org.imageserving.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.management.AttributeChangeNotification;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

import org.imageserving.jmx.testing.SleepingSupervisor;
import org.imageserving.process.ServerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ManagementBeansTest {
    private final MBeanServer mbeanServer = MBeanServerFactory.newMBeanServer();
    private SleepingSupervisor supervisor;
    private ManagementBeans beans;
    private final CountDownLatch shutdownCalled = new CountDownLatch(1);

    @BeforeEach
    void register() throws Exception {
        supervisor = new SleepingSupervisor("is", "svg", "ps");
        beans = ManagementBeans.register(mbeanServer, supervisor, shutdownCalled::countDown);
    }

    @AfterEach
    void cleanUp() {
        beans.close();
        supervisor.close();
        assertEquals(List.of(), supervisor.killLeftovers(), "no server process left");
    }

    @Test
    void registersTheSupervisorAndOneMBeanPerServer() throws Exception {
        assertEquals(List.of(MBeanNames.SUPERVISOR, MBeanNames.server("is"), MBeanNames.server("svg"),
                MBeanNames.server("ps"), MBeanNames.CACHE), beans.names());
        assertEquals(3, mbeanServer.queryNames(MBeanNames.ALL_SERVERS, null).size());
        assertEquals(new ObjectName("ImageServing:type=Server,name=svg"), MBeanNames.server("svg"));

        beans.close();
        assertTrue(mbeanServer.queryNames(new ObjectName("ImageServing:*"), null).isEmpty());
    }

    @Test
    void serverMBeanInfoDescribesEverythingWithUnitsAndItsNotification() throws Exception {
        MBeanInfo info = mbeanServer.getMBeanInfo(MBeanNames.server("svg"));
        assertDescribed(info);
        assertEquals("ms", units(info, "Uptime"));
        assertEquals("bytes", units(info, "HeapUsed"));
        assertEquals(null, units(info, "State"));

        MBeanNotificationInfo[] notifications = info.getNotifications();
        assertEquals(1, notifications.length);
        assertArrayEquals(new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE}, notifications[0].getNotifTypes());
        assertEquals(AttributeChangeNotification.class.getName(), notifications[0].getName());
    }

    @Test
    void supervisorMBeanInfoDescribesEverything() throws Exception {
        MBeanInfo info = mbeanServer.getMBeanInfo(MBeanNames.SUPERVISOR);
        assertDescribed(info);
        assertEquals("ms", units(info, "Uptime"));
        assertEquals("bytes", units(info, "HeapUsed"));
    }

    @Test
    void parametersKeepTheirNamesAndDescriptions() throws Exception {
        ObjectName name = new ObjectName("test:type=Probe");
        mbeanServer.registerMBean(new DescribedMBean<>(seconds -> { }, ProbeMXBean.class,
                new NotificationBroadcasterSupport()), name);
        MBeanOperationInfo op = mbeanServer.getMBeanInfo(name).getOperations()[0];
        assertEquals("delaySeconds", op.getSignature()[0].getName());
        assertEquals("how long to wait", op.getSignature()[0].getDescription());
        assertEquals(MBeanOperationInfo.ACTION, op.getImpact());
        mbeanServer.unregisterMBean(name);
    }

    @Test
    void serverOperationsBlockUntilSettledAndEveryTransitionIsNotified() throws Exception {
        BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
        mbeanServer.addNotificationListener(MBeanNames.server("svg"), (n, handback) -> received.add(n), null, null);
        ServerMXBean svg = JMX.newMXBeanProxy(mbeanServer, MBeanNames.server("svg"), ServerMXBean.class);

        assertEquals(ServerState.RUNNING, svg.start());
        assertTrue(svg.getPid() > 0);
        assertEquals("resident", svg.getHeapUsedKind());
        assertTrue(svg.getHeapUsed() > 0);
        assertEquals("test server svg", svg.getDescription());
        assertChange(received.poll(30, TimeUnit.SECONDS), "STOPPED", "STARTING");
        assertChange(received.poll(30, TimeUnit.SECONDS), "STARTING", "RUNNING");

        assertEquals(ServerState.RUNNING, svg.start(), "start while running is a no-op");
        long pid = svg.getPid();
        assertEquals(ServerState.RUNNING, svg.restart());
        assertNotEquals(pid, svg.getPid());
        assertEquals(1, svg.getRestartCount());
        assertEquals(ServerState.STOPPED, svg.stop());
        assertEquals(-1, svg.getPid());
        assertEquals(0, svg.getUptime());
    }

    @Test
    void supervisorOperationsDriveEveryServer() throws Exception {
        SupervisorMXBean proxy = JMX.newMXBeanProxy(mbeanServer, MBeanNames.SUPERVISOR, SupervisorMXBean.class);
        assertArrayEquals(new String[] {"is", "svg", "ps"}, proxy.getServerNames());
        assertEquals(ProcessHandle.current().pid(), proxy.getPid());
        assertEquals(Version.DEVELOPMENT, proxy.getVersion());
        assertTrue(proxy.getHeapUsed() > 0);
        assertTrue(proxy.getUptime() >= 0);

        proxy.startAll();
        assertTrue(supervisor.servers().stream().allMatch(s -> s.state() == ServerState.RUNNING));
        proxy.stopAll();
        assertTrue(supervisor.servers().stream().allMatch(s -> s.state() == ServerState.STOPPED));

        assertEquals(1, shutdownCalled.getCount());
        proxy.shutdown();
        assertTrue(shutdownCalled.await(30, TimeUnit.SECONDS), "shutdown() hands over to the service's stop");
    }

    private static void assertChange(Notification notification, String from, String to) {
        AttributeChangeNotification change = (AttributeChangeNotification) notification;
        assertEquals("State", change.getAttributeName());
        assertEquals(from, change.getOldValue());
        assertEquals(to, change.getNewValue());
        assertEquals(MBeanNames.server("svg"), change.getSource());
        assertTrue(change.getMessage().startsWith("svg: " + from + " -> " + to), change.getMessage());
    }

    private static void assertDescribed(MBeanInfo info) {
        assertNotEquals("Information on the management interface of the MBean", info.getDescription());
        for (MBeanAttributeInfo attribute : info.getAttributes()) {
            assertNotEquals(attribute.getName(), attribute.getDescription(), "attribute " + attribute.getName());
            assertFalse(attribute.isWritable(), attribute.getName() + " is read-only");
        }
        for (MBeanOperationInfo op : info.getOperations()) {
            assertNotEquals(op.getName(), op.getDescription(), "operation " + op.getName());
            assertEquals(MBeanOperationInfo.ACTION, op.getImpact(), op.getName());
        }
    }

    private static Object units(MBeanInfo info, String attribute) {
        for (MBeanAttributeInfo a : info.getAttributes()) {
            if (a.getName().equals(attribute)) {
                return a.getDescriptor().getFieldValue("units");
            }
        }
        throw new AssertionError("no attribute " + attribute);
    }

    /** An MXBean with a parameter, to check that names and descriptions reach the MBeanInfo. */
    @Description("probe")
    public interface ProbeMXBean {
        @Description("waits")
        void delay(@Description("how long to wait") int delaySeconds);
    }
}
