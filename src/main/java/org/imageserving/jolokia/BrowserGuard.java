package org.imageserving.jolokia;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

/**
 * Keeps web pages from acting through a browser that holds Jolokia credentials, before authentication:
 * <ul>
 * <li>a request that carries an Origin the policy does not list is refused (none is listed by default). Jolokia
 *     without strict checking would only withhold the answer from the page, after the request has run;</li>
 * <li>GET, which a link or an image tag sends with the browser's cached credentials, serves only request types
 *     that change nothing (read, list, search, version, and opening a notification stream), whether the type
 *     comes in the path or in Jolokia's {@code ?p=} parameter;</li>
 * <li>POST needs {@code Content-Type: application/json} (or {@code text/json}, which jolokia.js sends): a form or
 *     {@code text/plain} POST is a CORS "simple request" that a page may send anywhere without a preflight.</li>
 * </ul>
 * Other methods than GET, POST and OPTIONS (the CORS preflight) are refused, and so is Jolokia's JSONP
 * ({@code ?callback=}): a {@code <script>} tag on any page would receive the answer, past CORS.
 */
final class BrowserGuard extends Filter {
    private static final Set<String> SAFE_GET_TYPES = Set.of("", "read", "list", "search", "version");
    private static final Set<String> JSON_TYPES = Set.of("application/json", "text/json");

    private final Predicate<String> originAllowed;

    BrowserGuard(Predicate<String> originAllowed) {
        this.originAllowed = originAllowed;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !originAllowed.test(origin)) {
            Refusal.send(exchange, 403, "Origin not allowed by conf/jolokia-access.xml <cors>", origin);
            return;
        }
        List<String> callbacks;
        try {
            callbacks = parameters(exchange.getRequestURI().getRawQuery(), "callback");
        } catch (IllegalArgumentException malformed) {
            Refusal.send(exchange, 400, "malformed query string");
            return;
        }
        if (!callbacks.isEmpty()) {
            Refusal.send(exchange, 403, "JSONP (callback) is not served: any page could read the answer");
            return;
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        switch (method) {
            case "GET" -> {
                if (!isSafeGet(exchange)) {
                    exchange.getResponseHeaders().set("Allow", "POST, OPTIONS");
                    Refusal.send(exchange, 405, "GET serves only read, list, search and version: use POST");
                    return;
                }
            }
            case "POST" -> {
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                if (type == null || !JSON_TYPES.contains(mediaType(type))) {
                    Refusal.send(exchange, 415, "POST needs Content-Type: application/json", type);
                    return;
                }
            }
            case "OPTIONS" -> { }
            default -> {
                exchange.getResponseHeaders().set("Allow", "GET, POST, OPTIONS");
                Refusal.send(exchange, 405, "method not allowed");
                return;
            }
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "refuses foreign origins, exec or write over GET, and POSTs that are not JSON";
    }

    /** Every path Jolokia may read the request from: the {@code p} parameters if any, else the URI path. */
    private static boolean isSafeGet(HttpExchange exchange) {
        List<String> paths;
        try {
            paths = parameters(exchange.getRequestURI().getRawQuery(), "p");
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (paths.isEmpty()) {
            String path = exchange.getRequestURI().getPath();
            String context = exchange.getHttpContext().getPath();
            paths = List.of(path.startsWith(context) ? path.substring(context.length()) : path);
        }
        return paths.stream().allMatch(BrowserGuard::isSafePath);
    }

    /** The request type is the first path segment; of notifications only {@code open} (SSE streams use GET). */
    static boolean isSafePath(String path) {
        String[] segments = path.replaceFirst("^/+", "").split("/", 3);
        String type = segments[0].toLowerCase(Locale.ROOT);
        if (type.equals("notification")) {
            return segments.length > 1 && segments[1].equals("open");
        }
        return SAFE_GET_TYPES.contains(type);
    }

    private static List<String> parameters(String rawQuery, String wanted) {
        List<String> values = new ArrayList<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (name.equals(wanted)) {
                values.add(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
