package org.imageserving.supervisor;

import java.io.IOException;
import java.util.Optional;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.process.ProcFs;

/**
 * Heap in use of one child JVM, read from the child's own {@code java.lang:type=Memory}: attach by pid, start
 * its local management agent, and keep that one JMX connection open for later reads (the first costs about
 * half a second, later ones milliseconds). Runs on the caller's thread, never the loop's.
 *
 * <p>Attaching sends the target SIGQUIT; a JVM that has not installed its handler yet (very early in start-up,
 * or run with -Xrs) would die of it, so on Linux we attach only once /proc shows SIGQUIT caught.
 */
final class HeapGauge implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(HeapGauge.class);
    private static final ObjectName MEMORY = name("java.lang:type=Memory");

    private long pid = -1;
    private JMXConnector connector;
    private MBeanServerConnection connection;

    synchronized MemoryReading read(long currentPid) {
        if (currentPid <= 0 || !safeToAttach(currentPid)) {
            return MemoryReading.UNKNOWN;
        }
        try {
            if (currentPid != pid || connection == null) {
                disconnect();
                connect(currentPid);
            }
            CompositeData usage = (CompositeData) connection.getAttribute(MEMORY, "HeapMemoryUsage");
            return new MemoryReading((Long) usage.get("used"), MemoryReading.Kind.HEAP);
        } catch (Exception | LinkageError e) {
            LOG.debug("heap of pid {} unreadable: {}", currentPid, e.toString());
            disconnect();
            return MemoryReading.UNKNOWN;
        }
    }

    /** The process is gone (or going): drop its connection. */
    synchronized void release() {
        disconnect();
    }

    @Override
    public void close() {
        release();
    }

    private void connect(long target) throws Exception {
        String address;
        VirtualMachine vm = VirtualMachine.attach(Long.toString(target));
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        connection = connector.getMBeanServerConnection();
        pid = target;
    }

    private void disconnect() {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException | RuntimeException ignored) {
                // the child is gone; nothing to close on its side
            }
        }
        connector = null;
        connection = null;
        pid = -1;
    }

    private static boolean safeToAttach(long pid) {
        Optional<Boolean> catches = ProcFs.catchesSigquit(pid);
        return catches.orElse(!ProcFs.available());
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
