package org.imageserving.cli;

import java.io.IOException;
import java.rmi.NotBoundException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnector;
import javax.management.remote.rmi.RMIServer;
import org.imageserving.jmx.MBeanNames;
import org.imageserving.jmx.ServerMXBean;
import org.imageserving.jmx.SupervisorMXBean;

/**
 * One JMX/RMI session with a supervisor. Reads go through {@code getAttributes}, one round trip per MBean for
 * the attributes named in {@link Attributes}; operations go through {@link JMX#newMXBeanProxy} on the
 * committed MXBean interfaces.
 *
 * <p>Why not JMXConnectorFactory for the usual URL: for {@code service:jmx:rmi:///jndi/rmi://host:port/name} it
 * spends its first call loading JNDI and a provider ServiceLoader; asking the RMI registry for the connector
 * stub directly is the same protocol on the wire, without that start-up cost.
 */
final class SupervisorClient implements AutoCloseable {
    private static final String JNDI_RMI = "/jndi/rmi://";

    private final JMXConnector connector;
    private final MBeanServerConnection connection;

    private SupervisorClient(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.connection = connector.getMBeanServerConnection();
    }

    static SupervisorClient connect(JmxTarget target) throws IOException {
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {target.user(), target.password()});
        env.put("jmx.remote.x.client.connection.check.period", 0L); // no heartbeat thread for a one-shot client
        RegistryAddress registry = RegistryAddress.parse(target.url());
        if (registry == null) {
            return new SupervisorClient(JMXConnectorFactory.connect(new JMXServiceURL(target.url()), env));
        }
        ConnectTimeout.install();
        Registry rmiRegistry = LocateRegistry.getRegistry(registry.host(), registry.port());
        RMIServer server;
        try {
            server = (RMIServer) rmiRegistry.lookup(registry.name());
        } catch (NotBoundException notBound) {
            throw new IOException("no JMX connector named " + registry.name() + " at " + target.url(), notBound);
        } catch (ClassCastException notJmx) {
            throw new IOException("not a JMX connector: " + target.url(), notJmx);
        }
        ExpectedConnector.verify(server, registry.host(), registry.port(), target.passwordFile());
        RMIConnector connector = new RMIConnector(server, env);
        connector.connect(env);
        return new SupervisorClient(connector);
    }

    /** The supervisor's attributes, named as in {@link Attributes#SUPERVISOR}. */
    Map<String, Object> supervisor() throws IOException {
        Map<String, Object> values = read(MBeanNames.SUPERVISOR, Attributes.SUPERVISOR);
        if (values == null) {
            throw new IOException("no " + MBeanNames.SUPERVISOR + " MBean: not an ImageServing supervisor");
        }
        return values;
    }

    /** One server's attributes, named as in {@link Attributes#SERVER}; null when there is no such server. */
    Map<String, Object> server(String id) throws IOException {
        return read(MBeanNames.server(id), Attributes.SERVER);
    }

    /** A subset of one server's attributes (the start loop polls only what it prints); null when absent. */
    Map<String, Object> server(String id, String... attributes) throws IOException {
        return read(MBeanNames.server(id), attributes);
    }

    List<String> serverNames() throws IOException {
        return List.of((String[]) supervisor().get("ServerNames"));
    }

    SupervisorMXBean supervisorProxy() {
        return JMX.newMXBeanProxy(connection, MBeanNames.SUPERVISOR, SupervisorMXBean.class);
    }

    ServerMXBean serverProxy(String id) {
        return JMX.newMXBeanProxy(connection, MBeanNames.server(id), ServerMXBean.class);
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException | RuntimeException ignored) {
            // the supervisor may be gone already (after shutdown): nothing left to release
        }
    }

    /** The named attributes of one MBean, in one round trip; null when the MBean is not registered. */
    private Map<String, Object> read(ObjectName name, String[] attributes) throws IOException {
        AttributeList list;
        try {
            list = connection.getAttributes(name, attributes);
        } catch (InstanceNotFoundException absent) {
            return null;
        } catch (JMException e) {
            throw new IOException(e.toString(), e);
        }
        Map<String, Object> values = new HashMap<>(attributes.length * 2);
        for (Attribute attribute : list.asList()) {
            values.put(attribute.getName(), attribute.getValue());
        }
        return values;
    }

    /** host, port and name of {@code service:jmx:rmi://…/jndi/rmi://host:port/name}; null for any other URL. */
    record RegistryAddress(String host, int port, String name) {
        static RegistryAddress parse(String url) {
            int at = url.indexOf(JNDI_RMI);
            if (!url.startsWith("service:jmx:rmi:") || at < 0) {
                return null;
            }
            String rest = url.substring(at + JNDI_RMI.length());
            int slash = rest.indexOf('/');
            int colon = rest.lastIndexOf(':', slash < 0 ? rest.length() : slash);
            if (slash < 0 || colon < 0 || rest.indexOf(']', colon) >= 0) {
                return null;
            }
            String host = rest.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                return new RegistryAddress(host, Integer.parseInt(rest.substring(colon + 1, slash)), rest.substring(slash + 1));
            } catch (NumberFormatException noPort) {
                return null;
            }
        }
    }
}
