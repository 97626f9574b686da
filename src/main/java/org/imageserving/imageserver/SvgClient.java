package org.imageserving.imageserver;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.imageserving.imageserver.RenderException.Kind;
import org.imageserving.http.LoopbackHttpClient;
import org.imageserving.stock.RenderKey;

/**
 * The Image Server's side of the SVG server protocol: {@code POST /render?width=W&height=H&path=P} with the
 * SVG document as the body; the reply is W×H premultiplied ARGB pixels, 4 bytes each, big-endian, row by
 * row (no encode/decode round trip on loopback). Errors come back as a status and a one-line text body.
 */
final class SvgClient {

    private final LoopbackHttpClient http;
    private final int port;

    SvgClient(int port) {
        this.port = port;
        this.http = new LoopbackHttpClient("127.0.0.1", port, Duration.ofSeconds(2), RenderKey.shared().header(), LoopbackHttpClient.UNBOUNDED);
    }

    int port() {
        return port;
    }

    BufferedImage rasterize(byte[] svg, String path, int width, int height) throws RenderException {
        String render = "/render?width=" + width + "&height=" + height + "&path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
        LoopbackHttpClient.Reply response;
        try {
            response = http.post(render, "image/svg+xml", svg, Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new RenderException(Kind.BUSY, "SVG server unavailable on port " + port + " (" + e.getClass().getSimpleName() + ")");
        }
        byte[] body = response.body();
        if (response.status() != 200) {
            String reason = new String(body, StandardCharsets.UTF_8).trim();
            Kind kind = switch (response.status()) {
                case 413 -> Kind.TOO_LARGE;
                case 400, 415, 422 -> Kind.UNDECODABLE;
                default -> Kind.BUSY;
            };
            throw new RenderException(kind, path + ": " + (reason.isEmpty() ? "SVG server status " + response.status() : reason));
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
            return http.get("/health", Duration.ofSeconds(2)).status() / 100 == 2;
        } catch (IOException e) {
            return false;
        }
    }
}
