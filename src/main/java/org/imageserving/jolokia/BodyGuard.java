package org.imageserving.jolokia;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

/**
 * Bounds a POST before Jolokia parses it: the supervisor runs with a 32 MiB heap, which is not a request buffer.
 * The length is checked from the header (411 without one, 413 above {@link #MAX_BYTES}) and only then is the body
 * read, into an array of exactly that size; a shallow scan then refuses JSON nested deeper than
 * {@link #MAX_DEPTH} (a recursive parser would run out of stack) and bulk requests of more than {@link #MAX_BULK}
 * requests (each answer is built in memory), with 400. Jolokia then reads the checked copy.
 */
final class BodyGuard extends Filter {
    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_BULK = 50;
    static final int MAX_DEPTH = 16;
    static final long MAX_SWALLOW = 2 * 1024 * 1024;
    /** Where the checked body waits for the filters after this one. */
    static final String BODY_ATTRIBUTE = "imageserving.jolokia.body";

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            chain.doFilter(exchange);
            return;
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length == null || exchange.getRequestHeaders().containsKey("Transfer-Encoding")) {
            Refusal.send(exchange, 411, "POST needs a Content-Length (no chunked bodies)");
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            Refusal.send(exchange, 400, "bad Content-Length", length);
            return;
        }
        if (bytes < 0 || bytes > MAX_BYTES) {
            swallow(exchange, bytes);
            Refusal.send(exchange, 413, "request body over " + MAX_BYTES + " bytes", length);
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes((int) bytes);
        }
        String problem = shapeProblem(body);
        if (problem != null) {
            Refusal.send(exchange, 400, problem);
            return;
        }
        exchange.setAttribute(BODY_ATTRIBUTE, body);
        exchange.setStreams(new ByteArrayInputStream(body), null);
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "bounds the size, nesting and bulk count of POST bodies before Jolokia parses them";
    }

    /**
     * Reads and drops a refused body up to {@link #MAX_SWALLOW} bytes (as Tomcat's maxSwallowSize), so that the
     * client, still sending, gets the 413 instead of a reset; memory stays one small buffer. A bigger body is not
     * read: the connection is closed under it, and the request time limit bounds a slow one.
     */
    private static void swallow(HttpExchange exchange, long bytes) throws IOException {
        if (bytes < 0 || bytes > MAX_SWALLOW) {
            return;
        }
        byte[] buffer = new byte[8192];
        try {
            InputStream in = exchange.getRequestBody();
            long left = bytes;
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= read;
            }
        } catch (IOException gone) {
            // the client stopped sending; the answer below fails the same way or not at all
        }
    }

    /** Null when the body may go on; else why not. Strings are skipped, so brackets inside them do not count. */
    static String shapeProblem(byte[] body) {
        int depth = 0;
        int topLevelElements = 0;
        boolean topLevelArray = false;
        boolean inString = false;
        boolean escaped = false;
        boolean elementOpen = false;
        for (byte b : body) {
            char c = (char) b;
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (depth == 1 && topLevelArray && !elementOpen && c > ' ' && c != ',' && c != ']') {
                elementOpen = true;
                if (++topLevelElements > MAX_BULK) {
                    return "bulk request of more than " + MAX_BULK + " requests";
                }
            }
            switch (c) {
                case '"' -> inString = true;
                case '[', '{' -> {
                    if (depth == 0 && c == '[') {
                        topLevelArray = true;
                    }
                    if (++depth > MAX_DEPTH) {
                        return "JSON nested deeper than " + MAX_DEPTH + " levels";
                    }
                }
                case ']', '}' -> depth--;
                case ',' -> {
                    if (depth == 1) {
                        elementOpen = false;
                    }
                }
                default -> { }
            }
        }
        return null;
    }
}
