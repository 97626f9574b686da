package org.imageserving.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** A web client of the Platform Server's public HTTP port, over real sockets. */
final class PsClient {
    /** One reply: status, the headers a test looks at, the body. */
    record Reply(int status, Optional<String> contentType, Optional<String> etag, Optional<String> retryAfter,
            byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String text = contentType.orElse("").startsWith("text/") ? " " + text().strip() : "";
            return status + text;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    PsClient(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    Reply get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(TIMEOUT).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type"),
                response.headers().firstValue("ETag"), response.headers().firstValue("Retry-After"), response.body());
    }

    /** The request target sent byte for byte, for URLs that java.net.URI would refuse or normalise. */
    Reply raw(String requestTarget) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(("GET " + requestTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!reply.startsWith("HTTP/1.1 ")) {
                throw new IOException(requestTarget + ": not an HTTP reply: [" + reply + "]");
            }
            int status = Integer.parseInt(reply.substring(9, 12));
            int bodyAt = reply.indexOf("\r\n\r\n");
            String head = bodyAt < 0 ? reply : reply.substring(0, bodyAt);
            byte[] body = bodyAt < 0 ? new byte[0] : reply.substring(bodyAt + 4).getBytes(StandardCharsets.ISO_8859_1);
            return new Reply(status, header(head, "Content-Type"), header(head, "ETag"), header(head, "Retry-After"), body);
        }
    }

    private static Optional<String> header(String head, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(line -> line.substring(prefix.length()).strip()).findFirst();
    }
}
