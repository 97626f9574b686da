package org.imageserving.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.0 POST over a plain socket, the answer read to the end of the connection: all the status path needs
 * from the supervisor's Jolokia bridge. HttpURLConnection would do the same with ~10 ms more start-up (proxy
 * selection, net.properties, keep-alive caches) on every `status`. HTTP/1.0 keeps the answer simple: the server
 * closes the connection after it, without chunked encoding. http:// only.
 */
final class LoopbackHttp {
    private LoopbackHttp() {}

    record Response(int status, String body) {}

    static Response post(URI url, String authorization, byte[] json, int connectTimeoutMillis, int readTimeoutMillis)
            throws IOException {
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IOException("not an http:// URL: ".concat(url.toString()));
        }
        int port = url.getPort() < 0 ? 80 : url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String head = new StringBuilder(256)
                .append("POST ").append(path).append(" HTTP/1.0\r\n")
                .append("Host: ").append(url.getHost()).append(':').append(port).append("\r\n")
                .append("Authorization: ").append(authorization).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(json.length).append("\r\n\r\n")
                .toString();
        byte[] answer;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(json);
            out.flush();
            answer = socket.getInputStream().readAllBytes();
        }
        return parse(answer);
    }

    /** Status line, headers, a blank line, the body (to the end: HTTP/1.0 without chunked encoding). */
    static Response parse(byte[] answer) throws IOException {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        int firstSpace = text.indexOf(' ');
        if (!text.startsWith("HTTP/") || headEnd < 0 || firstSpace < 0 || firstSpace + 4 > text.length()) {
            throw new IOException("not an HTTP answer");
        }
        int status;
        try {
            status = Integer.parseInt(text.substring(firstSpace + 1, firstSpace + 4));
        } catch (NumberFormatException noStatus) {
            throw new IOException("not an HTTP status line", noStatus);
        }
        String headers = text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
        if (headers.contains("\r\ntransfer-encoding:") && headers.contains("chunked")) {
            throw new IOException("chunked answer to an HTTP/1.0 request");
        }
        int bodyStart = headEnd + 4;
        return new Response(status, new String(answer, bodyStart, answer.length - bodyStart, StandardCharsets.UTF_8));
    }
}
