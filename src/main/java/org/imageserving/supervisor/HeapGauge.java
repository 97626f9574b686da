package org.imageserving.supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.process.ProcFs;
import org.imageserving.process.ProcessTree;

/**
 * Heap in use of one server's child JVM, read from the child's own {@code java.lang:type=Memory}: attach by pid,
 * start a {@link ChildAgent} there (loopback only, with a password), and keep that one JMX connection open for
 * later reads (the first costs about half a second, later ones milliseconds). Runs on the caller's thread, never
 * the loop's. The agent lives as long as its process: a lost connection is made again to the same agent.
 *
 * <p>Attaching sends the target SIGQUIT; a JVM that has not installed its handler yet (very early in start-up,
 * or run with -Xrs) would die of it, so on Linux we attach only once /proc shows SIGQUIT caught.
 */
final class HeapGauge implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(HeapGauge.class);
    private static final ObjectName MEMORY = name("java.lang:type=Memory");
    private static final ObjectName RENDER_ENGINE = name("ImageServing:type=RenderEngine");

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

    private final Path credentials;
    private final String id;
    private final AtomicReference<ChildAgent> agent = new AtomicReference<>();
    private final AtomicReference<Connection> current = new AtomicReference<>();
    private final Object attaching = new Object();

    /**
     * @param credentials where the agents' credential files go ({@code run/servers/})
     * @param id          the server's id, which names its files
     */
    HeapGauge(Path credentials, String id) {
        this.credentials = credentials;
        this.id = id;
        ChildAgent.removeLeftovers(credentials, id);
    }

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
            LOG.debug("{}: heap of pid {} unreadable: {}", id, pid, e.toString());
            if (connection != null && current.compareAndSet(connection, null)) {
                connection.close();
            }
            return MemoryReading.UNKNOWN;
        }
    }

    /** The child's ImageServing:type=RenderEngine Name over the same connection, or "" when it publishes none. */
    String renderEngine(long pid) {
        if (pid <= 0 || !safeToAttach(pid)) {
            return "";
        }
        try {
            Object name = connectionTo(pid).server().getAttribute(RENDER_ENGINE, "Name");
            return name instanceof String s ? s : "";
        } catch (javax.management.InstanceNotFoundException e) {
            return "";
        } catch (Exception | LinkageError e) {
            LOG.debug("{}: render engine of pid {} unreadable: {}", id, pid, e.toString());
            return "";
        }
    }

    /**
     * Attributes of an MBean the child publishes in its own JVM (ps: {@code ImageServing:type=Cache}), in one call
     * over the same connection; empty when it publishes none or cannot be read.
     */
    java.util.Map<String, Object> attributes(long pid, ObjectName mbean, String[] names) {
        if (pid <= 0 || !safeToAttach(pid)) {
            return java.util.Map.of();
        }
        try {
            java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
            for (javax.management.Attribute a : connectionTo(pid).server().getAttributes(mbean, names).asList()) {
                values.put(a.getName(), a.getValue());
            }
            return values;
        } catch (javax.management.InstanceNotFoundException e) {
            return java.util.Map.of();
        } catch (Exception | LinkageError e) {
            LOG.debug("{}: {} of pid {} unreadable: {}", id, mbean, pid, e.toString());
            return java.util.Map.of();
        }
    }

    /**
     * The server's process is gone: drop the connection and the agent's credential files, if they belong to a
     * process that has ended (a reader may already have reached the next one). Never waits for a reader.
     */
    void release() {
        Connection open = current.get();
        if (open != null && !alive(open.pid()) && current.compareAndSet(open, null)) {
            open.close();
        }
        ChildAgent started = agent.get();
        if (started != null && !alive(started.pid()) && agent.compareAndSet(started, null)) {
            started.removeFiles();
        }
    }

    @Override
    public void close() {
        Connection open = current.getAndSet(null);
        if (open != null) {
            open.close();
        }
        ChildAgent started = agent.getAndSet(null);
        if (started != null) {
            started.removeFiles();
        }
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
            JMXConnector connector = agentIn(pid).connect();
            Connection fresh = new Connection(pid, connector, connector.getMBeanServerConnection());
            Connection replaced = current.getAndSet(fresh);
            if (replaced != null) {
                replaced.close();
            }
            return fresh;
        }
    }

    /** The agent already started in {@code pid}, or a new one (a JVM takes one remote agent in its life). */
    private ChildAgent agentIn(long pid) throws Exception {
        ChildAgent started = agent.get();
        if (started != null && started.pid() == pid) {
            return started;
        }
        ChildAgent fresh = ChildAgent.start(pid, credentials, id);
        ChildAgent replaced = agent.getAndSet(fresh);
        if (replaced != null) {
            replaced.removeFiles();
        }
        return fresh;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessTree::isAlive).orElse(false);
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
