package org.imageserving.stock;

import org.imageserving.install.Homes;
import java.nio.file.Path;
import java.util.Locale;
import org.w3c.dom.Element;

/**
 * The Image Server's render engine and libvips' resources, from conf/ImageServerRegistry.xml (our
 * elements, beside Adobe's). libvips' own defaults suit a desktop tool, not a server: its operation cache
 * would pin decoded images and open files between unrelated requests, and its thread pool would use every
 * core for each render while WorkerThreads renders already run side by side.
 *
 * @param engine           RenderEngine: {@code auto} (libvips when it loads, else Java), {@code vips} or
 *                         {@code java}; the system property {@code imageserving.is.engine} overrides it
 * @param vipsConcurrency  VipsConcurrency: libvips worker threads per render (default 1)
 * @param cacheMaxOperations VipsCacheMaxOperations: operations libvips keeps for reuse (default 0 = off)
 * @param cacheMaxMemoryMb VipsCacheMaxMemory: memory those may hold, in MB (default 16)
 * @param cacheMaxFiles    VipsCacheMaxFiles: files those may keep open (default 0)
 */
public record EngineSettings(String engine, int vipsConcurrency, int cacheMaxOperations, int cacheMaxMemoryMb, int cacheMaxFiles) {

    public static final String ENGINE_PROPERTY = "imageserving.is.engine";

    public static EngineSettings defaults() {
        return new EngineSettings("auto", 1, 0, 16, 0);
    }

    public static EngineSettings load(Homes home) {
        EngineSettings settings = home.confFile(ImageServerRegistry.FILE).map(EngineSettings::read).orElseGet(EngineSettings::defaults);
        String override = System.getProperty(ENGINE_PROPERTY);
        return override == null || override.isBlank() ? settings : settings.withEngine(engine(ENGINE_PROPERTY, override));
    }

    static EngineSettings read(Path file) {
        Element root = ImageServerRegistry.parse(file).getDocumentElement();
        EngineSettings d = defaults();
        String engine = ImageServerRegistry.first(root, "RenderEngine").map(v -> engine(file + ": <RenderEngine>", v)).orElse(d.engine());
        return new EngineSettings(engine,
                (int) ImageServerRegistry.number(file, root, "VipsConcurrency", d.vipsConcurrency(), 1, 64),
                (int) ImageServerRegistry.number(file, root, "VipsCacheMaxOperations", d.cacheMaxOperations(), 0, 100_000),
                (int) ImageServerRegistry.number(file, root, "VipsCacheMaxMemory", d.cacheMaxMemoryMb(), 0, 65_536),
                (int) ImageServerRegistry.number(file, root, "VipsCacheMaxFiles", d.cacheMaxFiles(), 0, 10_000));
    }

    private static String engine(String where, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("auto") && !v.equals("vips") && !v.equals("java")) {
            throw new UsageException(where + " [" + value + "] must be auto, vips or java");
        }
        return v;
    }

    public EngineSettings withEngine(String value) {
        return new EngineSettings(value, vipsConcurrency, cacheMaxOperations, cacheMaxMemoryMb, cacheMaxFiles);
    }
}
