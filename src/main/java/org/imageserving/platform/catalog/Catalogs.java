package org.imageserving.platform.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The catalog folder (catalog-service.conf {@code catalog.rootPath}): default.ini plus one {@code .ini}
 * per catalog, watched every {@code catalog.refreshInterval} ms. When any attribute, data or macro file
 * changes (or one appears or goes), the folder is read again and swapped in whole; a catalog that fails to
 * load keeps its previous version and the failure is logged as one line naming the file.
 */
public final class Catalogs implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(Catalogs.class);

    /** An immutable view of all catalogs, swapped atomically on reload. */
    private record Snapshot(Catalog defaultCatalog, Map<String, Catalog> byRootId, String fingerprint) {}

    private final Path folder;
    private volatile Snapshot snapshot;
    private ScheduledExecutorService watcher;

    public Catalogs(Path folder) {
        this.folder = folder;
        this.snapshot = load(null);
    }

    /** Checks the folder every {@code intervalMillis} and reloads on change. */
    public void watch(long intervalMillis) {
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalog-watch");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::refresh, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Reloads now if anything changed; returns true when a new snapshot was swapped in. */
    public boolean refresh() {
        try {
            Snapshot current = snapshot;
            if (fingerprint(current).equals(current.fingerprint())) {
                return false;
            }
            snapshot = load(current);
            LOG.info("catalogs reloaded from {}: {}", folder, names());
            return true;
        } catch (RuntimeException e) {
            LOG.error("catalog reload failed: {}", e.toString());
            return false;
        }
    }

    public Catalog defaultCatalog() {
        return snapshot.defaultCatalog();
    }

    /** The catalog whose RootId is {@code rootId} (case-insensitive). */
    public Optional<Catalog> byRootId(String rootId) {
        return Optional.ofNullable(snapshot.byRootId().get(rootId.toLowerCase(Locale.ROOT)));
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(snapshot.defaultCatalog().name());
        snapshot.byRootId().values().forEach(c -> names.add(c.name()));
        return names;
    }

    private Snapshot load(Snapshot previous) {
        Path defaultIni = folder.resolve("default.ini");
        Catalog defaultCatalog;
        try {
            defaultCatalog = Files.isRegularFile(defaultIni) ? CatalogLoader.load(defaultIni, null) : CatalogLoader.builtIn();
            if (!Files.isRegularFile(defaultIni)) {
                LOG.error("{} is missing: using built-in catalog defaults; copy conf/catalog/default.ini into place", defaultIni);
            }
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            defaultCatalog = previous != null ? previous.defaultCatalog() : CatalogLoader.builtIn();
        }
        Map<String, Catalog> byRootId = new HashMap<>();
        for (Path ini : iniFiles()) {
            if (ini.getFileName().toString().equalsIgnoreCase("default.ini")) {
                continue;
            }
            try {
                Catalog catalog = CatalogLoader.load(ini, defaultCatalog);
                if (catalog.rootId().isEmpty()) {
                    LOG.warn("{}: RootId is empty; the catalog cannot be addressed", ini);
                    continue;
                }
                Catalog clash = byRootId.putIfAbsent(catalog.rootId().toLowerCase(Locale.ROOT), catalog);
                if (clash != null) {
                    LOG.error("{}: RootId [{}] is already used by {}; give each catalog its own RootId", ini, catalog.rootId(), clash.file());
                }
            } catch (IllegalArgumentException e) {
                LOG.error("{}", e.getMessage());
                if (previous != null) {
                    previous.byRootId().values().stream().filter(c -> ini.equals(c.file()))
                            .forEach(c -> byRootId.putIfAbsent(c.rootId().toLowerCase(Locale.ROOT), c));
                }
            }
        }
        Snapshot partial = new Snapshot(defaultCatalog, Map.copyOf(byRootId), "");
        return new Snapshot(defaultCatalog, Map.copyOf(byRootId), fingerprint(partial));
    }

    private List<Path> folderFiles() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private List<Path> iniFiles() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(CatalogLoader::isCatalogFile).sorted().toList();
        } catch (IOException e) {
            LOG.error("{}: cannot list the catalog folder ({})", folder, e.toString());
            return List.of();
        }
    }

    /**
     * Names, sizes and modification times of every file in the folder (so that a data file written after
     * a catalog failed for want of it is noticed) and of every file the loaded catalogs read elsewhere.
     */
    private String fingerprint(Snapshot s) {
        StringBuilder out = new StringBuilder();
        List<Path> all = new ArrayList<>(folderFiles());
        all.addAll(s.defaultCatalog().files());
        s.byRootId().values().forEach(c -> all.addAll(c.files()));
        for (Path p : all.stream().distinct().sorted().toList()) {
            out.append(p).append('|');
            try {
                out.append(Files.size(p)).append('|').append(Files.getLastModifiedTime(p).toMillis());
            } catch (IOException e) {
                out.append("missing");
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
