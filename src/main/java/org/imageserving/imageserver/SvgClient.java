package org.imageserving.imageserver;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.imageserving.imageserver.RenderException.Kind;

/**
 * The Image Server's side of the SVG server protocol: {@code POST /render?width=W&height=H&path=P} with the
 * SVG document as the body; the reply is W×H premultiplied ARGB pixels, 4 bytes each, big-endian, row by
 * row (no encode/decode round trip on loopback). Errors come back as a status and a one-line text body.
 */
final class SvgClient {

    private final HttpClient http;
    private final int port;

    SvgClient(int port) {
        this.port = port;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    int port() {
        return port;
    }

    BufferedImage rasterize(byte[] svg, String path, int width, int height) throws RenderException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/render?width=" + width + "&height=" + height
                + "&path=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "image/svg+xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(svg))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RenderException(Kind.BUSY, "SVG server unavailable on port " + port + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException(Kind.BUSY, "interrupted while waiting for the SVG server");
        }
        byte[] body = response.body();
        if (response.statusCode() != 200) {
            String reason = new String(body, StandardCharsets.UTF_8).trim();
            Kind kind = switch (response.statusCode()) {
                case 413 -> Kind.TOO_LARGE;
                case 400, 415, 422 -> Kind.UNDECODABLE;
                default -> Kind.BUSY;
            };
            throw new RenderException(kind, path + ": " + (reason.isEmpty() ? "SVG server status " + response.statusCode() : reason));
        }
        if (body.length != (long) width * height * 4) {
            throw new RenderException(Kind.BUSY, "SVG server sent " + body.length + " bytes for " + width + "x" + height);
        }
        BufferedImage image = Pixels.create(width, height, true);
        ByteBuffer.wrap(body).asIntBuffer().get(Pixels.data(image));
        return image;
    }

    /** True when the SVG server answers its health check. */
    boolean healthy() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
