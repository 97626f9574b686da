package org.imageserving.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;

import org.imageserving.install.Homes;
import org.imageserving.jmx.MBeanNames;
import org.imageserving.jmx.security.CredentialFiles;
import org.imageserving.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management plane's audit lines in the real logs/supervisor.log of a supervisor process: who did what over
 * which path, refused logins and calls, and no line forged by a name with a newline in it.
 */
class ManagementAuditLogTest {
    private static final String FORGED = "2026-01-01 00:00:00.000 INFO  [main] ServerBean - svg: stop requested by admin over JMX";
    private static final String SVG = "ImageServing:type=Server,name=svg";

    @TempDir
    Path base;

    private ChildService child;

    @AfterEach
    void kill() throws Exception {
        if (child != null) {
            child.kill();
        }
    }

    @Test
    void operationsNameTheirAccountAndPathAndRefusalsAreLoggedEscaped() throws Exception {
        Path conf = Files.createDirectories(base.resolve("conf"));
        Files.copy(Path.of("conf/logging.properties"), conf.resolve("logging.properties"));
        Files.copy(Path.of("conf/jolokia-access.xml"), conf.resolve("jolokia-access.xml"));
        int jolokiaPort = Ports.free();
        child = ChildService.launch(base, "audit", ChildService.foreground(base, "--jolokia-port=" + jolokiaPort));
        try (JMXConnector admin = child.connect("admin")) {
            ChildService.awaitRunning(admin.getMBeanServerConnection(), TestWiring.SERVERS);
            admin.getMBeanServerConnection().invoke(MBeanNames.server("svg"), "restart", null, null);
        }
        try (JMXConnector monitor = child.connect("monitor")) {
            assertThrows(SecurityException.class,
                    () -> monitor.getMBeanServerConnection().invoke(MBeanNames.server("svg"), "stop", null, null));
        }
        assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(child.awaitUp(),
                Map.of(JMXConnector.CREDENTIALS, new String[] {"evil\n" + FORGED, "x"})).close());

        String jolokia = "http://127.0.0.1:" + jolokiaPort + "/jolokia/";
        String exec = "{\"type\":\"exec\",\"mbean\":\"" + SVG + "\",\"operation\":\"restart\",\"arguments\":[]}";
        assertTrue(post(jolokia, "admin", password("admin"), exec).contains("\"status\":200"));
        assertTrue(post(jolokia, "monitor", password("monitor"), exec).contains("\"status\":403"));
        post(jolokia, "evil\n" + FORGED, "x", exec);

        List<String> log = awaitLogLines("Jolokia login refused", "Jolokia call refused", "JMX call refused",
                "JMX login refused", "svg: restart requested by admin over Jolokia");
        assertTrue(log.stream().anyMatch(l -> l.endsWith("svg: restart requested by admin over JMX")), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.endsWith("svg: restart requested by admin over Jolokia")), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains("JMX call refused: monitor over JMX (readonly) may not invoke "
                + SVG + " stop")), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains("Jolokia call refused: monitor over Jolokia may not invoke "
                + SVG + " restart")), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains("JMX login refused for user [evil\\n2026-01-01")), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains("Jolokia login refused for user [evil\\n2026-01-01")), String.join("\n", log));
        assertFalse(log.stream().anyMatch(l -> l.startsWith("2026-01-01")), "no forged line: " + String.join("\n", log));
        assertFalse(log.stream().anyMatch(l -> l.contains("svg: stop requested") && !l.contains("login refused")),
                String.join("\n", log));
    }

    private String post(String url, String user, String password, String json) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private String password(String user) throws Exception {
        return new CredentialFiles(new Homes(Path.of("").toAbsolutePath(), base)).prepare().password(user).orElseThrow();
    }

    /** The log once every fragment is in it (log lines are written as the calls return, but on other threads). */
    private List<String> awaitLogLines(String... fragments) throws Exception {
        Path file = base.resolve("logs/supervisor.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ChildService.DEADLINE_SECONDS);
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            List<String> seen = lines;
            if (List.of(fragments).stream().allMatch(f -> seen.stream().anyMatch(l -> l.contains(f)))) {
                return lines;
            }
            Thread.sleep(50);
        }
        assertEquals(List.of(), List.of(fragments), "not all in the log: " + String.join("\n", lines));
        return lines;
    }
}
