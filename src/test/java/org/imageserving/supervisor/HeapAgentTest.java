package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

import org.imageserving.jmx.testing.Listeners;
import org.imageserving.process.ServerState;
import org.imageserving.testing.Await;
import org.imageserving.testing.Ports;
import org.imageserving.testing.SupervisorTestCase;
import org.imageserving.testing.fixtures.Sleeper;
import org.junit.jupiter.api.Test;

/**
 * Reading a Java server's heap opens nothing to the world: the JMX agent the supervisor starts in the child listens
 * on 127.0.0.1 only, asks for the supervisor's credentials, and its credential files live as long as the process.
 */
class HeapAgentTest extends SupervisorTestCase {
    @Test
    void theAgentOfAReadHeapIsOnLoopbackAndWantsTheSupervisorsCredentials() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("jvm", Sleeper.class, "--port", "" + port).tcp(port).build());
        ServerControl s = h.server("jvm");
        assertEquals(ServerState.RUNNING, await(s.start()));
        assertEquals(MemoryReading.Kind.HEAP, s.memory().kind(), "heap read: " + s.memory());
        long pid = s.pid();

        List<String> listeners = Listeners.of(pid);
        assertEquals(List.of(), listeners.stream().filter(address -> !isLoopback(address)).toList(),
                "listening beyond loopback: " + listeners);
        List<Integer> agentPorts = listeners.stream().map(HeapAgentTest::port).filter(p -> p != port).toList();
        assertEquals(1, agentPorts.size(), "one agent port beside the fixture's own " + port + ": " + listeners);
        assertNull(localConnectorAddress(pid), "no JDK local connector: it would listen on the wildcard address");

        int agentPort = agentPorts.get(0);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + agentPort + "/jmxrmi");
        assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(url).close(), "no credentials");
        assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(url,
                Map.of(JMXConnector.CREDENTIALS, new String[] {ChildAgent.USER, "a-guess"})).close(), "wrong password");

        Path passwordFile = base.resolve("run/servers/jvm." + pid + ".jmxremote.password");
        Path accessFile = base.resolve("run/servers/jvm." + pid + ".jmxremote.access");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(accessFile)));
        assertEquals(ChildAgent.USER + " readonly", Files.readString(accessFile).strip());

        for (int i = 0; i < 3; i++) {
            assertEquals(MemoryReading.Kind.HEAP, s.memory().kind(), "later reads");
        }
        assertEquals(listeners, Listeners.of(pid), "later reads start no other agent");

        // a new process, a new agent with new credentials; the old files go with the old process
        assertEquals(ServerState.RUNNING, await(s.restart()));
        assertEquals(MemoryReading.Kind.HEAP, s.memory().kind(), "heap of the new process");
        assertEquals(List.of("jvm." + s.pid() + ".jmxremote.access", "jvm." + s.pid() + ".jmxremote.password",
                "jvm." + s.pid() + ".jmxremote.properties"), credentialFiles());

        assertEquals(ServerState.STOPPED, await(s.stop()));
        Await.until("the credential files to go with the process", Await.PATIENCE, () -> credentialFiles().isEmpty(),
                () -> credentialFiles().toString());
    }

    @Test
    void theAgentDeserialisesNothingButWhatTheHeapReadIsMadeOf() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Djava.rmi.server.hostname=127.0.0.1",
                Sleeper.class.getName()).redirectErrorStream(true).redirectOutput(base.resolve("sleeper.out").toFile()).start();
        Path dir = Files.createDirectories(base.resolve("run/servers"));
        ChildAgent agent = null;
        try {
            long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
            while (agent == null) {
                try {
                    agent = ChildAgent.start(jvm.pid(), dir, "gadget"); // the JVM may not take an attach yet
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                    Thread.sleep(100);
                }
            }
            java.util.HashMap<java.net.URL, String> gadget = new java.util.HashMap<>();
            gadget.put(new java.net.URL("http://192.0.2.1/"), "x"); // URL.hashCode resolves the host when rebuilt
            try (JMXConnector connector = agent.connect()) {
                var connection = connector.getMBeanServerConnection();
                assertTrue(connection.getAttribute(new javax.management.ObjectName("java.lang:type=Memory"),
                        "HeapMemoryUsage") != null, "the heap read itself passes the filter");
                Exception refused = assertThrows(Exception.class, () -> connection.invoke(
                        new javax.management.ObjectName("java.lang:type=Memory"), "gc", new Object[] {gadget},
                        new String[] {"java.util.HashMap"}));
                StringBuilder causes = new StringBuilder();
                for (Throwable t = refused; t != null; t = t.getCause()) {
                    causes.append(t).append(" / ");
                }
                assertTrue(causes.toString().contains("filter status: REJECTED"), causes.toString());
            }
        } finally {
            if (agent != null) {
                agent.removeFiles();
            }
            jvm.destroyForcibly().waitFor();
        }
    }

    @Test
    void credentialFilesLeftByAKilledSupervisorAreRemoved() throws Exception {
        Path servers = Files.createDirectories(base.resolve("run/servers"));
        for (String name : List.of("jvm.4242.jmxremote.password", "jvm.4242.jmxremote.access",
                "jvm-2.7.jmxremote.access")) {
            Files.writeString(servers.resolve(name), "left behind\n");
        }
        h.supervisor(h.java("jvm", Sleeper.class, "--port", "" + Ports.free()).build());
        assertEquals(List.of("jvm-2.7.jmxremote.access"), credentialFiles(), "only those of server jvm");
    }

    private List<String> credentialFiles() {
        try (Stream<Path> files = Files.list(base.resolve("run/servers"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.contains(".jmxremote.")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The address of the JDK's local connector in {@code pid}, if one was ever started there. */
    private static String localConnectorAddress(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            return vm.getAgentProperties().getProperty("com.sun.management.jmxremote.localConnectorAddress");
        } finally {
            vm.detach();
        }
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.startsWith("[::1]") || address.startsWith("::1");
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
