package org.imageserving.platform;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.imageserving.platform.Reply.CacheUse;
import org.imageserving.platform.cache.SharedCache;
import org.imageserving.platform.catalog.Catalogs;
import org.imageserving.stock.PropertiesText;
import org.imageserving.stock.Version;

/**
 * {@code GET /is/image} without an object: the install check. Items starting with {@code imageServer.}
 * appear only when the Platform Server could reach the Image Server, as Adobe's verification step expects.
 */
final class StatusPage {

    private final Catalogs catalogs;
    private final ImageServerClient imageServer;
    private final TieredCache cache;

    StatusPage(Catalogs catalogs, ImageServerClient imageServer, TieredCache cache) {
        this.catalogs = catalogs;
        this.imageServer = imageServer;
        this.cache = cache;
    }

    Reply reply() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("platformServer.version", Version.get());
        p.put("platformServer.uptime", Long.toString(ManagementFactory.getRuntimeMXBean().getUptime()));
        p.put("platformServer.catalogs", String.join(",", catalogs.names()));
        p.put("platformServer.cacheEntries", Integer.toString(cache.localEntries()));
        SharedCache shared = cache.shared();
        p.put("sharedCache.state", shared.state().name());
        if (shared.enabled()) {
            p.put("sharedCache.servers", shared.config().servers());
            if (!shared.reason().isEmpty()) {
                p.put("sharedCache.reason", shared.reason().replaceAll("[\\x00-\\x1f\\x7f]", "?"));
            }
        }
        p.put("platformServer.imageServerAddress", imageServer.address());
        Map<String, String> is = imageServer.status();
        if (is == null) {
            p.put("platformServer.imageServerStatus", "unavailable");
        } else {
            p.put("platformServer.imageServerStatus", "OK");
            p.putAll(is);
        }
        byte[] body = PropertiesText.body(p).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Reply.ok("text/plain; charset=UTF-8", body, null, 0, CacheUse.UNDEFINED);
    }
}
