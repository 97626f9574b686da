package org.imageserving.jmx.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerFactory;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;

import org.imageserving.config.ConfigException;
import org.imageserving.jmx.MBeanNames;
import org.imageserving.jmx.ManagementBeans;
import org.imageserving.jmx.ServerMXBean;
import org.imageserving.jmx.security.Accounts;
import org.imageserving.jmx.security.CredentialFiles;
import org.imageserving.jmx.testing.Listeners;
import org.imageserving.testing.SleepingServers;
import org.imageserving.process.ServerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JMX/RMI endpoint over the wire: real RMI clients, and jmxterm as an independent one. */
class JmxRemoteTest {
    @TempDir
    Path base;

    private final MBeanServer mbeanServer = MBeanServerFactory.newMBeanServer();
    private SleepingServers servers;
    private ManagementBeans beans;
    private CredentialFiles files;
    private Accounts accounts;
    private JmxConnector connector;

    @BeforeEach
    void start() throws Exception {
        servers = SleepingServers.started(base);
        beans = ManagementBeans.register(mbeanServer, servers.supervisor(), () -> { });
        files = new CredentialFiles(base.resolve("conf"), Path.of("jmx-templates"));
        accounts = files.prepare();
        connector = JmxConnector.start(0, accounts, files.accessFile(), mbeanServer);
    }

    @AfterEach
    void stop() {
        connector.close();
        beans.close();
        servers.close(); // fails if a server process is left
    }

    @Test
    void adminReadsAndInvokesOverTheConnector() throws Exception {
        try (JMXConnector client = connect("admin", password("admin"))) {
            MBeanServerConnection connection = client.getMBeanServerConnection();
            assertEquals("RUNNING", connection.getAttribute(MBeanNames.server("is"), "State"));
            ServerMXBean svg = JMX.newMXBeanProxy(connection, MBeanNames.server("svg"), ServerMXBean.class);
            assertTrue(svg.getUptime() >= 0);
            assertEquals(ServerState.STOPPED, svg.stop());
            assertEquals(ServerState.RUNNING, svg.start());
        }
    }

    @Test
    void refusesMissingAndWrongCredentials() {
        assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(connector.url()).close());
        assertThrows(SecurityException.class, () -> connect("admin", "wrong").close());
        assertThrows(SecurityException.class, () -> connect("nobody", password("admin")).close());
    }

    @Test
    void readOnlyUserReadsButCannotInvokeOrWrite() throws Exception {
        try (JMXConnector client = connect("monitor", password("monitor"))) {
            MBeanServerConnection connection = client.getMBeanServerConnection();
            assertEquals("RUNNING", connection.getAttribute(MBeanNames.server("svg"), "State"));
            SecurityException refused = assertThrows(SecurityException.class,
                    () -> connection.invoke(MBeanNames.server("svg"), "stop", null, null));
            assertTrue(refused.getMessage().contains("Access denied"), refused.getMessage());
            assertThrows(SecurityException.class,
                    () -> connection.setAttribute(MBeanNames.server("svg"), new Attribute("State", "STOPPED")));
            assertEquals("RUNNING", connection.getAttribute(MBeanNames.server("svg"), "State"));
        }
    }

    @Test
    void listensOnOneLoopbackPortOnly() throws Exception {
        List<String> ours = Listeners.ofThisJvm();
        assertEquals(List.of("127.0.0.1:" + connector.port()), ours, "registry and connector share one loopback port");
    }

    @Test
    void closeReleasesThePortForTheNextStart() throws Exception {
        int port = connector.port();
        connector.close();
        assertEquals(List.of(), Listeners.ofThisJvm());
        new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1")).close();

        connector = JmxConnector.start(port, accounts, files.accessFile(), mbeanServer);
        Result result = jmxterm("get -s -b ImageServing:type=Server,name=is State\n", "-u", "monitor", "-p", password("monitor"));
        assertEquals("RUNNING", result.stdout().strip(), result.toString());
    }

    @Test
    void jmxtermReadsEveryServerAndRestartsOne() throws Exception {
        StringBuilder script = new StringBuilder();
        for (String id : List.of("is", "svg", "ps")) {
            script.append("get -s -b ImageServing:type=Server,name=").append(id).append(" Uptime HeapUsed\n");
        }
        long svgPid = servers.pid("svg");
        script.append("run -b ImageServing:type=Server,name=svg restart\n");
        Result result = jmxterm(script.toString(), "-u", "admin", "-p", password("admin"));

        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(7, lines.size(), result.toString());
        for (int i = 0; i < 6; i++) {
            assertTrue(Long.parseLong(lines.get(i).trim()) > 0, "Uptime and HeapUsed are positive figures: " + lines);
        }
        assertEquals("RUNNING", lines.get(6).trim());
        assertNotEquals(svgPid, servers.pid("svg"), "svg was restarted");
    }

    @Test
    void jmxtermIsRefusedWithoutCredentialsAndReadOnlyCannotRestart() throws Exception {
        Result anonymous = jmxterm("get -s -b ImageServing:type=Server,name=is Uptime\n");
        assertNotEquals(0, anonymous.exitCode(), anonymous.toString());
        assertFalse(anonymous.stdout().strip().matches("\\d+"), anonymous.toString());

        long pid = servers.pid("is");
        Result monitor = jmxterm("run -b ImageServing:type=Server,name=is restart\n", "-u", "monitor", "-p", password("monitor"));
        assertNotEquals(0, monitor.exitCode(), monitor.toString());
        assertEquals(pid, servers.pid("is"), "is was not restarted");
    }

    @Test
    void credentialFilesAreOwnerOnlyWithTheirOwnPasswords() throws Exception {
        for (Path file : List.of(files.passwordFile(), files.accessFile())) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
        String text = Files.readString(files.passwordFile());
        assertFalse(text.contains("@GENERATED_PASSWORD@"));
        assertNotEquals(password("admin"), password("monitor"));
        assertTrue(password("admin").length() >= 20);

        files.prepare();
        assertEquals(text, Files.readString(files.passwordFile()), "an existing file is kept as it is");
    }

    @Test
    void refusesCredentialFilesOthersCanRead() throws Exception {
        Files.setPosixFilePermissions(files.passwordFile(), PosixFilePermissions.fromString("rw-r-----"));
        ConfigException refused = assertThrows(ConfigException.class, files::prepare);
        assertEquals(files.passwordFile() + " has mode 0640 but holds credentials: only its owner may read it;"
                + " fix: chmod 600 " + files.passwordFile(), refused.getMessage());

        Files.setPosixFilePermissions(files.passwordFile(), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(files.accessFile(), PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(assertThrows(ConfigException.class, files::prepare).getMessage().contains("chmod 600 " + files.accessFile()));
    }

    private String password(String user) {
        return accounts.password(user).orElseThrow();
    }

    private JMXConnector connect(String user, String password) throws IOException {
        return JMXConnectorFactory.connect(connector.url(), Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    record Result(int exitCode, String stdout, String stderr) {}

    private Result jmxterm(String script, String... credentials) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", "target/tools/jmxterm.jar",
                "-l", connector.url().toString(), "-n", "-v", "silent", "-e"));
        command.addAll(List.of(credentials));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        byte[] stderr = process.getErrorStream().readAllBytes();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jmxterm did not finish");
        }
        return new Result(process.exitValue(), stdout, new String(stderr, StandardCharsets.UTF_8));
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
