package org.imageserving.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Passes when GET url answers 2xx. Plain http is spoken over a bare socket (one request, Connection: close,
 * only the status line read): no client threads, no connection pool, little memory in the supervisor.
 * https goes through {@link HttpURLConnection}.
 */
final class HttpProbe implements Probe {
    private final URI url;

    HttpProbe(URI url) {
        this.url = url;
    }

    @Override
    public boolean check(Duration timeout) {
        try {
            int status = "https".equalsIgnoreCase(url.getScheme()) ? viaUrlConnection(timeout) : viaSocket(timeout);
            return status >= 200 && status < 300;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "answered GET " + url;
    }

    private int viaSocket(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), Probes.millis(timeout));
            socket.setSoTimeout(Probes.millis(Duration.ofNanos(deadline - System.nanoTime())));
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port
                    + "\r\nUser-Agent: imageserving-supervisor\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return statusCode(readLine(socket.getInputStream()));
        }
    }

    private int viaUrlConnection(Duration timeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        try {
            connection.setConnectTimeout(Probes.millis(timeout));
            connection.setReadTimeout(Probes.millis(timeout));
            connection.setUseCaches(false);
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n' && line.length() < 200; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().trim();
    }

    /** "HTTP/1.1 204 No Content" → 204; anything else → -1. */
    static int statusCode(String statusLine) {
        String[] words = statusLine.split(" ");
        if (words.length < 2 || !words[0].startsWith("HTTP/")) {
            return -1;
        }
        try {
            return Integer.parseInt(words[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
