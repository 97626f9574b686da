package org.imageserving.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real TCP server on 127.0.0.1 that answers every connection with what its handler does: a well-behaved Jolokia,
 * or one that sends garbage, too much, drips, or says nothing. Closing it closes every connection it holds.
 */
final class TinyServer implements AutoCloseable {
    interface Handler {
        void handle(Socket connection) throws Exception;
    }

    private final ServerSocket listener;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    TinyServer(Handler handler) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket connection = listener.accept();
                    connections.add(connection);
                    Thread serve = new Thread(() -> {
                        try (connection) {
                            handler.handle(connection);
                        } catch (Exception | AssertionError ignored) {
                            // the client went away, or the test is over
                        }
                    }, "tiny-server-connection");
                    serve.setDaemon(true);
                    serve.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "tiny-server");
        accept.setDaemon(true);
        accept.start();
    }

    String jolokiaUrl() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/jolokia/";
    }

    /** Reads the request head and body (HTTP/1.0 with a Content-Length), then writes {@code answer} and closes. */
    static Handler answering(String answer) {
        return connection -> {
            readRequest(connection);
            OutputStream out = connection.getOutputStream();
            out.write(answer.getBytes(StandardCharsets.UTF_8));
            out.flush();
        };
    }

    static Handler json(String body) {
        return answering("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + body);
    }

    static void readRequest(Socket connection) throws IOException {
        var in = connection.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        String text = head.toString().toLowerCase(java.util.Locale.ROOT);
        int at = text.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).strip());
            in.readNBytes(length);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
