package org.imageserving.imageserver;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.stock.EngineSettings;
import org.imageserving.stock.ImageServerRegistry;
import org.imageserving.stock.SourceRoots;
import org.imageserving.stock.UsageException;

/**
 * Chooses the Image Server's render engine once, at start: libvips when RenderEngine is {@code auto} (the
 * default) and libvips loads, the pure-Java pipeline otherwise or when {@code java} is asked for. Asking
 * for {@code vips} where it cannot load is a configuration error, not a silent fallback.
 */
final class RenderEngines {

    private static final Logger LOG = LogManager.getLogger(RenderEngines.class);

    private RenderEngines() {
    }

    static RenderEngine choose(EngineSettings settings, SourceRoots roots, ImageServerRegistry registry, RenderPipeline java) {
        RenderEngine engine = pick(settings, roots, registry, java);
        RenderEngineInfo.publish(engine.name());
        return engine;
    }

    private static RenderEngine pick(EngineSettings settings, SourceRoots roots, ImageServerRegistry registry, RenderPipeline java) {
        if (settings.engine().equals("java")) {
            LOG.info("render engine: java (RenderEngine=java)");
            return java;
        }
        Vips vips = Vips.load(settings);
        if (vips == null) {
            if (settings.engine().equals("vips")) {
                throw new UsageException("RenderEngine=vips but " + Vips.failure());
            }
            LOG.info("render engine: java ({})", Vips.failure());
            return java;
        }
        VipsEngine engine = new VipsEngine(vips, roots, registry, java);
        LOG.info("render engine: {} (VipsConcurrency {}, cache {} operations / {} MB / {} files)", engine.name(),
                settings.vipsConcurrency(), settings.cacheMaxOperations(), settings.cacheMaxMemoryMb(), settings.cacheMaxFiles());
        return engine;
    }
}
