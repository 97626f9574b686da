package org.imageserving.jolokia;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The HTTP server handed to Jolokia. Every context Jolokia creates on it gets our authenticator and
 * {@link BrowserGuard}: Jolokia 2.4.2 guards only its main context and leaves the {@code /jolokia/config} one,
 * served by the same request handler, without authentication.
 */
final class GuardedHttpServer extends HttpServer {
    private final HttpServer server;
    private final Authenticator authenticator;
    private final Filter guard;

    GuardedHttpServer(HttpServer server, Authenticator authenticator, Filter guard) {
        this.server = server;
        this.authenticator = authenticator;
        this.guard = guard;
    }

    @Override
    public HttpContext createContext(String path, HttpHandler handler) {
        return guarded(server.createContext(path, handler));
    }

    @Override
    public HttpContext createContext(String path) {
        return guarded(server.createContext(path));
    }

    private HttpContext guarded(HttpContext context) {
        context.setAuthenticator(authenticator);
        context.getFilters().add(guard);
        return context;
    }

    @Override
    public void bind(InetSocketAddress address, int backlog) throws IOException {
        server.bind(address, backlog);
    }

    @Override
    public void start() {
        server.start();
    }

    @Override
    public void setExecutor(Executor executor) {
        server.setExecutor(executor);
    }

    @Override
    public Executor getExecutor() {
        return server.getExecutor();
    }

    @Override
    public void stop(int delaySeconds) {
        server.stop(delaySeconds);
    }

    @Override
    public void removeContext(String path) {
        server.removeContext(path);
    }

    @Override
    public void removeContext(HttpContext context) {
        server.removeContext(context);
    }

    @Override
    public InetSocketAddress getAddress() {
        return server.getAddress();
    }
}
