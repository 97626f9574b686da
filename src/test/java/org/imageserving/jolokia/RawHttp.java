package org.imageserving.jolokia;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP as a hostile client writes it: the exact bytes, over a plain socket (HTTP/1.0, so the server closes the
 * connection after its answer). An answer is its status, its raw head and its body; a dropped connection is
 * status -1, never an exception, so that tests can assert it did not happen.
 */
public final class RawHttp {
    private static final int TIMEOUT_MILLIS = 60_000;

    public record Answer(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return head + "\r\n\r\n" + body;
        }
    }

    private RawHttp() {}

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A request head (lines without CRLF) and a body, Content-Length added when a body is given. */
    public static Answer send(int port, String requestLine, String body, String... headers) throws IOException {
        StringBuilder request = new StringBuilder(requestLine).append("\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        request.append("\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        all.write(bytes);
        return exchange(port, all.toByteArray());
    }

    public static Answer exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException refusedEarly) {
                // the server may answer and close before it has read everything (413); read what it said
            }
            byte[] answer;
            try (InputStream in = socket.getInputStream()) {
                answer = in.readAllBytes();
            } catch (IOException reset) {
                return new Answer(-1, "", reset.toString());
            }
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.") || end < 0) {
                return new Answer(-1, text, "");
            }
            String head = text.substring(0, end);
            int status = Integer.parseInt(head.substring(9, 12));
            return new Answer(status, head, text.substring(end + 4));
        }
    }
}
