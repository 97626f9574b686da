package org.imageserving.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpServer;

import org.imageserving.config.ServerSpec.HttpReadiness;
import org.imageserving.config.ServerSpec.TcpReadiness;
import org.imageserving.config.ServerSpec.UptimeReadiness;
import org.imageserving.testing.Ports;
import org.junit.jupiter.api.Test;

/** Probes against real sockets on loopback. */
class ProbeTest {
    static final Duration SHORT = Duration.ofMillis(500);

    @Test
    void tcpPassesWhenSomethingListens() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertTrue(Probe.of(new TcpReadiness("127.0.0.1", server.getLocalPort())).orElseThrow().check(SHORT));
        }
        assertFalse(Probe.of(new TcpReadiness("127.0.0.1", Ports.free())).orElseThrow().check(SHORT));
    }

    @Test
    void httpPassesOn2xxOnly() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        server.createContext("/health", x -> answer(x, 204));
        server.createContext("/sick", x -> answer(x, 503));
        server.createContext("/moved", x -> answer(x, 302));
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertTrue(http("http://127.0.0.1:" + port + "/health").check(SHORT));
            assertTrue(http("http://127.0.0.1:" + port + "/health?deep=1").check(SHORT));
            assertFalse(http("http://127.0.0.1:" + port + "/sick").check(SHORT));
            assertFalse(http("http://127.0.0.1:" + port + "/moved").check(SHORT));
            assertFalse(http("http://127.0.0.1:" + port + "/missing").check(SHORT));
        } finally {
            server.stop(0);
        }
        assertFalse(http("http://127.0.0.1:" + Ports.free() + "/health").check(SHORT));
    }

    @Test
    void aSilentServerFailsWithinTheTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        server.createContext("/health", x -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(x, 200);
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        try {
            long started = System.nanoTime();
            assertFalse(http("http://127.0.0.1:" + server.getAddress().getPort() + "/health").check(Duration.ofMillis(300)));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis >= 250 && tookMillis < 5000, "bounded by the timeout: " + tookMillis + " ms");
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    @Test
    void uptimeIsATimerNotAProbe() {
        assertTrue(Probe.of(new UptimeReadiness(Duration.ofSeconds(1))).isEmpty());
    }

    @Test
    void statusLines() {
        assertEquals(200, HttpProbe.statusCode("HTTP/1.1 200 OK"));
        assertEquals(204, HttpProbe.statusCode("HTTP/1.0 204"));
        assertEquals(-1, HttpProbe.statusCode("SSH-2.0-OpenSSH"));
        assertEquals(-1, HttpProbe.statusCode(""));
    }

    static Probe http(String url) {
        return Probe.of(new HttpReadiness(URI.create(url))).orElseThrow();
    }

    static void answer(com.sun.net.httpserver.HttpExchange x, int status) throws IOException {
        x.sendResponseHeaders(status, status == 204 ? -1 : 0);
        try (OutputStream out = x.getResponseBody()) {
            out.flush();
        }
    }
}
