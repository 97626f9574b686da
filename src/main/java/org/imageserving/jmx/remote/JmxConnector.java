package org.imageserving.jmx.remote;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.ExportException;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.jmx.security.Accounts;

/**
 * The supervisor's JMX/RMI endpoint: a read-only registry and the connector on one port of 127.0.0.1
 * (see {@link LoopbackServerSocketFactory}), credentials required, roles from conf/jmxremote.access enforced by
 * {@link PolicyForwarder}, and a deserialisation filter on every call. Built in code rather than with
 * -Dcom.sun.management.jmxremote.*, which would also open the JDK's local connector on a wildcard address.
 */
public final class JmxConnector implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(JmxConnector.class);
    private static final String BINDING = "jmxrmi";

    private final Registry registry;
    private final JMXConnectorServer server;
    private final int port;

    private JmxConnector(Registry registry, JMXConnectorServer server, int port) {
        this.registry = registry;
        this.server = server;
        this.port = port;
    }

    /**
     * @param port       the {@code <tcpport>}; 0 picks a free one (read it back with {@link #port()})
     * @param accessFile conf/jmxremote.access, where the roles in {@code accounts} come from (named in the log)
     */
    public static JmxConnector start(int port, Accounts accounts, Path accessFile, MBeanServer mbeanServer)
            throws IOException {
        // The address RMI writes into the stubs it hands out: clients must come back to loopback.
        System.setProperty("java.rmi.server.hostname", LoopbackServerSocketFactory.LOOPBACK);
        LoopbackServerSocketFactory sockets = new LoopbackServerSocketFactory();
        int bound = port == 0 ? LoopbackServerSocketFactory.freePort() : port;
        Registry registry = createRegistry(bound, sockets);
        try {
            Map<String, Object> env = new HashMap<>();
            env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
            env.put(JMXConnectorServer.AUTHENTICATOR, new AccountAuthenticator(accounts));
            // Before login only a user name and a password may be deserialised; after it, only what the MBeans'
            // calls are made of, so that no login can make the supervisor build objects of its choice.
            env.put(RMIConnectorServer.CREDENTIALS_FILTER_PATTERN, "java.lang.String;!*");
            env.put(RMIConnectorServer.SERIAL_FILTER_PATTERN, SerialFilters.CONNECTOR);
            NotificationPolicy.create(accounts).ifPresent(policy -> env.put(NotificationPolicy.ENVIRONMENT_KEY, policy));
            RMIJRMPServerImpl rmiServer = new RMIJRMPServerImpl(bound, null, sockets, env);
            JMXServiceURL address = new JMXServiceURL("service:jmx:rmi://" + LoopbackServerSocketFactory.LOOPBACK + ":" + bound);
            RMIConnectorServer server = new RMIConnectorServer(address, env, rmiServer, mbeanServer);
            // Roles as ManagementPolicy says, the same decisions as Jolokia's (not the JDK's readonly/readwrite
            // access file, which knows nothing of the platform MBeans' dangers)
            server.setMBeanServerForwarder(PolicyForwarder.create(accounts));
            server.start();
            // Bound into our registry object directly: the JNDI route would make an RMI client call to ourselves,
            // which can ride a pooled connection to a registry of an earlier start in this JVM.
            registry.rebind(BINDING, rmiServer.toStub());
            LOG.info("JMX connector listening on {} (users and roles from {})", url(bound), accessFile);
            return new JmxConnector(registry, server, bound);
        } catch (IOException | RuntimeException e) {
            unexport(registry);
            throw e;
        }
    }

    /** {@code service:jmx:rmi://127.0.0.1:P/jndi/rmi://127.0.0.1:P/jmxrmi}: both halves on the one port. */
    public static JMXServiceURL url(int port) {
        String host = LoopbackServerSocketFactory.LOOPBACK;
        try {
            return new JMXServiceURL("service:jmx:rmi://" + host + ":" + port + "/jndi/rmi://" + host + ":" + port + "/" + BINDING);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad JMX port " + port, e);
        }
    }

    public JMXServiceURL url() {
        return url(port);
    }

    public int port() {
        return port;
    }

    private static Registry createRegistry(int port, LoopbackServerSocketFactory sockets) throws IOException {
        try {
            return LocateRegistry.createRegistry(port, null, sockets);
        } catch (ExportException e) {
            if (e.getCause() instanceof BindException) {
                throw new BindException("JMX port 127.0.0.1:" + port + " is in use; fix: stop what listens there"
                        + " (ss -ltnp 'sport = :" + port + "') or change <tcpport> in conf/SupervisorRegistry.xml");
            }
            throw e;
        }
    }

    /** Stops accepting, closes client connections, releases the port. Idempotent. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            LOG.warn("JMX connector did not stop cleanly: {}", e.toString());
        }
        unexport(registry);
        LOG.info("JMX connector on 127.0.0.1:{} stopped", port);
    }

    private static void unexport(Registry registry) {
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException e) {
            // already gone
        }
    }
}
