package org.imageserving.jolokia;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The HTTP server handed to Jolokia. Every context Jolokia creates on it gets our guards, in order (Jolokia 2.4.2
 * guards only its main context and leaves the {@code /jolokia/config} one, served by the same request handler,
 * without authentication). Authentication is one of those filters, so the context Jolokia gets back ignores
 * {@code setAuthenticator}: a context authenticator would run before every filter.
 */
final class GuardedHttpServer extends HttpServer {
    private final HttpServer server;
    private final List<Filter> guards;

    GuardedHttpServer(HttpServer server, List<Filter> guards) {
        this.server = server;
        this.guards = List.copyOf(guards);
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
        context.getFilters().addAll(0, guards);
        return new GuardedContext(context);
    }

    /** The context as Jolokia sees it: everything passes through, except that no authenticator can be set. */
    private static final class GuardedContext extends HttpContext {
        private final HttpContext context;

        GuardedContext(HttpContext context) {
            this.context = context;
        }

        @Override
        public HttpHandler getHandler() {
            return context.getHandler();
        }

        @Override
        public void setHandler(HttpHandler handler) {
            context.setHandler(handler);
        }

        @Override
        public String getPath() {
            return context.getPath();
        }

        @Override
        public HttpServer getServer() {
            return context.getServer();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return context.getAttributes();
        }

        @Override
        public List<Filter> getFilters() {
            return context.getFilters();
        }

        @Override
        public Authenticator setAuthenticator(Authenticator ignored) {
            return null;
        }

        @Override
        public Authenticator getAuthenticator() {
            return null;
        }
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
        server.removeContext(context instanceof GuardedContext guarded ? guarded.context : context);
    }

    @Override
    public InetSocketAddress getAddress() {
        return server.getAddress();
    }
}
