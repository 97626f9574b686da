package org.imageserving.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * One line of what {@code playlog} replays, read as what it is: an access log line in Tomcat's or nginx's common or
 * combined format ({@code host ident user [time] "GET /is/image/x?wid=200 HTTP/1.1" 200 …}, ps's own
 * logs/access-*.log included), or a file of one URL a line ({@code /is/image/x?wid=200} or
 * {@code http://host/is/image/x?wid=200}: only the path and query are kept, the host is the one being warmed).
 * Only GETs of /is/image and /is/content are replayed; a target that would leave them once normalised
 * ({@code /is/image/../../manager}, encoded dots or slashes) counts as another path, and anything that is not a clean
 * request target (spaces, control or non-ASCII bytes, over {@link #MAX_TARGET} characters) as malformed.
 */
record AccessLogLine(Kind kind, String target) {
    static final int MAX_TARGET = 8192;

    enum Kind {
        /** A request to replay: {@link #target} is its origin-form path and query. */
        REPLAY,
        /** Blank or a # comment: not counted. */
        IGNORED,
        NOT_GET,
        OTHER_PATH,
        MALFORMED
    }

    private static final AccessLogLine IGNORED_LINE = new AccessLogLine(Kind.IGNORED, null);
    private static final AccessLogLine NOT_GET_LINE = new AccessLogLine(Kind.NOT_GET, null);
    private static final AccessLogLine OTHER_PATH_LINE = new AccessLogLine(Kind.OTHER_PATH, null);
    private static final AccessLogLine MALFORMED_LINE = new AccessLogLine(Kind.MALFORMED, null);

    static AccessLogLine malformed() {
        return MALFORMED_LINE;
    }

    static AccessLogLine parse(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return IGNORED_LINE;
        }
        int open = text.indexOf('"');
        if (open < 0) {
            // one URL a line
            if (text.indexOf(' ') >= 0 || text.indexOf('\t') >= 0) {
                return MALFORMED_LINE;
            }
            return target(text);
        }
        int close = text.indexOf('"', open + 1);
        if (close < 0) {
            return MALFORMED_LINE;
        }
        String[] request = text.substring(open + 1, close).split(" ", -1);
        if (request.length != 3 || !request[2].startsWith("HTTP/")) {
            return MALFORMED_LINE;
        }
        if (!request[0].equals("GET")) {
            return request[0].isEmpty() ? MALFORMED_LINE : NOT_GET_LINE;
        }
        return target(request[1]);
    }

    /** An origin-form target, or an absolute URL reduced to one; checked to stay under /is/image or /is/content. */
    private static AccessLogLine target(String target) {
        if (target.isEmpty() || target.length() > MAX_TARGET) {
            return MALFORMED_LINE;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return MALFORMED_LINE;
            }
        }
        URI uri;
        try {
            uri = new URI(target.charAt(0) == '/' ? "http://replay".concat(target) : target);
        } catch (URISyntaxException bad) {
            return MALFORMED_LINE;
        }
        String scheme = uri.getScheme();
        String path = uri.getRawPath();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getRawAuthority() == null
                || path == null || path.isEmpty() || uri.getRawFragment() != null) {
            return MALFORMED_LINE;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        boolean replayable = path.equals("/is/image") || path.startsWith("/is/image/") || path.startsWith("/is/content/");
        if (!replayable || !path.equals(uri.normalize().getRawPath()) || lower.contains("%2e") || lower.contains("%2f")
                || lower.contains("%5c") || path.indexOf('\\') >= 0 || path.contains("//")) {
            return OTHER_PATH_LINE;
        }
        return new AccessLogLine(Kind.REPLAY, uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    }
}
