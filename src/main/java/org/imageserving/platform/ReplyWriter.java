package org.imageserving.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes a {@link Reply}: conditional GET (If-None-Match against the ETag → 304), the client-cache headers
 * (Expires and Cache-Control from the catalog's expiration; errors are never cacheable), X-Cache for replies of
 * the response cache, the access-log attributes, and no body for HEAD.
 */
final class ReplyWriter {

    static final String CACHE_USE = "CacheUse";
    static final String PROCESSING_STATUS = "ProcessingStatus";
    private static final long YEAR_SECONDS = 365L * 24 * 3600;

    private ReplyWriter() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, Reply reply) throws IOException {
        request.setAttribute(CACHE_USE, reply.cacheUse().name());
        request.setAttribute(PROCESSING_STATUS, Integer.toString(reply.processingStatus()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (reply.status() != 200) {
            response.setStatus(reply.status());
            response.setHeader("Cache-Control", "no-cache, no-store");
            if (reply.retryAfterSeconds() > 0) {
                response.setHeader("Retry-After", Integer.toString(reply.retryAfterSeconds()));
            }
            body(request, response, reply);
            return;
        }
        String etag = "\"" + reply.etag() + "\"";
        response.setHeader("ETag", etag);
        if (reply.cacheLevel() != null) {
            response.setHeader("X-Cache", reply.cacheLevel()); // a 304 says it too: the validation was answered from there
        }
        expiration(response, reply.expirationHours());
        if (matches(request.getHeader("If-None-Match"), reply.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(200);
        body(request, response, reply);
    }

    private static void body(HttpServletRequest request, HttpServletResponse response, Reply reply) throws IOException {
        response.setContentType(reply.contentType());
        response.setContentLength(reply.body().length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(reply.body());
        }
    }

    /** Hours from now; 0 expires at once, a negative value never. */
    static void expiration(HttpServletResponse response, double hours) {
        long now = System.currentTimeMillis();
        if (hours == 0) {
            response.setHeader("Cache-Control", "no-cache, max-age=0");
            response.setDateHeader("Expires", now);
            return;
        }
        long seconds = hours < 0 ? YEAR_SECONDS : Math.max(1, Math.round(hours * 3600));
        response.setHeader("Cache-Control", "public, max-age=" + seconds);
        response.setDateHeader("Expires", now + seconds * 1000);
    }

    /** If-None-Match: "*", or a list of (possibly weak) entity tags. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals("\"" + etag + "\"") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
