package org.imageserving.platform;

import java.util.Optional;
import org.imageserving.platform.cache.CacheFigures;
import org.imageserving.platform.cache.SharedCache;
import org.imageserving.platform.cache.SharedEntry;

/**
 * The response cache's two levels and their order: the local disk first ({@link ResponseCache}), then the level
 * shared by every ps of the site ({@link SharedCache}, on Redis), then a render. A shared hit is copied to the
 * local level; a render goes to both (the shared write off the request's thread). Each reply says where it came
 * from in {@code X-Cache}: {@code HIT-LOCAL}, {@code HIT-SHARED} or {@code MISS}.
 */
final class TieredCache implements AutoCloseable {

    /** The X-Cache values. */
    static final String HIT_LOCAL = "HIT-LOCAL";
    static final String HIT_SHARED = "HIT-SHARED";
    static final String MISS = "MISS";

    /** A cached reply and the level that had it (its X-Cache value). */
    record Hit(ResponseCache.Entry entry, String level) {}

    private final ResponseCache local;
    private final SharedCache shared;
    private final CacheFigures figures;

    TieredCache(ResponseCache local, SharedCache shared, CacheFigures figures) {
        this.local = local;
        this.shared = shared;
        this.figures = figures;
    }

    /** Whether replies are stored at all (either level on). */
    boolean enabled() {
        return local.enabled() || shared.enabled();
    }

    Optional<Hit> get(String key) {
        Optional<ResponseCache.Entry> near = local.get(key);
        if (near.isPresent()) {
            figures.localHit();
            return Optional.of(new Hit(near.get(), HIT_LOCAL));
        }
        figures.localMiss();
        Optional<SharedEntry> far = shared.get(key);
        if (far.isPresent()) {
            SharedEntry e = far.get();
            ResponseCache.Entry entry = new ResponseCache.Entry(e.body(), e.contentType(), e.etag(), e.width(), e.height());
            local.put(key, entry);
            return Optional.of(new Hit(entry, HIT_SHARED));
        }
        figures.miss();
        return Optional.empty();
    }

    /** A render: stored locally now, queued for the shared level. */
    void put(String key, ResponseCache.Entry entry) {
        local.put(key, entry);
        shared.put(key, new SharedEntry(entry.contentType(), entry.etag(), entry.width(), entry.height(), entry.body()));
    }

    int localEntries() {
        return local.entries();
    }

    SharedCache shared() {
        return shared;
    }

    @Override
    public void close() {
        shared.close();
    }
}
