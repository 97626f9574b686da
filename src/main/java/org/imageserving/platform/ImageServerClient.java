package org.imageserving.platform;

import java.io.IOException;
import java.io.StringReader;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.imageserving.platform.request.ImageServingException;
import org.imageserving.platform.request.ImageServingException.Kind;
import org.imageserving.http.LoopbackHttpClient;
import org.imageserving.stock.RenderKey;
import org.imageserving.stock.RenderRequest;

/**
 * The Platform Server's side of the Image Server protocol (see {@link RenderRequest}): HTTP/1.1 on
 * 127.0.0.1 with pooled keep-alive connections. A refused or broken connection — the Image Server is
 * down or restarting — becomes {@link Kind#UNAVAILABLE} (503 with Retry-After); the Image Server's own
 * error statuses map onto the other kinds with its one-line reason as the detail.
 *
 * <p>Every call has short deadlines (connecting, then each wait for reply bytes) and goes through a
 * {@link Bulkhead}: one lane for SVG sources (which the Image Server hands on to the SVG server) and one for the
 * rest, so that a hung SVG server fills only its own lane and a hung Image Server holds at most both lanes' worth
 * of request threads. A call that finds its lane full is answered 503 at once.
 */
final class ImageServerClient {

    /** A successful reply. */
    record Reply(byte[] body, String contentType, int width, int height) {}

    private final LoopbackHttpClient http;
    private final int port;
    private final Duration timeout;
    private final Bulkhead rasterLane;
    private final Bulkhead svgLane;
    private final RenderHold hold;

    /**
     * @param connectTimeout how long connecting may take
     * @param timeout        how long each wait for the reply may take
     * @param hold           how long a request waits for an Image Server that is restarting (see {@link RenderHold})
     */
    ImageServerClient(int port, Duration connectTimeout, Duration timeout, int maxRenders, int maxSvgRenders, Duration hold) {
        this.port = port;
        this.timeout = timeout;
        this.http = new LoopbackHttpClient("127.0.0.1", port, connectTimeout, RenderKey.shared().header(), LoopbackHttpClient.UNBOUNDED);
        this.rasterLane = new Bulkhead("renders", maxRenders);
        this.svgLane = new Bulkhead("SVG renders", maxSvgRenders);
        this.hold = new RenderHold(hold);
    }

    /** The lane of calls about this source. */
    Bulkhead lane(String source) {
        return source.toLowerCase(java.util.Locale.ROOT).endsWith(".svg") ? svgLane : rasterLane;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    Reply render(RenderRequest request) throws ImageServingException {
        return held(lane(request.source()), "/render?" + request.toQuery());
    }

    Reply props(RenderRequest request) throws ImageServingException {
        return held(lane(request.source()), "/props?" + request.toQuery());
    }

    /** The source's properties (req=imageprops). */
    Map<String, String> info(String source) throws ImageServingException {
        Reply reply = held(lane(source), "/info?src=" + URLEncoder.encode(source, StandardCharsets.UTF_8));
        return properties(new String(reply.body(), StandardCharsets.UTF_8));
    }

    /** The Image Server's status properties, or null while it cannot be reached (or the raster lane is full). */
    Map<String, String> status() {
        try (Bulkhead.Place place = rasterLane.enter()) {
            LoopbackHttpClient.Reply response = get("/status");
            return response.status() == 200 ? properties(new String(response.body(), StandardCharsets.UTF_8)) : null;
        } catch (ImageServingException e) {
            return null;
        }
    }

    /**
     * The one place requests are held while the Image Server restarts. A full lane is refused at once, never held
     * (that is load, not a restart); a held request keeps its place in the lane, so holding stays bounded too.
     */
    private Reply held(Bulkhead lane, String pathAndQuery) throws ImageServingException {
        try (Bulkhead.Place place = lane.enter()) {
            return hold.call(() -> reply(get(pathAndQuery)));
        }
    }

    private LoopbackHttpClient.Reply get(String pathAndQuery) throws ImageServingException {
        IOException failure = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return http.get(pathAndQuery, timeout);
            } catch (SocketTimeoutException e) {
                // NO_REPLY, not UNAVAILABLE: a server that accepts and then says nothing is hung, not restarting,
                // and holding would only keep the client waiting past the deadline
                throw new ImageServingException(Kind.NO_REPLY, "no reply from the Image Server within " + timeout.toMillis() + " ms");
            } catch (IOException e) {
                failure = e; // a pooled connection may have died with a restarted Image Server: try a fresh one once
            }
        }
        throw new ImageServingException(Kind.UNAVAILABLE, "Image Server at " + address() + " unreachable (" + failure.getClass().getSimpleName() + ")");
    }

    private static Reply reply(LoopbackHttpClient.Reply response) throws ImageServingException {
        int status = response.status();
        if (status == 200) {
            return new Reply(response.body(), response.header("Content-Type").orElse("application/octet-stream"),
                    header(response, "X-Image-Width"), header(response, "X-Image-Height"));
        }
        String reason = new String(response.body(), StandardCharsets.UTF_8).trim();
        Kind kind = switch (status) {
            case 404 -> Kind.NOT_FOUND;
            case 400, 415, 422 -> Kind.BAD_REQUEST;
            case 413 -> Kind.TOO_LARGE;
            case 503 -> Kind.UNAVAILABLE;
            default -> Kind.INTERNAL;
        };
        throw new ImageServingException(kind, reason);
    }

    private static int header(LoopbackHttpClient.Reply response, String name) {
        try {
            return Integer.parseInt(response.header(name).orElse("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static Map<String, String> properties(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        text.lines().map(String::strip).filter(l -> !l.startsWith("#") && l.contains("="))
                .map(l -> l.substring(0, l.indexOf('=')).strip())
                .forEach(k -> result.put(k, p.getProperty(k, "")));
        return result;
    }
}
