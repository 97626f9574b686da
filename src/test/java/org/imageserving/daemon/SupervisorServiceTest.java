package org.imageserving.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.imageserving.config.ConfigException;
import org.imageserving.jmx.MBeanNames;
import org.imageserving.jmx.SupervisorMXBean;
import org.imageserving.jmx.security.Accounts;
import org.imageserving.jmx.security.CredentialFiles;
import org.imageserving.jmx.testing.Listeners;
import org.imageserving.process.ServerState;
import org.imageserving.supervisor.ServerControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.imageserving.exit.ExitCode;
import org.imageserving.testing.fixtures.Sleeper;

/** The service's lifecycle in this JVM: everything it brings up, over the wire, and everything it takes down. */
class SupervisorServiceTest {
    @TempDir
    Path base;

    private final TestWiring wiring = new TestWiring();
    private SupervisorService service;

    @BeforeEach
    void shippedPolicy() throws Exception {
        Files.createDirectories(base.resolve("conf"));
        Files.copy(Path.of("conf", "jolokia-access.xml"), base.resolve("conf/jolokia-access.xml"));
    }

    @AfterEach
    void stopAndCheckNothingIsLeft() throws Exception {
        if (service != null) {
            service.stop();
        }
        assertEquals(Set.of(), ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("ImageServing:*"), null));
        assertEquals(List.of(), Listeners.ofThisJvm(), "nothing listening");
        wiring.assertNothingLeft();
    }

    @Test
    void startsEverythingAndStopsItAllInReverse() throws Exception {
        service = TestWiring.service(wiring, base, Map.of("jolokia-port", Integer.toString(freePort())));
        service.start();
        service.serversStarted().get(60, TimeUnit.SECONDS);
        assertTrue(service.isRunning());

        assertEquals(Long.toString(ProcessHandle.current().pid()), read("run/supervisor.pid"));
        JMXServiceURL jmxUrl = new JMXServiceURL(read("run/jmx.url"));
        URI jolokiaUrl = URI.create(read("run/jolokia.url"));
        Accounts accounts = new CredentialFiles(service.homes()).prepare();
        String monitorPassword = accounts.password("monitor").orElseThrow();
        try (JMXConnector client = JMXConnectorFactory.connect(jmxUrl,
                Map.of(JMXConnector.CREDENTIALS, new String[] {"monitor", monitorPassword}))) {
            SupervisorMXBean supervisor = JMX.newMXBeanProxy(client.getMBeanServerConnection(), MBeanNames.SUPERVISOR,
                    SupervisorMXBean.class);
            assertEquals(List.of(TestWiring.SERVERS), List.of(supervisor.getServerNames()));
            assertEquals(ProcessHandle.current().pid(), supervisor.getPid());
        }
        HttpResponse<String> read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(jolokiaUrl)
                .header("Authorization", basic("monitor", monitorPassword)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"read\",\"mbean\":\"ImageServing:type=Server,name=svg\",\"attribute\":\"State\"}"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(read.body().contains("\"value\":\"RUNNING\""), read.body());
        assertTrue(wiring.lastSupervisor().servers().stream().allMatch(s -> s.state() == ServerState.RUNNING));

        service.start(); // idempotent while running
        service.stop();
        assertFalse(service.isRunning());
        for (String file : List.of("run/supervisor.pid", "run/jmx.url", "run/jolokia.url")) {
            assertFalse(Files.exists(base.resolve(file)), file + " removed");
        }
        assertTrue(wiring.lastSupervisor().servers().stream().map(ServerControl::state).allMatch(s -> s == ServerState.STOPPED));
        service.stop(); // idempotent
        assertThrows(StartException.class, service::start, "a stopped service is not restarted");
    }

    @Test
    void shutdownOverJmxStopsTheWholeService() throws Exception {
        service = TestWiring.service(wiring, base, Map.of());
        service.start();
        assertFalse(Files.exists(base.resolve("run/jolokia.url")), "Jolokia off with port 0");
        Accounts accounts = new CredentialFiles(service.homes()).prepare();
        try (JMXConnector client = JMXConnectorFactory.connect(new JMXServiceURL(read("run/jmx.url")),
                Map.of(JMXConnector.CREDENTIALS, new String[] {"admin", accounts.password("admin").orElseThrow()}))) {
            JMX.newMXBeanProxy(client.getMBeanServerConnection(), MBeanNames.SUPERVISOR, SupervisorMXBean.class).shutdown();
        }
        assertTrue(service.awaitStopped(Duration.ofSeconds(60)));
        assertFalse(Files.exists(base.resolve("run/supervisor.pid")));
    }

    @Test
    void aFailedStartUndoesWhatItDid() throws Exception {
        Files.delete(base.resolve("conf/jolokia-access.xml"));
        service = TestWiring.service(wiring, base, Map.of("jolokia-port", Integer.toString(freePort())));
        ConfigException failure = assertThrows(ConfigException.class, service::start);
        assertTrue(failure.getMessage().startsWith(base.resolve("conf/jolokia-access.xml") + " not found"), failure.getMessage());
        assertEquals(ExitCode.USAGE, StartFailures.code(failure));
        assertTrue(service.awaitStopped(Duration.ZERO));
        assertFalse(Files.exists(base.resolve("run/supervisor.pid")));
        assertFalse(Files.exists(base.resolve("run/jmx.url")));
        assertFalse(wiring.startedAnyServer(), "no server was started");
    }

    @Test
    void refusesCredentialsOthersCanRead() throws Exception {
        Files.createDirectories(base.resolve("conf"));
        Files.copy(Path.of("jmx-templates/jmxremote.access.template"), base.resolve("conf/jmxremote.access"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(base.resolve("conf/jmxremote.access"), PosixFilePermissions.fromString("rw-r--r--"));
        service = TestWiring.service(wiring, base, Map.of());
        ConfigException failure = assertThrows(ConfigException.class, service::start);
        assertTrue(failure.getMessage().endsWith("fix: chmod 600 " + base.resolve("conf/jmxremote.access")), failure.getMessage());
    }

    @Test
    void refusesToRunBesideALiveSupervisorAndReplacesAStalePidFile() throws Exception {
        Files.createDirectories(base.resolve("run"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a live JVM of ours serving this base (ProcessLiveness: our class on its command line, this base)
        Process otherSupervisor = new ProcessBuilder(java, "-Dimageserving.base=" + base, "-cp", ChildService.classpath(),
                Sleeper.class.getName()).start();
        try {
            Files.writeString(base.resolve("run/supervisor.pid"), otherSupervisor.pid() + "\n");
            service = TestWiring.service(wiring, base, Map.of());
            StartException refused = assertThrows(StartException.class, service::start);
            assertTrue(refused.getMessage().startsWith("the supervisor is already running (pid " + otherSupervisor.pid()),
                    refused.getMessage());
            assertEquals(otherSupervisor.pid() + "\n", Files.readString(base.resolve("run/supervisor.pid")), "its file is left alone");
        } finally {
            otherSupervisor.destroy();
            assertTrue(otherSupervisor.waitFor(60, TimeUnit.SECONDS));
        }

        // a live JVM that is not ours under the recorded pid (reused): stale, as the control script judges it too
        Process otherJvm = new ProcessBuilder(java, "-jar", "target/tools/jmxterm.jar", "-n").start();
        try {
            Files.writeString(base.resolve("run/supervisor.pid"), otherJvm.pid() + "\n");
            service = TestWiring.service(wiring, base, Map.of());
            service.start();
            assertEquals(Long.toString(ProcessHandle.current().pid()), read("run/supervisor.pid"));
            service.stop();
        } finally {
            otherJvm.destroy();
            assertTrue(otherJvm.waitFor(60, TimeUnit.SECONDS));
        }

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(base.resolve("run/supervisor.pid"), gone.pid() + "\n");
        service = TestWiring.service(wiring, base, Map.of());
        service.start();
        assertEquals(Long.toString(ProcessHandle.current().pid()), read("run/supervisor.pid"));
    }

    @Test
    void readsItsFlags() throws Exception {
        assertEquals(Map.of("tcpport", "9911", "jolokia-port", "0"), Flags.parse("--tcpport=9911", "--jolokia-port", "0"));
        assertEquals("unexpected argument [start]; usage: [--<setting>=<value>]...",
                assertThrows(ConfigException.class, () -> Flags.parse("start")).getMessage());
        assertThrows(ConfigException.class, () -> Flags.parse("--tcpport"));
    }

    private String read(String file) throws Exception {
        return Files.readString(base.resolve(file), StandardCharsets.UTF_8).strip();
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
