package org.imageserving.platform;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.platform.Reply.CacheUse;
import org.imageserving.platform.catalog.Catalog;
import org.imageserving.platform.catalog.Catalogs;
import org.imageserving.platform.request.CommandParser;
import org.imageserving.platform.request.Commands;
import org.imageserving.platform.request.ImageServingException;
import org.imageserving.platform.request.ImageServingException.Kind;
import org.imageserving.stock.SourceRoots;

/**
 * {@code GET|HEAD /is/content/[rootId/]path}: static files from PlatformServer.conf staticContent.rootPaths
 * (under the catalog's StaticContentRootPath). Only {@code type=} (accepted, ignored), {@code cache=on|off}
 * and {@code req=exists|props} apply, as Adobe documents for static content.
 */
final class ContentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LogManager.getLogger(ContentServlet.class);
    static final String CONTEXT = "/is/content";
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private final transient Catalogs catalogs;
    private final transient SourceRoots roots;
    private final transient ImageService errors;

    ContentServlet(Catalogs catalogs, SourceRoots roots, ImageService errors) {
        this.catalogs = catalogs;
        this.roots = roots;
        this.errors = errors;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        Catalog catalog = catalogs.defaultCatalog();
        Reply reply;
        try {
            String rest = request.getRequestURI().substring(request.getContextPath().length() + CONTEXT.length());
            List<String> elements = ImageServlet.elements(rest.startsWith("/") ? rest.substring(1) : rest);
            if (elements.size() >= 2 && catalogs.byRootId(elements.get(0)).isPresent()) {
                catalog = catalogs.byRootId(elements.get(0)).get();
                elements = elements.subList(1, elements.size());
            }
            reply = content(catalog, elements, CommandParser.parse(request.getQueryString(), "", "", catalog));
        } catch (ImageServingException e) {
            reply = errors.error(e, catalog);
        } catch (RuntimeException e) {
            LOG.error("{} failed", request.getRequestURI(), e);
            reply = Reply.error(500, "Server error", 3, 0);
        }
        ReplyWriter.write(request, response, reply);
    }

    private Reply content(Catalog catalog, List<String> elements, Commands commands) throws ImageServingException, IOException {
        for (String e : elements) {
            if (e.isEmpty() || e.equals("..") || e.equals(".") || e.indexOf('\\') >= 0) {
                throw new ImageServingException(Kind.BAD_REQUEST, "'..' and empty path elements are not permitted");
            }
        }
        String prefix = catalog.staticContentRootPath();
        String path = (prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/") + String.join("/", elements);
        Optional<Path> file = roots.find(path);
        String req = commands.get("req").orElse("").toLowerCase(Locale.ROOT).split(",")[0];
        CacheControl cacheControl = CacheControl.parse(commands.get("cache").orElse(null));
        double hours = cacheControl.client() ? catalog.expiration() : 0;
        if (req.equals("exists")) {
            return text(Map.of("catalogRecord.exists", file.isPresent() ? "1" : "0"), catalog.nonImgExpiration());
        }
        if (file.isEmpty()) {
            throw new ImageServingException(Kind.NOT_FOUND, path);
        }
        long size = Files.size(file.get());
        if (req.equals("props")) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("path", path);
            p.put("length", Long.toString(size));
            p.put("type", mimeType(file.get()));
            return text(p, catalog.nonImgExpiration());
        }
        if (!req.isEmpty()) {
            throw new ImageServingException(Kind.BAD_REQUEST, "req=" + req + " does not apply to static content");
        }
        if (size > MAX_BYTES) {
            throw new ImageServingException(Kind.TOO_LARGE, path + " is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        byte[] body = Files.readAllBytes(file.get());
        String etag = Reply.md5((size + "/" + Files.getLastModifiedTime(file.get()).toMillis() + "/" + path).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Reply.ok(mimeType(file.get()), body, etag, hours, CacheUse.UNDEFINED);
    }

    private static Reply text(Map<String, String> p, double hours) {
        return Reply.ok(PropertiesFormat.TEXT.contentType(), PropertiesFormat.TEXT.render(p, null, null), null, hours, CacheUse.UNDEFINED);
    }

    private static String mimeType(Path file) {
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
            case "txt" -> "text/plain; charset=UTF-8";
            case "html", "htm" -> "text/html; charset=UTF-8";
            case "pdf" -> "application/pdf";
            case "mp4" -> "video/mp4";
            default -> "application/octet-stream";
        };
    }
}
