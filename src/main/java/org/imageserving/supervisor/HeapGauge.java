package org.imageserving.supervisor;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

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

    /** One open connection to one process. */
    private record Connection(long pid, JMXConnector connector, MBeanServerConnection server) {
        void close() {
            try {
                connector.close();
            } catch (IOException | RuntimeException ignored) {
                // the child is gone; nothing to close on its side
            }
        }
    }

    private final AtomicReference<Connection> current = new AtomicReference<>();
    private final Object attaching = new Object();

    MemoryReading read(long pid) {
        if (pid <= 0 || !safeToAttach(pid)) {
            return MemoryReading.UNKNOWN;
        }
        Connection connection = null;
        try {
            connection = connectionTo(pid);
            CompositeData usage = (CompositeData) connection.server().getAttribute(MEMORY, "HeapMemoryUsage");
            return new MemoryReading((Long) usage.get("used"), MemoryReading.Kind.HEAP);
        } catch (Exception | LinkageError e) {
            LOG.debug("heap of pid {} unreadable: {}", pid, e.toString());
            if (connection != null && current.compareAndSet(connection, null)) {
                connection.close();
            }
            return MemoryReading.UNKNOWN;
        }
    }

    /** The process is gone (or going): drop its connection. Never waits for a reader. */
    void release() {
        Connection old = current.getAndSet(null);
        if (old != null) {
            old.close();
        }
    }

    @Override
    public void close() {
        release();
    }

    private Connection connectionTo(long pid) throws Exception {
        Connection open = current.get();
        if (open != null && open.pid() == pid) {
            return open;
        }
        synchronized (attaching) {      // one attach at a time; a second caller reuses the first one's connection
            open = current.get();
            if (open != null && open.pid() == pid) {
                return open;
            }
            Connection fresh = connect(pid);
            Connection replaced = current.getAndSet(fresh);
            if (replaced != null) {
                replaced.close();
            }
            return fresh;
        }
    }

    private static Connection connect(long pid) throws Exception {
        String address;
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        return new Connection(pid, connector, connector.getMBeanServerConnection());
    }

    private static boolean safeToAttach(long pid) {
        return ProcFs.catchesSigquit(pid).orElse(!ProcFs.available());
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
