package org.imageserving.stock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The small HTTP/1.1 endpoint the Image Server and the SVG server listen on: the JDK's HttpServer bound to
 * 127.0.0.1 (keep-alive, no container), a fixed pool of handler threads, and a graceful stop that lets
 * exchanges in flight finish. Handlers that throw get a 500 with one line; the stack trace goes to the log.
 */
public final class LoopbackHttp {

    private static final Logger LOG = LogManager.getLogger(LoopbackHttp.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger inFlight = new AtomicInteger();

    public LoopbackHttp(String name, int port, int threads) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name + "-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
    }

    /** Serves {@code path} (and everything below it) with {@code handler}. */
    public void route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            inFlight.incrementAndGet();
            try (exchange) {
                handler.handle(exchange);
            } catch (IOException e) {
                LOG.debug("client went away: {}", e.toString());
            } catch (RuntimeException | Error e) {
                LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
                try {
                    text(exchange, 500, "internal error: " + e.getClass().getSimpleName());
                } catch (IOException | RuntimeException ignored) {
                    // headers already sent or connection gone
                }
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening, waits up to {@code grace} for exchanges in flight, then ends the handler threads. */
    public void stop(Duration grace) {
        // HttpServer.stop(n) of JDK 17 can wait the whole n seconds even when idle: wait for our own count
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop(0);
        executor.shutdownNow();
    }

    /** Answers {@code status} with a text/plain body (one line, newline-terminated). */
    public static void text(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = (body.endsWith("\n") ? body : body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        send(exchange, status, bytes);
    }

    public static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
