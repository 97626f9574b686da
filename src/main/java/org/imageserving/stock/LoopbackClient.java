package org.imageserving.stock;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How one stock server calls another on 127.0.0.1: HTTP/1.1 through the JDK's {@link HttpURLConnection}, which
 * keeps connections alive between calls and blocks only the calling thread. Not {@code java.net.http.HttpClient}:
 * in JDK 17 it cannot be closed, and its selector thread waits in native code until the JVM exits, where
 * HotSpot gives such threads up to 300 ms — added to every stop of the server that holds one.
 */
public final class LoopbackClient {

    /** A reply of any status, its body read in full (so that its connection can serve the next call). */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        /** The header's (first) value; names match whatever their case. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    private final String base;
    private final Duration connectTimeout;
    private final RenderKey key;

    /** A client that presents this instance's {@link RenderKey}, as the render servers require. */
    public LoopbackClient(int port, Duration connectTimeout) {
        this(port, connectTimeout, RenderKey.shared());
    }

    public LoopbackClient(int port, Duration connectTimeout, RenderKey key) {
        this.base = "http://127.0.0.1:" + port;
        this.connectTimeout = connectTimeout;
        this.key = key;
    }

    /**
     * @param timeout how long to wait for the reply (a {@link java.net.SocketTimeoutException} then), as for the
     *                connection ({@code connectTimeout})
     */
    public Reply get(String pathAndQuery, Duration timeout) throws IOException {
        return exchange(open(pathAndQuery, timeout));
    }

    public Reply post(String pathAndQuery, String contentType, byte[] body, Duration timeout) throws IOException {
        HttpURLConnection connection = open(pathAndQuery, timeout);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", contentType);
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        return exchange(connection);
    }

    private HttpURLConnection open(String pathAndQuery, Duration timeout) throws IOException {
        // loopback never goes through a proxy, whatever the JVM's proxy settings
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + pathAndQuery).toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(millis(connectTimeout));
        connection.setReadTimeout(millis(timeout));
        connection.setUseCaches(false);
        connection.setInstanceFollowRedirects(false);
        connection.setRequestProperty(RenderKey.HEADER, key.value());
        return connection;
    }

    private static Reply exchange(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (stream == null) {
            return new Reply(status, headers(connection), new byte[0]);
        }
        try (InputStream in = stream) {
            return new Reply(status, headers(connection), in.readAllBytes());
        }
    }

    private static Map<String, String> headers(HttpURLConnection connection) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null && !values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return headers;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
