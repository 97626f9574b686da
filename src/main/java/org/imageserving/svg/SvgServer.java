package org.imageserving.svg;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.imageserving.stock.ImageServerRegistry;
import org.imageserving.stock.LoopbackHttpServer;
import org.imageserving.stock.ServerArguments;
import org.imageserving.stock.SourceRoots;
import org.imageserving.install.Homes;
import org.imageserving.stock.StockServer;
import org.imageserving.stock.SvgElementCount;
import org.imageserving.stock.SvgSize;

/**
 * The SVG server: rasterises SVG documents for the Image Server, on 127.0.0.1 only.
 * <ul>
 *   <li>{@code POST /render?width=W&height=H&path=P} with the SVG as the body → W×H premultiplied ARGB
 *       pixels, 4 bytes each, big-endian; P (relative to the image roots) locates relative references.</li>
 *   <li>{@code GET /health} → 200 once Batik has rendered its warm-up drawing, 503 once stopping.</li>
 * </ul>
 * Limits (conf/ImageServerRegistry.xml): SVGFileSizeLimit (kB) and SvgMaxRenderRgnPixels (MP) answer 413;
 * a document that expands to more than {@value SvgElementCount#MAX_ELEMENTS} elements ({@code <use>} bombs) answers 413;
 * a document that is not acceptable SVG (DTD subsets, not well-formed, reference cycles; scripts fail silently) answers 422;
 * a rendering that runs past {@value TimedRasterizer#RENDER_SECONDS} s is halted and answers 413.
 */
public final class SvgServer implements StockServer {

    private static final String WARM_UP =
            "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'><circle cx='4' cy='4' r='3' fill='red'/></svg>";

    private final int port;
    private final ImageServerRegistry registry;
    private final SourceRoots roots;
    private final SvgRasterizer rasterizer;
    /** /health fails while a halted render still runs. */
    private final TimedRasterizer renders;
    private volatile boolean ready;
    private volatile boolean stopping;
    private LoopbackHttpServer http;

    SvgServer(Homes home, int port) {
        this.port = port;
        this.registry = ImageServerRegistry.load(home);
        this.roots = new SourceRoots(registry.rootPaths());
        this.rasterizer = new SvgRasterizer(registry.rootPaths());
        this.renders = new TimedRasterizer(rasterizer, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public static SvgServer fromArguments(String[] args) {
        ServerArguments a = ServerArguments.parse("SvgServer", args, Set.of("port"));
        return new SvgServer(Homes.resolve(), a.port("port", 27346));
    }

    @Override
    public void start() throws Exception {
        rasterizer.rasterize(WARM_UP.getBytes(StandardCharsets.UTF_8), roots.roots().get(0).toUri().toString(), 8, 8);
        http = new LoopbackHttpServer("svg", port, renders.concurrentRenders() * 2 + 2);
        http.routeOpen("/health", this::health);
        http.route("/render", this::render);
        http.start();
        ready = true;
    }

    private void health(HttpExchange exchange) throws IOException {
        if (!ready || stopping) {
            LoopbackHttpServer.text(exchange, 503, "stopping");
        } else if (renders.runaway() > 0) {
            LoopbackHttpServer.text(exchange, 503, renders.runaway() + " rendering(s) still running after being halted");
        } else {
            LoopbackHttpServer.text(exchange, 200, "OK");
        }
    }

    @Override
    public void stop(Duration grace) {
        stopping = true;
        if (http != null) {
            http.stop(grace);
        }
    }

    @Override
    public String describe() {
        return "SVG server on 127.0.0.1:" + (http == null ? port : http.port()) + ", SVGFileSizeLimit " + registry.svgFileSizeLimitKb()
                + " kB, SvgMaxRenderRgnPixels " + registry.svgMaxRenderPixels();
    }

    private void render(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            LoopbackHttpServer.text(exchange, 405, "POST the SVG document");
            return;
        }
        Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
        int width = dimension(q.get("width"));
        int height = dimension(q.get("height"));
        String path = q.getOrDefault("path", "document.svg");
        if (width <= 0 || height <= 0 || !SourceRoots.isSafe(path)) {
            LoopbackHttpServer.text(exchange, 400, "width, height (1..65000) and a relative path are required");
            return;
        }
        if ((long) width * height > registry.svgMaxRenderPixels()) {
            LoopbackHttpServer.text(exchange, 413, "rasterisation of " + width + "x" + height + " exceeds SvgMaxRenderRgnPixels ("
                    + registry.svgMaxRenderPixels() + " pixels)");
            return;
        }
        long limit = registry.svgFileSizeLimitKb() * 1024L;
        byte[] svg = readBody(exchange.getRequestBody(), limit);
        if (svg == null) {
            LoopbackHttpServer.text(exchange, 413, "SVG larger than SVGFileSizeLimit (" + registry.svgFileSizeLimitKb() + " kB)");
            return;
        }
        try {
            SvgSize.of(svg);
            SvgElementCount.check(svg);
        } catch (SvgElementCount.TooLarge e) {
            LoopbackHttpServer.text(exchange, 413, e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            LoopbackHttpServer.text(exchange, 422, e.getMessage());
            return;
        }
        Path base = roots.roots().get(0).resolve(path.startsWith("/") ? path.substring(1) : path);
        TimedRasterizer.Outcome outcome = renders.render(svg, base.toUri().toString(), width, height);
        if (outcome.image() == null) {
            LoopbackHttpServer.text(exchange, outcome.status(), outcome.reason());
            return;
        }
        ByteBuffer pixels = ByteBuffer.allocate(width * height * 4);
        pixels.asIntBuffer().put(((java.awt.image.DataBufferInt) outcome.image().getRaster().getDataBuffer()).getData());
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("X-Image-Width", Integer.toString(width));
        exchange.getResponseHeaders().set("X-Image-Height", Integer.toString(height));
        LoopbackHttpServer.send(exchange, 200, pixels.array());
    }

    /** The body, or null when it exceeds {@code limit} bytes. */
    private static byte[] readBody(InputStream in, long limit) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return bytes.length > limit ? null : bytes;
    }

    private static int dimension(String value) {
        try {
            int v = Integer.parseInt(value);
            return v >= 1 && v <= 65_000 ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }
}
