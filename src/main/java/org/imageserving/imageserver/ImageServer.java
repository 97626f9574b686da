package org.imageserving.imageserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.imageserver.RenderException.Kind;
import org.imageserving.stock.BadValueException;
import org.imageserving.stock.DemoImages;
import org.imageserving.stock.EngineSettings;
import org.imageserving.stock.ImageServerRegistry;
import org.imageserving.stock.LoopbackHttpServer;
import org.imageserving.stock.PropertiesText;
import org.imageserving.stock.RenderRequest;
import org.imageserving.stock.ServerArguments;
import org.imageserving.stock.SourceRoots;
import org.imageserving.install.Homes;
import org.imageserving.stock.StockServer;
import org.imageserving.install.Version;
import org.imageserving.text.LogText;

/**
 * The Image Server: owns pixels. Listens on 127.0.0.1 only and answers the Platform Server:
 * <ul>
 *   <li>{@code GET /render?<RenderRequest>} — the encoded reply image (see {@link RenderRequest})</li>
 *   <li>{@code GET /props?<RenderRequest>} — the reply's size and type, nothing decoded</li>
 *   <li>{@code GET /info?src=path} — the source's own properties (req=imageprops)</li>
 *   <li>{@code GET /status} — properties for the install check ({@code GET /is/image})</li>
 *   <li>{@code GET /health} — 200 while it can render, 503 once stopping</li>
 * </ul>
 * At most WorkerThreads renders run at once; the rest wait (then 503), and a memory budget keeps
 * concurrent large renders from exhausting the heap.
 */
public final class ImageServer implements StockServer {

    private static final Logger LOG = LogManager.getLogger(ImageServer.class);
    private static final long WORKER_WAIT_MILLIS = 30_000;
    /** A render running longer than this is stuck: /health fails so that the supervisor restarts the server. */
    private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final int port;
    private final int svgPort;
    private final ImageServerRegistry registry;
    private final int workers;
    private final Semaphore renders;
    /**
     * SVG sources have a lane of their own: on the Java engine such a render mostly waits on the svg server, and a
     * hung svg must not take the workers that raster renders need (a JPEG render stalled behind it otherwise).
     */
    private final Semaphore svgRenders;
    private final RenderEngine pipeline;
    private final SvgClient svg;
    private final PixelBudget budget;
    private final Map<Long, Long> renderStarts = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong renderIds = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean stopping;
    private LoopbackHttpServer http;

    ImageServer(Homes home, int port, int svgPort) {
        this.port = port;
        this.svgPort = svgPort;
        this.registry = ImageServerRegistry.load(home);
        this.workers = registry.workerThreads() > 0 ? registry.workerThreads() : Runtime.getRuntime().availableProcessors();
        this.renders = new Semaphore(workers, true);
        this.svgRenders = new Semaphore(workers, true);
        this.svg = new SvgClient(svgPort);
        this.budget = new PixelBudget(PixelBudget.HEAP_FRACTION);
        SourceRoots roots = new SourceRoots(registry.rootPaths());
        this.pipeline = RenderEngines.choose(EngineSettings.load(home), roots, registry, new RenderPipeline(roots, registry, svg, budget));
    }

    public static ImageServer fromArguments(String[] args) {
        ServerArguments a = ServerArguments.parse("ImageServer", args, Set.of("port", "svg-port"));
        return new ImageServer(Homes.resolve(), a.port("port", 27345), a.port("svg-port", 27346));
    }

    @Override
    public void start() throws IOException {
        DemoImages.ensure(registry.rootPaths().get(0));
        http = new LoopbackHttpServer("is", port, workers * 2 + 4);
        http.routeOpen("/health", this::health);
        http.route("/render", exchange -> render(exchange, false));
        http.route("/props", exchange -> render(exchange, true));
        http.route("/info", this::info);
        http.route("/status", this::status);
        http.start();
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
        return "Image Server on 127.0.0.1:" + (http == null ? port : http.port()) + ", SVG server expected on 127.0.0.1:"
                + svgPort + ", " + workers + " workers, engine " + pipeline.name() + ", RootPath " + registry.rootPaths()
                + ", MaxNonDsfSize " + SourceLimits.maxSourcePixels(registry.maxSourcePixels(), PixelBudget.HEAP_FRACTION)
                + " pixels as the heap allows";
    }

    /** 200 unless stopping or a render has been stuck for minutes (then a restart is the cure). */
    private void health(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        long oldest = renderStarts.values().stream().mapToLong(start -> now - start).max().orElse(0);
        if (stopping) {
            LoopbackHttpServer.text(exchange, 503, "stopping");
        } else if (oldest > STUCK_NANOS) {
            LoopbackHttpServer.text(exchange, 503, "a render has been running for " + TimeUnit.NANOSECONDS.toSeconds(oldest) + " s");
        } else {
            LoopbackHttpServer.text(exchange, 200, "OK");
        }
    }

    private void render(HttpExchange exchange, boolean propsOnly) throws IOException {
        long started = System.nanoTime();
        String query = exchange.getRequestURI().getRawQuery();
        try {
            if (stopping) {
                throw new RenderException(Kind.BUSY, "Image Server stopping");
            }
            RenderRequest request = RenderRequest.fromQuery(query);
            if (propsOnly) {
                ViewLayout layout = pipeline.layout(request);
                exchange.getResponseHeaders().set("X-Image-Width", Integer.toString(layout.viewW()));
                exchange.getResponseHeaders().set("X-Image-Height", Integer.toString(layout.viewH()));
                LoopbackHttpServer.text(exchange, 200, "image.width=" + layout.viewW() + "\nimage.height=" + layout.viewH()
                        + "\nimage.engine=" + pipeline.name());
                return;
            }
            RenderPipeline.Result result = withWorker(laneOf(request), () -> pipeline.render(request));
            exchange.getResponseHeaders().set("Content-Type", result.mimeType());
            exchange.getResponseHeaders().set("X-Image-Width", Integer.toString(result.width()));
            exchange.getResponseHeaders().set("X-Image-Height", Integer.toString(result.height()));
            LoopbackHttpServer.send(exchange, 200, result.body());
            LOG.debug("render {} ms {}", (System.nanoTime() - started) / 1_000_000, LogText.escape(query));
        } catch (BadValueException e) {
            LoopbackHttpServer.text(exchange, 400, e.getMessage());
        } catch (RenderException e) {
            LOG.debug("render refused ({}): {}", e.kind(), LogText.escape(e.getMessage()));
            LoopbackHttpServer.text(exchange, e.kind().status(), e.getMessage());
        }
    }

    private interface Work<T> {
        T run() throws RenderException;
    }

    private Semaphore laneOf(RenderRequest request) {
        return request.source().toLowerCase(java.util.Locale.ROOT).endsWith(".svg") ? svgRenders : renders;
    }

    private <T> T withWorker(Semaphore lane, Work<T> work) throws RenderException {
        try {
            if (!lane.tryAcquire(WORKER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new RenderException(Kind.BUSY, "Image Server busy: all " + workers + " workers taken"
                        + (lane == svgRenders ? " for SVG sources" : ""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException(Kind.BUSY, "interrupted");
        }
        long id = renderIds.incrementAndGet();
        renderStarts.put(id, System.nanoTime());
        try {
            return work.run();
        } finally {
            renderStarts.remove(id);
            lane.release();
        }
    }

    private void info(HttpExchange exchange) throws IOException {
        try {
            RenderRequest probe = RenderRequest.fromQuery(exchange.getRequestURI().getRawQuery());
            RenderPipeline.SourceInfo info = pipeline.info(probe.source());
            Map<String, String> p = new LinkedHashMap<>();
            p.put("image.width", Integer.toString(info.width()));
            p.put("image.height", Integer.toString(info.height()));
            p.put("image.format", info.format());
            p.put("image.pixTyp", info.pixelType());
            p.put("image.mask", info.alpha() ? "2" : "0");
            LoopbackHttpServer.text(exchange, 200, PropertiesText.body(p));
        } catch (BadValueException e) {
            LoopbackHttpServer.text(exchange, 400, e.getMessage());
        } catch (RenderException e) {
            LoopbackHttpServer.text(exchange, e.kind().status(), e.getMessage());
        }
    }

    private void status(HttpExchange exchange) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("imageServer.version", Version.current());
        p.put("imageServer.uptime", Long.toString(ManagementFactory.getRuntimeMXBean().getUptime()));
        p.put("imageServer.port", Integer.toString(http.port()));
        p.put("imageServer.engine", pipeline.name());
        p.put("imageServer.workerThreads", Integer.toString(workers));
        p.put("imageServer.activeRenders", Integer.toString(2 * workers - renders.availablePermits() - svgRenders.availablePermits()));
        p.put("imageServer.pixelBudget", budget.availableBytes() / (1024 * 1024) + "/" + budget.totalBytes() / (1024 * 1024) + " MB");
        p.put("imageServer.maxRenderRgnPixels", Long.toString(registry.maxRenderPixels()));
        p.put("imageServer.svgServer", "127.0.0.1:" + svg.port() + (svg.healthy() ? " OK" : " unavailable"));
        LoopbackHttpServer.text(exchange, 200, PropertiesText.body(p));
    }
}
