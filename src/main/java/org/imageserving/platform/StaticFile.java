package org.imageserving.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Sends one file of /is/content the way a static server does, streamed in small chunks so that its size never
 * matters to the heap: ETag and Last-Modified; 304 for If-None-Match, else If-Modified-Since; one byte range
 * ({@code Range: bytes=a-b | a- | -n}) as 206 with Content-Range, 416 when it starts past the end, the whole file
 * when If-Range no longer matches or several ranges are asked for (RFC 9110 lets a server ignore Range); no body
 * for HEAD. The headers that keep active content inert come from {@link ActiveContent}.
 */
final class StaticFile {

    private static final int CHUNK = 64 * 1024;

    /** The inclusive byte range to send. */
    record Span(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    private StaticFile() {
    }

    static void send(HttpServletRequest request, HttpServletResponse response, Path file, String path, String contentType,
            double expirationHours) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis() / 1000 * 1000; // HTTP dates have whole seconds
        String etag = "\"" + Reply.md5((size + "/" + modified + "/" + path).getBytes(StandardCharsets.UTF_8)) + "\"";
        request.setAttribute(ReplyWriter.CACHE_USE, Reply.CacheUse.UNDEFINED.name());
        request.setAttribute(ReplyWriter.PROCESSING_STATUS, "0");
        response.setHeader("ETag", etag);
        response.setDateHeader("Last-Modified", modified);
        response.setHeader("Accept-Ranges", "bytes");
        ReplyWriter.expiration(response, expirationHours);
        ActiveContent.protect(response, contentType);
        if (notModified(request, etag, modified)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        Span span = new Span(0, size - 1);
        String range = request.getHeader("Range");
        if (range != null && ifRangeHolds(request.getHeader("If-Range"), etag, modified)) {
            Span asked = parseRange(range, size);
            if (asked == UNSATISFIABLE) {
                response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
                response.setHeader("Content-Range", "bytes */" + size);
                response.setContentLength(0);
                return;
            }
            if (asked != null) {
                span = asked;
                response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                response.setHeader("Content-Range", "bytes " + span.first() + "-" + span.last() + "/" + size);
            }
        }
        response.setContentType(contentType);
        response.setContentLengthLong(Math.max(0, span.length()));
        if (!"HEAD".equals(request.getMethod()) && size > 0) {
            copy(file, span, response.getOutputStream());
        }
    }

    static final Span UNSATISFIABLE = new Span(-1, -1);

    /**
     * The range of a {@code Range} header for a file of this size: null to send the whole file (not one
     * well-formed byte range), {@link #UNSATISFIABLE} when it starts at or past the end.
     */
    static Span parseRange(String header, long size) {
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.length() > 41) {
            return null;
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        if (!from.matches("\\d{0,19}") || !to.matches("\\d{0,19}") || (from.isEmpty() && to.isEmpty())) {
            return null;
        }
        try {
            if (from.isEmpty()) { // the last n bytes
                long n = Long.parseLong(to);
                return n == 0 ? UNSATISFIABLE : new Span(Math.max(0, size - n), size - 1);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? Long.MAX_VALUE : Long.parseLong(to);
            if (last < first) {
                return null;
            }
            return first >= size ? UNSATISFIABLE : new Span(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) { // 19 digits over Long.MAX_VALUE
            return null;
        }
    }

    private static boolean notModified(HttpServletRequest request, String etag, long modified) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            return ReplyWriter.matches(ifNoneMatch, etag.substring(1, etag.length() - 1));
        }
        long since = date(request, "If-Modified-Since");
        return since >= 0 && modified <= since;
    }

    /** If-Range: absent, the current strong ETag, or exactly the Last-Modified date. */
    private static boolean ifRangeHolds(String ifRange, String etag, long modified) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return v.equals(etag);
        }
        long date = org.apache.tomcat.util.http.FastHttpDateFormat.parseDate(v);
        return date >= 0 && date == modified;
    }

    private static long date(HttpServletRequest request, String header) {
        try {
            return request.getDateHeader(header);
        } catch (IllegalArgumentException e) { // not a date: as if absent
            return -1;
        }
    }

    private static void copy(Path file, Span span, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = span.first();
            long left = span.length();
            while (left > 0) {
                buffer.clear().limit((int) Math.min(CHUNK, left));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException(file + " shrank while being sent");
                }
                out.write(buffer.array(), 0, n);
                position += n;
                left -= n;
            }
        }
    }
}
