package org.imageserving.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.imageserving.http.LoopbackHttpClient;
import org.imageserving.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render servers' HTTP endpoint against hostile clients: real sockets on loopback. */
class LoopbackHttpServerTest {

    private static final LoopbackHttpServer.Timeouts SHORT = new LoopbackHttpServer.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(2));

    @TempDir
    Path run;

    private RenderKey key;
    private LoopbackHttpServer http;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        key = RenderKey.of(run);
        http = new LoopbackHttpServer("test", 0, 16, SHORT, key);
        http.routeOpen("/health", exchange -> LoopbackHttpServer.text(exchange, 200, "OK"));
        http.route("/echo", exchange -> LoopbackHttpServer.text(exchange, 200,
                "got " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        http.route("/oom", exchange -> {
            throw new OutOfMemoryError("Java heap space (thrown by the test)");
        });
        http.route("/deep", exchange -> {
            throw new StackOverflowError();
        });
        http.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        http.stop(Duration.ZERO);
    }

    @Test
    void theKeyFileIsPrivateAndSharedByEveryoneOfTheInstance() throws IOException {
        Path file = run.resolve(RenderKey.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(RenderKey.of(run).accepts(key.value()), "a second reader gets the same key");
        assertFalse(key.accepts(null));
        assertFalse(key.accepts(key.value().substring(1) + "0"));
        assertFalse(key.toString().contains(key.value()), "never printed");
    }

    @Test
    void requestsWithoutTheKeyAreRefusedButHealthIsOpen() throws IOException {
        assertTrue(call("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 403 "));
        assertTrue(call("GET /echo HTTP/1.1\r\nHost: x\r\n" + RenderKey.HEADER + ": " + "0".repeat(64) + "\r\n\r\n").startsWith("HTTP/1.1 403 "));
        assertTrue(call("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 200 "));
        String ok = call("POST /echo HTTP/1.1\r\nHost: x\r\n" + RenderKey.HEADER + ": " + key.value() + "\r\nContent-Length: 5\r\n\r\nhello");
        assertTrue(ok.startsWith("HTTP/1.1 200 ") && ok.endsWith("got hello\n"), ok);
    }

    @Test
    void theLoopbackClientPresentsTheKey() throws IOException {
        LoopbackHttpClient client = new LoopbackHttpClient("127.0.0.1", http.port(), Duration.ofSeconds(2), key.header(),
                LoopbackHttpClient.UNBOUNDED);
        LoopbackHttpClient.Reply reply = client.post("/echo", "text/plain", "abc".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
        assertEquals(200, reply.status());
        assertEquals("got abc\n", new String(reply.body(), StandardCharsets.UTF_8));
        assertEquals(200, client.get("/echo", Duration.ofSeconds(10)).status(), "kept-alive connection, second request");
    }

    @Test
    void twelveHalfOpenConnectionsDoNotStallANormalRequest() throws Exception {
        for (int i = 0; i < 12; i++) {
            Socket s = connect();
            s.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        }
        Await.until("12 slow connections accepted", Duration.ofSeconds(10), () -> http.openConnections() >= 12);
        long started = System.nanoTime();
        String reply = call("GET /echo HTTP/1.1\r\nHost: x\r\n" + RenderKey.HEADER + ": " + key.value() + "\r\n\r\n");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(reply.startsWith("HTTP/1.1 200 "), reply);
        assertTrue(millis < 2000, "answered in " + millis + " ms beside 12 half-open connections");
        // and the slow ones are closed once their head deadline (1 s) has passed
        for (Socket s : sockets) {
            s.setSoTimeout(10_000);
            assertEquals(-1, s.getInputStream().read(), "closed by the server");
        }
        Await.until("their threads free", Duration.ofSeconds(10), () -> http.openConnections() == 0);
    }

    @Test
    void aClientTricklingItsHeadIsCutOffAtTheHeadDeadline() throws Exception {
        Socket s = connect();
        s.setSoTimeout(10_000);
        long started = System.nanoTime();
        boolean closed = false;
        for (int i = 0; i < 40 && !closed; i++) {
            try {
                s.getOutputStream().write('G');
                s.getOutputStream().flush();
                Thread.sleep(100);
            } catch (IOException e) {
                closed = true;
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(closed, "still open after " + millis + " ms of one byte per 100 ms");
        assertTrue(millis < 3500, "cut after " + millis + " ms");
    }

    @Test
    void overTheConnectionLimitTheNextGets503AtOnce() throws Exception {
        for (int i = 0; i < 16; i++) {
            connect().getOutputStream().write('G');
        }
        Await.until("16 connections held", Duration.ofSeconds(10), () -> http.openConnections() == 16);
        try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), http.port())) {
            extra.setSoTimeout(5_000);
            String reply = new String(extra.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("HTTP/1.1 503 "), reply);
        }
    }

    @Test
    void aHandlerThrowingAnErrorGets500AndTheServerGoesOn() throws IOException {
        String k = RenderKey.HEADER + ": " + key.value() + "\r\n";
        assertTrue(call("GET /oom HTTP/1.1\r\nHost: x\r\n" + k + "\r\n").startsWith("HTTP/1.1 500 "));
        assertTrue(call("GET /deep HTTP/1.1\r\nHost: x\r\n" + k + "\r\n").startsWith("HTTP/1.1 500 "));
        for (int i = 0; i < 20; i++) {
            assertTrue(call("GET /echo HTTP/1.1\r\nHost: x\r\n" + k + "\r\n").startsWith("HTTP/1.1 200 "), "request " + i);
        }
    }

    @Test
    void malformedAndOversizedHeadsAre4xx() throws IOException {
        assertTrue(call("GARBAGE\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(call("GET /echo HTTP/1.1\r\nX: " + "a".repeat(20_000) + "\r\n\r\n").startsWith("HTTP/1.1 431 "));
        assertTrue(call("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").startsWith("HTTP/1.1 501 "));
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), http.port());
        sockets.add(s);
        return s;
    }

    /** Sends {@code request} with Connection: close added, returns the whole reply. */
    private String call(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), http.port())) {
            s.setSoTimeout(10_000);
            String withClose = request.replaceFirst("\r\n", "\r\nConnection: close\r\n");
            s.getOutputStream().write(withClose.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
