package org.imageserving.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.imageserving.install.Homes;
import org.imageserving.jmx.security.Accounts;
import org.imageserving.jmx.security.CredentialFiles;
import org.imageserving.jolokia.RawHttp;
import org.imageserving.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jolokia in a real supervisor process started with the shipped JVM options (bin/supervisor.options: a 32 MiB
 * heap), with the hawtio policy (the more generous of the two shipped ones: list and read of every MBean), under
 * the attacks of issue 8: a huge bulk, many heavy bulks at once, clients that never finish their headers, and
 * values made to forge log lines.
 */
class JolokiaUnderAttackTest {
    private static final String VERSION = "{\"type\":\"version\"}";

    @TempDir
    Path base;

    private ChildService child;
    private int port;
    private Accounts accounts;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(base.resolve("conf"));
        Files.copy(Path.of("conf", "jolokia-access-hawtio.xml"), base.resolve("conf/jolokia-access.xml"));
        Files.copy(Path.of("conf", "logging.properties"), base.resolve("conf/logging.properties"));
        port = Ports.free();
        List<String> command = new ArrayList<>();
        command.add(ChildService.java());
        command.addAll(shippedOptions());
        command.addAll(List.of("-Dimageserving.base=" + base, "-cp", ChildService.classpath(),
                TestForeground.class.getName(), "--jolokia-port=" + port));
        child = ChildService.launch(base, "supervisor", command);
        child.awaitUp();
        accounts = new CredentialFiles(new Homes(Path.of("").toAbsolutePath(), base)).prepare();
        assertEquals(200, version().status(), child.output());
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.process.destroy();
            if (!child.process.waitFor(ChildService.DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                child.kill();
            }
        }
    }

    @Test
    void bigAndManyBulksFromMonitorDoNotRunItOutOfMemory() throws Exception {
        String read = "{\"type\":\"read\",\"mbean\":\"ImageServing:type=Server,*\"}";
        String huge = "[" + String.join(",", Collections.nCopies(570 * 1024 / (read.length() + 1), read)) + "]";
        assertTrue(huge.length() > 560 * 1024, "a 570 KB bulk");
        RawHttp.Answer refused = post("monitor", huge);
        assertEquals(413, refused.status(), refused.toString());

        // the heaviest bulks the bounds allow, several at once: the whole MBean tree and every attribute of every
        // MBean, 25 times each (~1.4 MB of JSON per answer)
        String list = "{\"type\":\"list\",\"config\":{\"maxDepth\":7,\"ignoreErrors\":true}}";
        String readAll = "{\"type\":\"read\",\"mbean\":\"*:*\",\"config\":{\"ignoreErrors\":true}}";
        String heavy = "[" + String.join(",", Collections.nCopies(25, list + "," + readAll)) + "]";
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<RawHttp.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(clients.submit(() -> post("monitor", heavy)));
            }
            for (Future<RawHttp.Answer> answer : answers) {
                int status = answer.get(ChildService.DEADLINE_SECONDS, TimeUnit.SECONDS).status();
                assertTrue(status == 200 || status == 503, "answered, or busy: " + status);
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(200, version().status(), "still answering");
        assertTrue(child.process.isAlive());
        assertNoOutOfMemory();
    }

    @Test
    void clientsThatNeverFinishTheirHeadersDoNotStallIt() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.getOutputStream().write(("POST /jolokia/ HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nX-Never-Ends: ").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            for (int i = 0; i < 4; i++) {
                slow.add(new Socket(InetAddress.getLoopbackAddress(), port)); // connects, sends nothing
            }
            // a normal request beside them is answered while they are all still open (not after they were cut)
            assertEquals(200, version().status());
            for (Socket socket : slow) {
                assertTrue(isOpen(socket), "the slow clients were still waiting when the request was answered");
            }
            // and they do not hold on for ever: the request time limit closes them
            for (Socket socket : slow.subList(0, 16)) {
                socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(ChildService.DEADLINE_SECONDS));
                try (InputStream in = socket.getInputStream()) {
                    in.readAllBytes();
                } catch (IOException reset) {
                    // closed under them: what we want
                }
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertEquals(200, version().status());
    }

    @Test
    void refusalsAreLoggedEscapedAndBriefly() throws Exception {
        RawHttp.Answer origin = RawHttp.send(port, "POST /jolokia/ HTTP/1.0", VERSION, "Host: 127.0.0.1:" + port,
                auth("monitor"), "Content-Type: application/json", "Origin: http://evil.example\u0085FORGED line");
        assertEquals(403, origin.status());
        RawHttp.Answer rebound = RawHttp.send(port, "GET /jolokia/version HTTP/1.0", null,
                "Host: rebind.attacker.example\u001b[2J:" + port, auth("monitor"));
        assertEquals(403, rebound.status());
        RawHttp.Answer login = RawHttp.send(port, "POST /jolokia/ HTTP/1.0", VERSION, "Host: 127.0.0.1:" + port,
                "Authorization: " + RawHttp.basic("admin\nFORGED", "x"), "Content-Type: application/json");
        assertEquals(401, login.status());

        String log = awaitLog("Jolokia login refused");
        assertTrue(log.contains("Origin not allowed by conf/jolokia-access.xml <cors> [http://evil.example\\u0085FORGED line]"), log);
        assertTrue(log.contains("(Host [rebind.attacker.example\\u001b[2J:" + port + "]): 403"), log);
        assertTrue(log.contains("Jolokia login refused for user [admin\\nFORGED]"), log);
        assertFalse(log.contains("\u0085") || log.contains("\u001b") || log.contains("\nFORGED"), log);
    }

    private String awaitLog(String marker) throws Exception {
        Path log = base.resolve("logs/supervisor.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ChildService.DEADLINE_SECONDS);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (text.contains(marker)) {
                return text;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no [" + marker + "] in " + log + ": " + text);
    }

    private void assertNoOutOfMemory() throws IOException {
        StringBuilder all = new StringBuilder(child.output());
        try (Stream<Path> logs = Files.list(base.resolve("logs"))) {
            for (Path log : logs.toList()) {
                all.append(Files.readString(log, StandardCharsets.UTF_8));
            }
        }
        assertFalse(all.toString().contains("OutOfMemoryError"), all.toString());
    }

    private static boolean isOpen(Socket socket) throws IOException {
        socket.setSoTimeout(50);
        try {
            return socket.getInputStream().read() >= 0;
        } catch (SocketTimeoutException stillWaiting) {
            return true;
        } catch (IOException reset) {
            return false;
        }
    }

    private RawHttp.Answer version() throws IOException {
        return post("monitor", VERSION);
    }

    private RawHttp.Answer post(String user, String json) throws IOException {
        return RawHttp.send(port, "POST /jolokia/ HTTP/1.0", json, "Host: 127.0.0.1:" + port, auth(user),
                "Content-Type: application/json");
    }

    private String auth(String user) {
        return "Authorization: " + RawHttp.basic(user, accounts.password(user).orElseThrow());
    }

    private static List<String> shippedOptions() throws IOException {
        return Files.readAllLines(Path.of("bin", "supervisor.options")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
}
