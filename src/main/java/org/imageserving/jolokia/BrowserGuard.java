package org.imageserving.jolokia;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

/**
 * Keeps web pages from acting through a browser that holds Jolokia credentials. Jolokia without strict CORS
 * checking only withholds the answer from a foreign page, after the request has run; strict checking would refuse
 * curl, which sends no Origin. So: a request that carries an Origin not allowed by the policy's {@code <cors>} is
 * refused before it runs, and GET (which a link or an image tag can send) only serves request types that change
 * nothing; exec and write need POST.
 */
final class BrowserGuard extends Filter {
    private static final Set<String> SAFE_GET_TYPES = Set.of("", "read", "list", "search", "version", "notification", "config");

    private final String contextPath;
    private final Predicate<String> originAllowed;

    BrowserGuard(String contextPath, Predicate<String> originAllowed) {
        this.contextPath = contextPath;
        this.originAllowed = originAllowed;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !originAllowed.test(origin)) {
            refuse(exchange, 403, "Origin " + origin + " is not allowed by conf/jolokia-access.xml <cors>");
            return;
        }
        if ("GET".equalsIgnoreCase(exchange.getRequestMethod()) && !SAFE_GET_TYPES.contains(requestType(exchange))) {
            exchange.getResponseHeaders().set("Allow", "POST, OPTIONS");
            refuse(exchange, 405, "GET serves only read, list, search, version and notification: use POST");
            return;
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "refuses foreign origins, and exec or write over GET";
    }

    /** The first path segment after the context, as Jolokia's GET parser reads it (decoded path). */
    String requestType(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith(contextPath)) {
            path = path.substring(contextPath.length());
        }
        path = path.replaceFirst("^/+", "");
        int slash = path.indexOf('/');
        return (slash < 0 ? path : path.substring(0, slash)).toLowerCase(Locale.ROOT);
    }

    private static void refuse(HttpExchange exchange, int status, String error) throws IOException {
        byte[] body = ("{\"status\":" + status + ",\"error_type\":\"java.lang.SecurityException\",\"error\":\""
                + error.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
