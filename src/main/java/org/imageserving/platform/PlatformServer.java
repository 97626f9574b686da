package org.imageserving.platform;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.AccessLogValve;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.platform.cache.CacheFigures;
import org.imageserving.platform.cache.SharedCache;
import org.imageserving.platform.catalog.Catalogs;
import org.imageserving.stock.ImageServerRegistry;
import org.imageserving.stock.ServerArguments;
import org.imageserving.stock.SourceRoots;
import org.imageserving.install.Homes;
import org.imageserving.stock.StockServer;

/**
 * The Platform Server: the public HTTP port, on embedded Tomcat 11. It owns parsing, catalogs and the
 * response cache, and hands pixel work to the Image Server on 127.0.0.1. Contexts: {@code /is/image},
 * {@code /is/content}, and {@code /health} (200 while serving — it does not depend on the Image Server, so
 * a restarting Image Server never gets the Platform Server restarted too, and it never queues behind renders:
 * the {@link Bulkhead}s in front of the Image Server and the file streams leave request threads free whatever
 * they wait for; see {@link PlatformLimits}). Access log:
 * logs/access-YYYY-MM-DD.log with Adobe's CacheUse and ProcessingStatus fields.
 */
public final class PlatformServer implements StockServer {

    private static final Logger LOG = LogManager.getLogger(PlatformServer.class);
    static final String ACCESS_LOG_PATTERN =
            "%h %l %u %t \"%r\" %s %b %D \"%{Referer}i\" \"%{User-Agent}i\" %{CacheUse}r %{ProcessingStatus}r";

    private final Homes home;
    private final int port;
    private final int imageServerPort;
    private final String bindAddress;
    private final PlatformConfig config;
    private final Catalogs catalogs;
    private final ResponseCache cache;
    private final CacheFigures cacheFigures = new CacheFigures();
    private TieredCache tiers;
    private final DrainValve drain = new DrainValve();
    private volatile boolean stopping;
    private Tomcat tomcat;
    private Connector connector;

    /** {@code imageServerPort} and {@code bindAddress} may be null: PlatformServer.conf decides then. */
    PlatformServer(Homes home, int port, Integer imageServerPort, String bindAddress) {
        this.home = home;
        this.port = port;
        this.config = PlatformConfig.load(home);
        this.imageServerPort = imageServerPort != null ? imageServerPort : config.imageServerPort();
        this.bindAddress = bindAddress != null ? bindAddress : config.bindAddress();
        this.catalogs = new Catalogs(config.catalogRoot());
        this.cache = new ResponseCache(config.cacheRoot().resolve("is-response"), config.cacheMaxSize(), config.cacheMaxEntries());
    }

    public static PlatformServer fromArguments(String[] args) {
        ServerArguments a = ServerArguments.parse("PlatformServer", args, Set.of("port", "image-server-port", "bind"));
        int isPort = a.port("image-server-port", -1);
        return new PlatformServer(Homes.resolve(), a.port("port", 8080), isPort < 0 ? null : isPort, a.text("bind", null));
    }

    @Override
    public void start() throws IOException, LifecycleException {
        cache.open();
        tiers = new TieredCache(cache, SharedCache.of(config.sharedCache(), cacheFigures), cacheFigures);
        cacheFigures.publish();
        catalogs.watch(config.catalogRefreshMillis());
        ImageServerRegistry registry = ImageServerRegistry.load(home);
        SourceRoots imageRoots = new SourceRoots(registry.rootPaths());
        PlatformLimits limits = config.limits();
        ImageServerClient imageServer = new ImageServerClient(imageServerPort, Duration.ofMillis(limits.connectTimeoutMillis()),
                Duration.ofMillis(config.renderTimeoutMillis()), limits.maxRenders(), limits.maxSvgRenders(),
                Duration.ofMillis(config.holdMillis()));
        ImageService images = new ImageService(catalogs, imageRoots, imageServer, tiers, config);

        Path work = home.base().resolve("temp").resolve("tomcat");
        Files.createDirectories(work);
        Files.createDirectories(home.base().resolve("logs"));
        tomcat = new Tomcat();
        tomcat.setBaseDir(work.toString());
        // SO_REUSEPORT where the platform has it: a new ps can listen beside this one during a restart
        connector = SharedPortEndpoint.supported() ? new Connector(new Http11NioProtocol(new SharedPortEndpoint()))
                : new Connector("HTTP/1.1");
        connector.setPort(port);
        connector.setProperty("address", bindAddress);
        limit(connector, limits);
        connector.setProperty("server", "ImageServing");
        connector.setProperty("bindOnInit", "false"); // bound by start, so that stop can close it first
        connector.setXpoweredBy(false);
        tomcat.setConnector(connector);
        StandardHost host = (StandardHost) tomcat.getHost();
        host.setAutoDeploy(false);
        host.setErrorReportValveClass(PlainErrorValve.class.getName());
        host.getPipeline().addValve(drain);
        host.getPipeline().addValve(new NoSniffValve());
        host.getPipeline().addValve(new PlainErrorValve());
        host.getPipeline().addValve(accessLog());

        Context context = tomcat.addContext("", work.toString());
        ((StandardContext) context).setUnloadDelay(3000); // requests in flight get this long to finish on stop
        ((StandardContext) context).setClearReferencesRmiTargets(false); // no webapp class loader leaks to hunt here
        Tomcat.addServlet(context, "image", new ImageServlet(images, new StatusPage(catalogs, imageServer, tiers)));
        context.addServletMappingDecoded(ImageServlet.CONTEXT, "image");
        context.addServletMappingDecoded(ImageServlet.CONTEXT + "/*", "image");
        Tomcat.addServlet(context, "content", new ContentServlet(catalogs, new SourceRoots(config.staticContentRoots()), images,
                limits.maxContentStreams()));
        context.addServletMappingDecoded(ContentServlet.CONTEXT + "/*", "content");
        Tomcat.addServlet(context, "health", new HealthServlet());
        context.addServletMappingDecoded("/health", "health");
        tomcat.start();
        if (connector.getLocalPort() <= 0) {
            throw new IOException("cannot listen on " + bindAddress + ":" + port + " (port in use?)");
        }
    }

    /**
     * Tomcat's limits, set here rather than left to its defaults, so that the README's limits table holds.
     * Slow clients cost no thread (the NIO poller holds a connection until a whole request head has arrived);
     * connectionTimeout closes a client that goes quiet for that long mid-request, and maxConnections caps
     * what they can hold. Keep-alive and pipelining stay Tomcat's: replies in request order, at most
     * maxKeepAliveRequests per connection.
     */
    private static void limit(Connector connector, PlatformLimits limits) {
        connector.setProperty("maxThreads", Integer.toString(limits.maxThreads()));
        connector.setProperty("minSpareThreads", Integer.toString(Math.min(10, limits.maxThreads())));
        connector.setProperty("maxConnections", Integer.toString(limits.maxConnections()));
        connector.setProperty("acceptCount", Integer.toString(limits.acceptCount()));
        connector.setProperty("connectionTimeout", Integer.toString(limits.connectionTimeoutMillis()));
        connector.setProperty("keepAliveTimeout", Integer.toString(limits.keepAliveTimeoutMillis()));
        connector.setProperty("maxKeepAliveRequests", Integer.toString(limits.maxKeepAliveRequests()));
        connector.setProperty("maxHttpHeaderSize", Integer.toString(limits.maxHeaderBytes()));
        connector.setProperty("maxHeaderCount", Integer.toString(limits.maxHeaderCount()));
        connector.setProperty("maxTrailerSize", "0"); // no request here has a body, let alone trailers
        connector.setProperty("maxSwallowSize", "65536"); // a body sent with a GET is read and dropped up to this, then the connection closes
        connector.setMaxPostSize(0);
        // TRACE reaches the servlets like any other method, and each answers 405 with its own Allow (GET, HEAD):
        // none calls HttpServlet's doTrace. Tomcat's own refusal would list the servlet's doXxx methods instead.
        connector.setAllowTrace(true);
    }

    private AccessLogValve accessLog() {
        AccessLogValve log = new AccessLogValve();
        log.setDirectory(home.base().resolve("logs").toString());
        log.setPrefix("access-");
        log.setSuffix(".log");
        log.setFileDateFormat("yyyy-MM-dd");
        log.setPattern(ACCESS_LOG_PATTERN);
        log.setMaxDays(config.accessLogMaxDays());
        log.setBuffered(false);
        return log;
    }

    @Override
    public void stop(Duration grace) {
        stopping = true;
        catalogs.close();
        if (tomcat == null) {
            if (tiers != null) {
                tiers.close();
            }
            return;
        }
        // no new connections from here on; the context's unloadDelay lets the requests in flight finish
        connector.getProtocolHandler().closeServerSocketGraceful();
        drain.drain(((AbstractProtocol<?>) connector.getProtocolHandler())::getConnectionCount, drainBound(grace));
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            LOG.warn("Tomcat did not stop cleanly: {}", e.toString());
        }
        tiers.close(); // after the requests in flight: they may still ask the shared level
    }

    /** Half the grace (the rest is for Tomcat's own stop), at most the keep-alive timeout an idle client may use. */
    private Duration drainBound(Duration grace) {
        Duration half = grace.dividedBy(2);
        Duration keepAlive = Duration.ofMillis(config.limits().keepAliveTimeoutMillis());
        return half.compareTo(keepAlive) < 0 ? half : keepAlive;
    }

    @Override
    public String describe() {
        return "Platform Server on http://" + bindAddress + ":" + (connector == null ? port : connector.getLocalPort())
                + "/is/image, Image Server at 127.0.0.1:" + imageServerPort + ", catalogs " + catalogs.names() + " from " + config.catalogRoot()
                + (config.sharedCache().enabled() ? ", shared cache on Redis " + config.sharedCache().servers() : "");
    }

    /** {@code GET /health}: 200 while serving, 503 once stopping. */
    private final class HealthServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                response.setHeader("Allow", "GET, HEAD");
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                return;
            }
            response.setStatus(stopping ? 503 : 200);
            response.setContentType("text/plain; charset=UTF-8");
            if (!request.getMethod().equals("HEAD")) {
                response.getWriter().write(stopping ? "stopping\n" : "OK\n");
            }
        }
    }
}
