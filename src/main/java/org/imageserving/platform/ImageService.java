package org.imageserving.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.platform.Reply.CacheUse;
import org.imageserving.platform.cache.SourceDigests;
import org.imageserving.platform.catalog.Catalog;
import org.imageserving.platform.catalog.CatalogRecord;
import org.imageserving.platform.catalog.Catalogs;
import org.imageserving.platform.request.CommandParser;
import org.imageserving.platform.request.CommandSyntax;
import org.imageserving.platform.request.Commands;
import org.imageserving.platform.request.ImageServingException;
import org.imageserving.platform.request.ImageServingException.Kind;
import org.imageserving.platform.request.ObjectResolver;
import org.imageserving.platform.request.ObjectResolver.Resolved;
import org.imageserving.platform.request.RenderRequestBuilder;
import org.imageserving.stock.BadValueException;
import org.imageserving.stock.RenderRequest;
import org.imageserving.stock.SourceRoots;
import org.imageserving.text.LogText;

/**
 * {@code /is/image/{object}?{modifiers}}: resolves the object through the catalogs, expands the commands,
 * and answers the request type (req=img by default) — images from the response cache or the Image
 * Server, properties from the catalog or the Image Server. Missing images fall back to defaultImage= or
 * attribute::DefaultImage (DefaultImageMode 0: only wid, hei, fmt and qlt are kept).
 */
final class ImageService {

    private static final Logger LOG = LogManager.getLogger(ImageService.class);

    private final Catalogs catalogs;
    private final ObjectResolver resolver;
    private final SourceRoots roots;
    private final ImageServerClient imageServer;
    private final TieredCache cache;
    private final SourceDigests digests = new SourceDigests();
    private final PlatformConfig config;
    private final InfoRequests info;

    ImageService(Catalogs catalogs, SourceRoots roots, ImageServerClient imageServer, TieredCache cache, PlatformConfig config) {
        this.catalogs = catalogs;
        this.resolver = new ObjectResolver(catalogs, roots);
        this.roots = roots;
        this.imageServer = imageServer;
        this.cache = cache;
        this.config = config;
        this.info = new InfoRequests(imageServer, roots, cache.shared());
    }

    Reply handle(List<String> elements, String rawQuery) {
        Catalog catalog = catalogs.defaultCatalog();
        try {
            Resolved object = resolver.resolve(elements);
            catalog = object.catalog();
            if (!config.allowDefaultCatalog() && catalog.isDefault() && object.record() == null) {
                throw new ImageServingException(Kind.NOT_FOUND, "requests outside a named catalog are not allowed (allowDefaultCatalogRequests)");
            }
            Optional<CatalogRecord> record = object.optionalRecord();
            Commands commands = CommandParser.parse(rawQuery, record.map(CatalogRecord::modifier).orElse(""),
                    record.map(CatalogRecord::postModifier).orElse(""), catalog);
            CommandSyntax.check(commands);
            RequestType req = RequestType.of(commands.get("req").orElse(""));
            return switch (req.type()) {
                case "img" -> image(object, commands, false, req);
                case "props" -> image(object, commands, true, req);
                default -> info.answer(req, object, commands);
            };
        } catch (ImageServingException e) {
            return error(e, catalog);
        } catch (BadValueException e) {
            return error(new ImageServingException(Kind.BAD_REQUEST, e.getMessage()), catalog);
        }
    }

    /** The error reply, with the detail the main catalog's ErrorDetail allows (the default catalog's when null). */
    Reply error(ImageServingException e, Catalog catalog) {
        int errorDetail = (catalog == null ? catalogs.defaultCatalog() : catalog).errorDetail();
        if (e.kind() == Kind.UNAVAILABLE || e.kind() == Kind.NO_REPLY) {
            return Reply.error(503, e.message(errorDetail), e.kind().processingStatus(), config.retryAfterSeconds());
        }
        LOG.debug("{}: {}", e.kind(), LogText.escape(e.getMessage()));
        return Reply.error(config.statusFor(e.kind().httpStatus()), e.message(errorDetail), e.kind().processingStatus(), 0);
    }

    private Reply image(Resolved object, Commands commands, boolean propsOnly, RequestType req) throws ImageServingException {
        CacheControl cacheControl = CacheControl.parse(commands.get("cache").orElse(null));
        Catalog catalog = object.catalog();
        Resolved target = object;
        Commands effective = commands;
        double hours = expiration(object.record(), catalog.expiration());
        Optional<Path> file = roots.find(object.source());
        if (file.isEmpty()) {
            String fallback = commands.get("defaultimage").orElse(catalog.defaultImage());
            if (fallback.isEmpty() || object.source().toLowerCase(Locale.ROOT).endsWith(".svg")) {
                throw new ImageServingException(Kind.NOT_FOUND, object.source());
            }
            target = resolver.defaultImage(catalog, fallback);
            file = roots.find(target.source());
            if (file.isEmpty()) {
                throw new ImageServingException(Kind.NOT_FOUND, object.source() + " (and the default image " + fallback + ")");
            }
            effective = defaultImageCommands(target, commands, catalog);
            hours = expiration(target.record(), catalog.defaultExpiration());
        }
        RenderRequest render = RenderRequestBuilder.build(target.source(), effective, catalog);
        if (!cacheControl.client()) {
            hours = 0;
        }
        if (propsOnly) {
            return info.props(render, req, catalog.nonImgExpiration(), commands);
        }
        String key = cacheKey(render, digests.of(file.get()));
        if (cacheControl.serverRead()) {
            Optional<TieredCache.Hit> hit = cache.get(key);
            if (hit.isPresent()) {
                ResponseCache.Entry entry = hit.get().entry();
                return Reply.ok(entry.contentType(), entry.body(), entry.etag(), hours, CacheUse.REUSED).from(hit.get().level());
            }
        }
        ImageServerClient.Reply rendered = imageServer.render(render);
        String etag = Reply.md5(rendered.body());
        CacheUse use = CacheUse.IGNORED;
        if (cacheControl.serverWrite() && cache.enabled()) {
            cache.put(key, new ResponseCache.Entry(rendered.body(), rendered.contentType(), etag, rendered.width(), rendered.height()));
            use = cacheControl.serverRead() ? CacheUse.CREATED : CacheUse.UPDATED;
        }
        return Reply.ok(rendered.contentType(), rendered.body(), etag, hours, use).from(TieredCache.MISS);
    }

    /**
     * The response cache's key, the same on every host that has the same catalogs and sources: the resolved render
     * (what the catalog record, its macros and the request make of it: source path, size, format, …) and the
     * source's content. A changed record that changes the reply changes the render, so the key: each host asks
     * for the new key as soon as it has reloaded the catalog, on both levels, and the old entries are never read
     * again (they go by LRU locally and by TTL in Redis). A record change that leaves the render alone leaves the
     * reply, and so its entries, valid.
     */
    static String cacheKey(RenderRequest render, String sourceDigest) {
        return ResponseCache.key("img\n" + render.toQuery() + "\n" + sourceDigest);
    }

    /** DefaultImageMode 0: the default image's own modifiers plus the request's wid, hei, fmt and qlt. */
    private static Commands defaultImageCommands(Resolved target, Commands original, Catalog catalog) throws ImageServingException {
        StringBuilder kept = new StringBuilder();
        for (String name : List.of("wid", "hei", "fmt", "qlt", "cache")) {
            original.get(name).ifPresent(v -> kept.append(kept.length() == 0 ? "" : "&").append(name).append('=').append(percent(v)));
        }
        Optional<CatalogRecord> record = target.optionalRecord();
        return CommandParser.parse(kept.toString(), record.map(CatalogRecord::modifier).orElse(""),
                record.map(CatalogRecord::postModifier).orElse(""), catalog);
    }

    private static String percent(String value) {
        return value.replace("%", "%25").replace("&", "%26");
    }

    /** catalog::Expiration of the record, else the given attribute (-2 on the record means "use the attribute"). */
    static double expiration(CatalogRecord record, double attribute) {
        if (record != null && record.expiration() != null && record.expiration() != -2) {
            return record.expiration();
        }
        return attribute;
    }

}
