package org.imageserving.platform;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import org.imageserving.platform.request.CommandSyntax;
import org.imageserving.platform.request.Commands;
import org.imageserving.platform.request.ImageServingException;
import org.imageserving.platform.request.ImageServingException.Kind;
import org.imageserving.stock.BadValueException;
import org.imageserving.stock.SourceRoots;
import org.imageserving.text.LogText;

/**
 * {@code GET|HEAD /is/content/[rootId/]path}: static files from PlatformServer.conf staticContent.rootPaths
 * (under the catalog's StaticContentRootPath). Only {@code type=} (accepted, ignored), {@code cache=on|off}
 * and {@code req=exists|props} apply, as Adobe documents for static content. Files are streamed by
 * {@link StaticFile} (ranges, conditional GET), at most staticContent.maxStreams at once (503 beyond).
 */
final class ContentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LogManager.getLogger(ContentServlet.class);
    static final String CONTEXT = "/is/content";

    /** A file to stream, or a reply (properties, an error) already made. */
    private record Answer(Reply reply, Path file, String path, double hours) {
        static Answer of(Reply reply) {
            return new Answer(reply, null, null, 0);
        }

        static Answer stream(Path file, String path, double hours) {
            return new Answer(null, file, path, hours);
        }
    }

    private final transient Catalogs catalogs;
    private final transient SourceRoots roots;
    private final transient ImageService errors;
    private final transient Bulkhead streams;

    ContentServlet(Catalogs catalogs, SourceRoots roots, ImageService errors, int maxStreams) {
        this.catalogs = catalogs;
        this.roots = roots;
        this.errors = errors;
        this.streams = new Bulkhead("static content streams", maxStreams);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        Catalog catalog = catalogs.defaultCatalog();
        Answer answer;
        try {
            String rest = request.getRequestURI().substring(request.getContextPath().length() + CONTEXT.length());
            List<String> elements = ImageServlet.elements(rest.startsWith("/") ? rest.substring(1) : rest);
            if (elements.size() >= 2 && catalogs.byRootId(elements.get(0)).isPresent()) {
                catalog = catalogs.byRootId(elements.get(0)).get();
                elements = elements.subList(1, elements.size());
            }
            Commands commands = CommandParser.parse(request.getQueryString(), "", "", catalog);
            CommandSyntax.check(commands);
            answer = content(catalog, elements, commands);
        } catch (ImageServingException e) {
            answer = Answer.of(errors.error(e, catalog));
        } catch (BadValueException e) {
            answer = Answer.of(errors.error(new ImageServingException(Kind.BAD_REQUEST, e.getMessage()), catalog));
        } catch (RuntimeException e) {
            LOG.error("{} failed", LogText.escape(request.getRequestURI()), e);
            answer = Answer.of(Reply.error(500, "Server error", 3, 0));
        }
        if (answer.file() == null) {
            ReplyWriter.write(request, response, answer.reply());
            return;
        }
        try (Bulkhead.Place place = streams.enter()) {
            StaticFile.send(request, response, answer.file(), answer.path(), ActiveContent.mimeType(answer.file()), answer.hours());
        } catch (ImageServingException e) {
            ReplyWriter.write(request, response, errors.error(e, catalog));
        } catch (NoSuchFileException e) {
            if (!response.isCommitted()) { // deleted since it was found
                response.reset();
                ReplyWriter.write(request, response, errors.error(new ImageServingException(Kind.NOT_FOUND, answer.path()), catalog));
            }
        }
    }

    private Answer content(Catalog catalog, List<String> elements, Commands commands) throws ImageServingException, IOException {
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
            return Answer.of(text(Map.of("catalogRecord.exists", file.isPresent() ? "1" : "0"), catalog.nonImgExpiration()));
        }
        if (file.isEmpty()) {
            throw new ImageServingException(Kind.NOT_FOUND, path);
        }
        if (req.equals("props")) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("path", path);
            p.put("length", Long.toString(Files.size(file.get())));
            p.put("type", ActiveContent.mimeType(file.get()));
            return Answer.of(text(p, catalog.nonImgExpiration()));
        }
        if (!req.isEmpty()) {
            throw new ImageServingException(Kind.BAD_REQUEST, "req=" + req + " does not apply to static content");
        }
        return Answer.stream(file.get(), path, hours);
    }

    private static Reply text(Map<String, String> p, double hours) {
        return Reply.ok(PropertiesFormat.TEXT.contentType(), PropertiesFormat.TEXT.render(p, null, null), null, hours, CacheUse.UNDEFINED);
    }
}
