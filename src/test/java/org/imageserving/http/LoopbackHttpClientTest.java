package org.imageserving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one loopback client against a real socket server that answers each request with a scripted reply: the
 * three ways a body ends, connections kept and given up, and hostile answers (not HTTP, too long, too slow).
 */
class LoopbackHttpClientTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bodiesEndByLengthByChunksOrByTheEndOfTheConnection() throws IOException {
        server = new ScriptedServer(request -> request.startsWith("GET /length")
                ? "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Kind: Length\r\n\r\nhello"
                : request.startsWith("GET /chunks")
                ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n[1,\r\n2;ext=1\r\n2]\r\n0\r\n\r\n"
                : "HTTP/1.0 404 Not Found\r\n\r\ngone for good", true);
        try (LoopbackHttpClient client = client(1024)) {
            LoopbackHttpClient.Reply length = client.get("/length", PATIENCE);
            assertEquals(200, length.status());
            assertEquals("hello", length.text());
            assertEquals("Length", length.header("x-kind").orElseThrow(), "header names match whatever their case");
            assertEquals("[1,2]", client.get("/chunks", PATIENCE).text());
            LoopbackHttpClient.Reply closed = client.get("/other", PATIENCE);
            assertEquals(404, closed.status());
            assertEquals("gone for good", closed.text());
            assertEquals(1, server.connections.get(), "one kept connection served all three");
            assertEquals("hello", client.get("/length", PATIENCE).text());
        }
        assertEquals(2, server.connections.get(), "the close-delimited reply ended the first connection");
        assertTrue(server.requests.get(0).contains("\r\nX-Test: yes\r\n"), "the client's headers go with every request");
    }

    @Test
    void aPostCarriesItsBodyAndAStaleKeptConnectionIsReplacedOnce() throws IOException {
        server = new ScriptedServer(request -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false);
        try (LoopbackHttpClient client = client(1024)) {
            assertEquals("ok", client.post("/render", "text/plain", "abc".getBytes(StandardCharsets.UTF_8), PATIENCE).text());
            assertTrue(server.requests.get(0).endsWith("Content-Length: 3\r\n\r\nabc"), server.requests.get(0));
            // the server closed the kept connection after its reply (as an idle timeout would): one retry, fresh
            assertEquals("ok", client.get("/again", PATIENCE).text());
        }
        assertEquals(2, server.connections.get());
    }

    @Test
    void hostileAnswersAreBounded() throws IOException {
        String huge = "x".repeat(5000);
        server = new ScriptedServer(request -> request.startsWith("GET /ssh") ? "SSH-2.0-OpenSSH_9.2\r\n"
                : request.startsWith("GET /big") ? "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + huge
                : request.startsWith("GET /endless") ? "HTTP/1.1 200 OK\r\n\r\n" + huge
                : request.startsWith("GET /head") ? "HTTP/1.1 200 OK\r\nX-Long: " + "y".repeat(70 * 1024) + "\r\n\r\n"
                : null, true);
        try (LoopbackHttpClient client = client(1024)) {
            assertThrows(IOException.class, () -> client.get("/ssh", PATIENCE), "not an HTTP answer");
            assertThrows(IOException.class, () -> client.get("/big", PATIENCE), "longer than the bound");
            assertThrows(IOException.class, () -> client.get("/endless", PATIENCE), "close-delimited, still bounded");
            assertThrows(IOException.class, () -> client.get("/head", PATIENCE), "a head over 64 KiB");
            assertThrows(SocketTimeoutException.class, () -> client.get("/silent", Duration.ofMillis(300)),
                    "a server that never answers costs the read timeout");
        }
    }

    private LoopbackHttpClient client(int maxBody) {
        return new LoopbackHttpClient("127.0.0.1", server.port(), PATIENCE, Map.of("X-Test", "yes"), maxBody);
    }

    /** Answers every request with {@code script(request)} (null: never answers); keeps or closes connections. */
    private static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger connections = new AtomicInteger();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<Socket> open = new CopyOnWriteArrayList<>();
        private final Function<String, String> script;
        private final boolean keepAlive;

        ScriptedServer(Function<String, String> script, boolean keepAlive) throws IOException {
            this.script = script;
            this.keepAlive = keepAlive;
            Thread acceptor = new Thread(this::accept, "scripted-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    open.add(connection);
                    Thread serve = new Thread(() -> serve(connection), "scripted-connection");
                    serve.setDaemon(true);
                    serve.start();
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                InputStream in = connection.getInputStream();
                while (true) {
                    String request = readRequest(in);
                    if (request == null) {
                        return;
                    }
                    requests.add(request);
                    String reply = script.apply(request);
                    if (reply == null) {
                        Thread.sleep(60_000);
                        return;
                    }
                    connection.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
                    connection.getOutputStream().flush();
                    if (!keepAlive || !reply.startsWith("HTTP/1.1") || !reply.contains("\r\n\r\n")
                            || reply.contains("\r\n\r\n" + "x")) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException gone) {
                // the client went away
            }
        }

        /** The head and, by its Content-Length, the body of one request; null at the end of the connection. */
        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                bytes.write(b);
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r\n\r\n")) {
                    int at = text.indexOf("Content-Length: ");
                    if (at >= 0) {
                        int length = Integer.parseInt(text.substring(at + 16, text.indexOf("\r\n", at)));
                        bytes.write(in.readNBytes(length));
                    }
                    return bytes.toString(StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : open) {
                connection.close();
            }
        }
    }
}
