package org.imageserving.platform;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.imageserving.platform.cache.SharedCacheConfig;
import org.imageserving.stock.StockHome;
import org.imageserving.stock.UsageException;

/**
 * conf/PlatformServer.conf and conf/catalog-service.conf (Java properties, Adobe's key names), read at
 * start. Keys this server adds are marked "ours" in the shipped files. Precedence: built-in default <
 * conf file < command line (--port, --image-server-port, --bind).
 *
 * @param imageServerPort    isConnection.port: the Image Server's port on 127.0.0.1 (--image-server-port wins)
 * @param cacheRoot          cache.rootPaths (first entry): the response cache lives in its is-response/ folder
 * @param cacheMaxSize       cache.maxSize, bytes
 * @param cacheMaxEntries    cache.maxEntries
 * @param staticContentRoots staticContent.rootPaths, ';'-separated, searched in order
 * @param allowDefaultCatalog allowDefaultCatalogRequests (Adobe spells it allowDefaultCatalogRequsts; both read)
 * @param catalogRoot        catalog.rootPath (catalog-service.conf)
 * @param catalogRefreshMillis catalog.refreshInterval (catalog-service.conf)
 * @param errorStatus        ours: 403 (Adobe's), 400, 404, 500, or "http" for 404/400/500 by kind
 * @param renderTimeoutMillis isConnection.timeout: how long each wait for the Image Server's reply may take before
 *                           the client gets 503
 * @param holdMillis         ours: how long a request waits for a restarting Image Server (or SVG server) before 503
 * @param retryAfterSeconds  ours: Retry-After of the 503 sent while the Image Server is down
 * @param bindAddress        ours: interface the HTTP port binds (0.0.0.0 = all)
 * @param accessLogMaxDays   ours: days of logs/access-*.log kept (Tomcat's maxDays)
 * @param limits             ours: connector limits, deadlines and bulkheads ({@link PlatformLimits})
 * @param sharedCache        ours: the response cache's second level, on Redis ({@link SharedCacheConfig}); off by default
 */
public record PlatformConfig(
        int imageServerPort,
        Path cacheRoot,
        long cacheMaxSize,
        int cacheMaxEntries,
        List<Path> staticContentRoots,
        boolean allowDefaultCatalog,
        Path catalogRoot,
        long catalogRefreshMillis,
        String errorStatus,
        long renderTimeoutMillis,
        long holdMillis,
        int retryAfterSeconds,
        String bindAddress,
        int accessLogMaxDays,
        PlatformLimits limits,
        SharedCacheConfig sharedCache) {

    public static PlatformConfig load(StockHome home) {
        Properties ps = read(home, "PlatformServer.conf");
        Properties cs = read(home, "catalog-service.conf");
        String allow = ps.getProperty("allowDefaultCatalogRequests", ps.getProperty("allowDefaultCatalogRequsts", "true"));
        String errorStatus = ps.getProperty("errorStatus", "403").trim().toLowerCase(Locale.ROOT);
        if (!List.of("403", "400", "404", "500", "http").contains(errorStatus)) {
            throw new UsageException("conf/PlatformServer.conf: errorStatus [" + errorStatus + "] must be 403, 400, 404, 500 or http");
        }
        return new PlatformConfig(
                (int) number(ps, "PlatformServer.conf", "isConnection.port", 27345, 1, 65535),
                home.resolve(first(ps.getProperty("cache.rootPaths", "./cache"))),
                number(ps, "PlatformServer.conf", "cache.maxSize", 1_073_741_824L, 0, Long.MAX_VALUE),
                (int) number(ps, "PlatformServer.conf", "cache.maxEntries", 1_000_000, 0, Integer.MAX_VALUE),
                paths(home, ps.getProperty("staticContent.rootPaths", "./static-content")),
                Boolean.parseBoolean(allow.trim()),
                home.resolve(cs.getProperty("catalog.rootPath", "./conf/catalog")),
                number(cs, "catalog-service.conf", "catalog.refreshInterval", 10_000, 100, 86_400_000),
                errorStatus,
                number(ps, "PlatformServer.conf", "isConnection.timeout", 10_000, 100, 3_600_000),
                number(ps, "PlatformServer.conf", "isConnection.hold", 15_000, 0, 600_000),
                (int) number(ps, "PlatformServer.conf", "retryAfter", 2, 1, 3600),
                ps.getProperty("bindAddress", "0.0.0.0").trim(),
                (int) number(ps, "PlatformServer.conf", "accessLog.maxDays", 10, -1, 36_500),
                PlatformLimits.load(ps),
                SharedCacheConfig.load(ps, (key, fallback, min, max) -> number(ps, "PlatformServer.conf", key, fallback, min, max),
                        home::resolve));
    }

    /** The status an error of this kind is answered with. */
    public int statusFor(int httpStatusOfKind) {
        return errorStatus.equals("http") ? httpStatusOfKind : Integer.parseInt(errorStatus);
    }

    private static Properties read(StockHome home, String name) {
        Properties p = new Properties();
        home.conf(name).ifPresent(file -> {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException(file + ": cannot be read as Java properties (" + e.getMessage() + ")");
            }
        });
        return p;
    }

    private static String first(String list) {
        return list.split(";")[0].trim();
    }

    private static List<Path> paths(StockHome home, String list) {
        List<Path> result = new ArrayList<>();
        for (String part : list.split(";")) {
            if (!part.isBlank()) {
                result.add(home.resolve(part.trim()));
            }
        }
        return result;
    }

    static long number(Properties p, String file, String key, long fallback, long min, long max) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("conf/" + file + ": " + key + " [" + value.trim() + "] must be an integer from " + min + " to " + max);
    }
}
