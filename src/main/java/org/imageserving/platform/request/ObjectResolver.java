package org.imageserving.platform.request;

import java.util.List;
import java.util.Optional;
import org.imageserving.platform.catalog.Catalog;
import org.imageserving.platform.catalog.CatalogRecord;
import org.imageserving.platform.catalog.Catalogs;
import org.imageserving.platform.request.ImageServingException.Kind;
import org.imageserving.stock.SourceRoots;

/**
 * Resolves the object of {@code /is/image/{object}} as Adobe does: when the first path element is a
 * catalog's RootId, that catalog is the main catalog and the rest is looked up as its {@code catalog::Id};
 * otherwise the default catalog is the main catalog and the whole object is looked up there. An id
 * without a record is a file path relative to the main catalog's RootPath. The source path handed on
 * is relative to the Image Server's RootPath; an absolute RootPath must lie inside one of them.
 */
public final class ObjectResolver {

    /** The main catalog, the record (if any), and the source file path relative to an image root. */
    public record Resolved(Catalog catalog, CatalogRecord record, String id, String source) {

        public Optional<CatalogRecord> optionalRecord() {
            return Optional.ofNullable(record);
        }
    }

    private final Catalogs catalogs;
    private final SourceRoots roots;

    public ObjectResolver(Catalogs catalogs, SourceRoots roots) {
        this.catalogs = catalogs;
        this.roots = roots;
    }

    /** {@code elements} are the decoded path elements after /is/image/ (or /is/content/). */
    public Resolved resolve(List<String> elements) throws ImageServingException {
        checkElements(elements);
        if (elements.size() >= 2) {
            Optional<Catalog> catalog = catalogs.byRootId(elements.get(0));
            if (catalog.isPresent()) {
                return within(catalog.get(), String.join("/", elements.subList(1, elements.size())));
            }
        }
        return within(catalogs.defaultCatalog(), String.join("/", elements));
    }

    /** Looks {@code id} up in {@code catalog}, falling back to a file path under its RootPath. */
    public Resolved within(Catalog catalog, String id) throws ImageServingException {
        Optional<CatalogRecord> record = catalog.record(id);
        String path = record.map(CatalogRecord::path).filter(p -> !p.isEmpty()).orElse(id);
        return new Resolved(catalog, record.orElse(null), id, sourcePath(catalog.rootPath(), path));
    }

    /** The default image {@code object} of {@code catalog}: "rootId/id", an id of the catalog, or a path. */
    public Resolved defaultImage(Catalog catalog, String object) throws ImageServingException {
        List<String> elements = List.of(object.split("/"));
        if (elements.size() >= 2 && catalogs.byRootId(elements.get(0)).isPresent()) {
            return resolve(elements);
        }
        return within(catalog, object);
    }

    private String sourcePath(String rootPath, String path) throws ImageServingException {
        String joined;
        if (path.startsWith("/")) {
            joined = path;
        } else if (rootPath.isEmpty()) {
            joined = path;
        } else {
            joined = (rootPath.endsWith("/") ? rootPath : rootPath + "/") + path;
        }
        if (joined.startsWith("/")) {
            joined = roots.relativize(java.nio.file.Path.of(joined))
                    .orElseThrow(() -> new ImageServingException(Kind.NOT_FOUND, "source lies outside the image roots"));
        }
        if (!SourceRoots.isSafe(joined)) {
            throw new ImageServingException(Kind.BAD_REQUEST, "'..', empty or control characters are not permitted in a path element");
        }
        return joined;
    }

    private static void checkElements(List<String> elements) throws ImageServingException {
        if (elements.isEmpty()) {
            throw new ImageServingException(Kind.BAD_REQUEST, "no image specified");
        }
        for (String e : elements) {
            if (e.isEmpty() || e.equals(".") || e.equals("..") || e.indexOf('\\') >= 0 || e.indexOf('/') >= 0 || hasControl(e)) {
                throw new ImageServingException(Kind.BAD_REQUEST, "'..', empty or control characters are not permitted in a path element");
            }
        }
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20 || s.charAt(i) == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
