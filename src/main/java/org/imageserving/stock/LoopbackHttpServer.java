package org.imageserving.stock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.text.LogText;

/**
 * The small HTTP/1.1 endpoint the Image Server and the SVG server listen on, bound to 127.0.0.1 (keep-alive, no
 * container). Not the JDK's HttpServer: its one dispatcher thread dies on any Error (an OutOfMemoryError thrown
 * there by a render's allocation stops all accepting), and in JDK 17 it has no connection limit and no bound on
 * how long a client may take to send its headers. Here:
 * <ul>
 *   <li>the accept loop is ours and survives whatever is thrown in it;</li>
 *   <li>at most {@code maxConnections} connections, one thread each; the next is answered 503 at once;</li>
 *   <li>every phase of a connection has a deadline ({@link Timeouts}), enforced by a sweep that closes the
 *       socket, so slow or half-open clients cost a thread for seconds, not for ever;</li>
 *   <li>every route but the open ones ({@code /health}) requires the instance's {@link RenderKey}: 403 without;</li>
 *   <li>a handler that throws, Error included, gets a 500 with one line; the connection thread lives on.</li>
 * </ul>
 */
public final class LoopbackHttpServer {

    private static final Logger LOG = LogManager.getLogger(LoopbackHttpServer.class);

    /**
     * How long a connection may take: {@code idle} waiting for a request, {@code head} for the request line and
     * headers once the first byte is in, {@code body} for a request body, {@code write} for a reply.
     */
    public record Timeouts(Duration idle, Duration head, Duration body, Duration write) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(20), Duration.ofSeconds(30));
    }

    /** Connections served at once by default; ps's pool and the supervisor's probes stay well below it. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    private record Route(String path, HttpHandler handler, boolean open) {}

    private final String name;
    private final ServerSocket listener;
    private final int maxConnections;
    private final Semaphore connections;
    private final Timeouts timeouts;
    private final RenderKey key;
    private final ThreadPoolExecutor workers;
    private final CopyOnWriteArrayList<Route> routes = new CopyOnWriteArrayList<>();
    private final Set<ConnectionDeadline> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;
    private Thread acceptor;
    private Thread sweeper;

    /** {@code threads} is kept for its callers: at least that many connections, {@link #DEFAULT_MAX_CONNECTIONS} by default. */
    public LoopbackHttpServer(String name, int port, int threads) throws IOException {
        this(name, port, Math.max(threads, DEFAULT_MAX_CONNECTIONS), Timeouts.DEFAULT, RenderKey.shared());
    }

    public LoopbackHttpServer(String name, int port, int maxConnections, Timeouts timeouts, RenderKey key) throws IOException {
        this.name = name;
        this.listener = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
        this.maxConnections = maxConnections;
        this.connections = new Semaphore(maxConnections);
        this.timeouts = timeouts;
        this.key = key;
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(maxConnections, maxConnections, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name + "-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
    }

    /** Serves {@code path} (and everything below it) with {@code handler}, for callers that present the key. */
    public void route(String path, HttpHandler handler) {
        routes.add(new Route(path, handler, false));
    }

    /** Serves {@code path} to anyone on loopback (the supervisor's health probe): keep such handlers cheap. */
    public void routeOpen(String path, HttpHandler handler) {
        routes.add(new Route(path, handler, true));
    }

    public void start() {
        acceptor = daemon(this::acceptLoop, name + "-accept");
        sweeper = daemon(this::sweepLoop, name + "-timeouts");
    }

    private static Thread daemon(Runnable body, String threadName) {
        Thread t = new Thread(body, threadName);
        t.setDaemon(true);
        t.start();
        return t;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections open now (for tests and status). */
    public int openConnections() {
        return maxConnections - connections.availablePermits();
    }

    /**
     * Closes the listening socket first, so that no new connection is accepted, then lets the exchanges in
     * flight finish for at most {@code grace}, then closes every connection and ends the threads.
     */
    public void stop(Duration grace) {
        closed = true;
        closeQuietly(listener);
        long until = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() - until < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        open.forEach(ConnectionDeadline::close);
        workers.shutdownNow();
        if (sweeper != null) {
            sweeper.interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket = null;
            try {
                socket = listener.accept();
                if (!connections.tryAcquire()) {
                    refuse(socket);
                    continue;
                }
                Socket accepted = socket;
                workers.execute(() -> serve(accepted));
            } catch (Throwable t) { // NOPMD: the accept loop must outlive anything, an OutOfMemoryError included
                if (closed) {
                    return;
                }
                closeQuietly(socket);
                survive("accepting", t);
            }
        }
    }

    /** Over the connection limit: one 503 line and close, without a thread. */
    private void refuse(Socket socket) {
        try (socket) {
            byte[] body = ("more than " + maxConnections + " connections\n").getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.shutdownOutput();
        } catch (IOException e) {
            // the client went away: nothing to tell it
        }
    }

    private void sweepLoop() {
        while (!closed) {
            try {
                Thread.sleep(200);
                long now = System.nanoTime();
                for (ConnectionDeadline d : open) {
                    String late = d.closeIfLate(now);
                    if (late != null) {
                        LOG.debug("{}: closed a connection that took too long {}", name, late);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) { // NOPMD: as the accept loop
                survive("sweeping timeouts", t);
            }
        }
    }

    /** After an Error in a loop that must go on: log if there is memory to, and give the heap a moment. */
    private void survive(String what, Throwable t) {
        try {
            LOG.warn("{}: {} failed, going on: {}", name, what, t.toString());
            Thread.sleep(t instanceof Error ? 100 : 10);
        } catch (Throwable ignored) { // NOPMD
            // even logging failed; the loop goes on
        }
    }

    private void serve(Socket socket) {
        ConnectionDeadline deadline = new ConnectionDeadline(socket);
        open.add(deadline);
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            boolean again = true;
            while (again && !closed) {
                deadline.expect("waiting for a request", timeouts.idle());
                again = exchange(socket, in, out, deadline);
            }
        } catch (IOException e) {
            LOG.debug("{}: connection ended: {}", name, e.toString());
        } catch (Throwable t) { // NOPMD: a connection's failure must not take its thread's pool down
            survive("serving a connection", t);
        } finally {
            open.remove(deadline);
            connections.release();
        }
    }

    /** One request on the connection; returns whether the connection can carry another. */
    private boolean exchange(Socket socket, InputStream in, OutputStream out, ConnectionDeadline deadline) throws IOException {
        RequestHead head;
        long length;
        try {
            head = RequestHead.read(in, () -> deadline.expect("reading the request head", timeouts.head()));
            if (head == null) {
                return false;
            }
            length = head.contentLength();
        } catch (RequestHead.Refusal r) {
            plain(out, deadline, r.status(), r.getMessage());
            return false;
        }
        deadline.clear();
        LoopbackExchange exchange = new LoopbackExchange(socket, head, length, in, out, deadline, timeouts);
        Route route = routeFor(head.uri().getRawPath());
        if (route == null) {
            text(exchange, 404, "no such path");
        } else if (!route.open() && !key.accepts(head.headers().getFirst(RenderKey.HEADER))) {
            LOG.debug("{}: refused {} {} without the render key", name, head.method(), LogText.escape(head.uri().getRawPath()));
            exchange.closeAfterReply();
            text(exchange, 403, "this server answers only the Platform Server (" + RenderKey.HEADER + ")");
        } else {
            if ("100-continue".equalsIgnoreCase(head.headers().getFirst("Expect"))) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            handle(route, exchange);
        }
        exchange.close();
        return exchange.reusable();
    }

    private void handle(Route route, LoopbackExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try {
            route.handler().handle(exchange);
        } catch (IOException e) {
            exchange.closeAfterReply();
            throw e;
        } catch (RuntimeException | Error e) { // NOPMD: a render's Error (StackOverflowError, OOM) ends its request only
            exchange.closeAfterReply();
            try {
                LOG.warn("{}: {} {} failed", name, exchange.getRequestMethod(), LogText.escape(exchange.getRequestURI().getRawPath()), e);
                if (!exchange.sent()) {
                    text(exchange, 500, "internal error: " + e.getClass().getSimpleName());
                }
            } catch (IOException | RuntimeException | Error ignored) { // NOPMD
                // connection gone, or no memory to say so: the connection closes below
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The route with the longest path that prefixes {@code path}, as the JDK's HttpServer matches contexts. */
    private Route routeFor(String path) {
        Route best = null;
        for (Route r : routes) {
            if (path != null && path.startsWith(r.path()) && (best == null || r.path().length() > best.path().length())) {
                best = r;
            }
        }
        return best;
    }

    /** A reply before any exchange exists (a malformed head): one line, then the connection closes. */
    private void plain(OutputStream out, ConnectionDeadline deadline, int status, String message) throws IOException {
        deadline.expect("writing the reply", timeouts.write());
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + LoopbackExchange.reason(status) + "\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closed already
            }
        }
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
