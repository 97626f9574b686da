package org.imageserving.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The types of /is/content and what keeps them from running script on our origin, since anyone who can drop a
 * file into a content folder could otherwise serve script from it (stored XSS). Every static reply is
 * {@code nosniff} (the host's valve) so a browser renders only the type declared here. Types a browser can run
 * script in (SVG, HTML, XML and its kin) also get {@code Content-Security-Policy: sandbox} (a unique origin, no
 * script, no forms, no plugins, no cookies of ours), and the document types among them
 * {@code Content-Disposition: attachment}, so they are saved rather than shown. SVG stays inline under the
 * sandbox, so that {@code <img src=…svg>} keeps working. Unknown types are application/octet-stream.
 */
final class ActiveContent {

    static final String SANDBOX = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src 'self'";
    private static final Set<String> ACTIVE = Set.of("image/svg+xml", "text/html", "application/xhtml+xml", "application/xml",
            "text/xml", "application/xslt+xml", "text/xsl");
    private static final Set<String> DOWNLOAD = Set.of("text/html", "application/xhtml+xml", "application/xml", "text/xml",
            "application/xslt+xml", "text/xsl");

    private ActiveContent() {
    }

    /** Adds the headers the type needs. */
    static void protect(HttpServletResponse response, String contentType) {
        String bare = bare(contentType);
        if (ACTIVE.contains(bare)) {
            response.setHeader("Content-Security-Policy", SANDBOX);
        }
        if (DOWNLOAD.contains(bare)) {
            response.setHeader("Content-Disposition", "attachment");
        }
    }

    private static String bare(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    static String mimeType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (ext) {
            case "svg" -> "image/svg+xml";
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "tif", "tiff" -> "image/tiff";
            case "webp" -> "image/webp";
            case "css" -> "text/css; charset=UTF-8";
            case "js" -> "text/javascript; charset=UTF-8";
            case "json" -> "application/json";
            case "xml" -> "application/xml";
            case "xsl", "xslt" -> "application/xslt+xml";
            case "xhtml", "xht" -> "application/xhtml+xml";
            case "txt" -> "text/plain; charset=UTF-8";
            case "html", "htm", "shtml" -> "text/html; charset=UTF-8";
            case "pdf" -> "application/pdf";
            case "mp4" -> "video/mp4";
            default -> "application/octet-stream";
        };
    }
}
