package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.imageserving.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.imageserving.exit.ExitCode;

/** The status read through Jolokia: JSON, the HTTP/1.0 exchange, and Jolokia's answers as a status snapshot. */
class JolokiaStatusTest {
    private static final String ANSWER = "[{\"request\":{\"mbean\":\"ImageServing:type=Supervisor\",\"type\":\"read\"},"
            + "\"value\":{\"Uptime\":2573,\"Version\":\"1.0\",\"Pid\":25187,\"HeapUsed\":17682160,\"ServerNames\":[\"is\",\"svg\",\"ps\"]},"
            + "\"status\":200,\"timestamp\":1795459299},"
            + "{\"request\":{\"mbean\":\"ImageServing:name=*,type=Server\",\"type\":\"read\"},\"value\":{"
            + "\"ImageServing:type=Server,name=ps\":{\"State\":\"FATAL\",\"Pid\":-1,\"LastError\":\"exited \\\"1\\\"\"},"
            + "\"ImageServing:name=svg,type=Server\":{\"State\":\"RUNNING\",\"Pid\":12},"
            + "\"ImageServing:type=Server,name=is\":{\"State\":\"RUNNING\",\"Pid\":11}},\"status\":200}]";

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void miniJsonReadsWhatJolokiaWrites() {
        Object parsed = MiniJson.parse(" {\"a\": [1, -2, 3.5e1, true, false, null, \"x\\u00e9\\n\\\"\"], \"b\": {}, \"c\": []} ");
        assertEquals(Map.of("a", java.util.Arrays.asList(1L, -2L, 35.0, true, false, null, "xé\n\""), "b", Map.of(), "c", List.of()),
                parsed);
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{\"a\":}"));
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("[1,2"));
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{} x"));
    }

    @Test
    void answersBecomeASnapshotInStartOrder() throws IOException {
        StatusQuery.Snapshot snapshot = JolokiaStatus.snapshot((List<?>) MiniJson.parse(ANSWER), null, Messages.forLocale(Locale.ROOT));
        assertEquals(List.of("is", "svg", "ps"), List.copyOf(snapshot.servers().keySet()), "ServerNames order, whatever the key order");
        assertArrayEquals(new String[] {"is", "svg", "ps"}, (String[]) snapshot.supervisor().get("ServerNames"));
        assertEquals(25187L, snapshot.supervisor().get("Pid"));
        assertEquals("exited \"1\"", snapshot.servers().get("ps").get("LastError"));
        assertEquals(false, snapshot.allRunning());
        StatusQuery.Snapshot one = JolokiaStatus.snapshot((List<?>) MiniJson.parse(ANSWER), "svg", Messages.forLocale(Locale.ROOT));
        assertEquals(List.of("svg"), List.copyOf(one.servers().keySet()));
        assertEquals(true, one.allRunning());
        CliException unknown = assertThrows(CliException.class,
                () -> JolokiaStatus.snapshot((List<?>) MiniJson.parse(ANSWER), "web", Messages.forLocale(Locale.ROOT)));
        assertEquals(ExitCode.USAGE, unknown.exitCode());
    }

    @Test
    void aDeniedReadIsAnIoFailureSoThatJmxDecides() {
        String denied = "[{\"status\":403,\"error\":\"Reading attribute State forbidden\"},{\"status\":200,\"value\":{}}]";
        IOException failure = assertThrows(IOException.class,
                () -> JolokiaStatus.snapshot((List<?>) MiniJson.parse(denied), null, Messages.forLocale(Locale.ROOT)));
        assertTrue(failure.getMessage().contains("403"), failure.getMessage());
    }

    @Test
    void nameIsReadFromEitherKeyOrder() {
        assertEquals("svg", JolokiaStatus.nameProperty("ImageServing:type=Server,name=svg"));
        assertEquals("my-server", JolokiaStatus.nameProperty("ImageServing:name=my-server,type=Server"));
        assertEquals("ps", JolokiaStatus.nameProperty("ImageServing:type=Server,hostname=x,name=ps"));
    }

    @Test
    void postsWithBasicAuthAndReadsTheAnswerOfARealHttpServer() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        server.createContext("/jolokia/", exchange -> {
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, 0); // unknown length: chunked for HTTP/1.1, close-delimited for 1.0
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jolokia/";
        StatusQuery.Snapshot snapshot = JolokiaStatus.read(url, "admin", "s3cret", null, Messages.forLocale(Locale.ROOT));
        assertEquals(3, snapshot.servers().size());
        assertTrue(seen.get().startsWith("POST Basic YWRtaW46czNjcmV0 [{\"type\":\"read\""), seen.get());
    }

    @Test
    void unauthorizedIsRefusedAndNothingListeningIsAConnectFailure() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        assertThrows(JolokiaStatus.Refused.class,
                () -> JolokiaStatus.read("http://127.0.0.1:" + port + "/jolokia/", "a", "b", null, Messages.forLocale(Locale.ROOT)));
        IOException refused = assertThrows(IOException.class, () -> JolokiaStatus.post(
                URI.create("http://127.0.0.1:" + Ports.free() + "/jolokia/"), "x", new byte[0]));
        assertTrue(Connections.refusedConnection(refused), refused.toString());
    }

    @Test
    void onlyHttpUrlsAreAsked() {
        assertThrows(IOException.class, () -> JolokiaStatus.post(URI.create("https://127.0.0.1:1/jolokia/"), "x", new byte[0]));
    }
}
