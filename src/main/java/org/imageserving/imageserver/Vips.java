package org.imageserving.imageserver;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.List;
import org.imageserving.stock.EngineSettings;

/**
 * libvips in this process: loaded and initialised once, with the server's limits applied before the first
 * image. Loaders other than the formats the Image Server serves are blocked (libvips has loaders for
 * dozens of formats, some of them neither fuzzed nor meant for hostile files), and the operation cache and
 * thread pool come from {@link EngineSettings} rather than libvips' desktop defaults.
 */
final class Vips {

    /** The loaders left open: what RasterSource reads, WebP/HEIF/AVIF, and SVG through librsvg. */
    private static final List<String> ALLOWED_LOADERS = List.of("VipsForeignLoadJpeg", "VipsForeignLoadPng",
            "VipsForeignLoadNsgif", "VipsForeignLoadTiff", "VipsForeignLoadWebp", "VipsForeignLoadHeif", "VipsForeignLoadSvg");

    private static Vips instance;
    private static String failure;

    private final LibVips lib;
    private final String version;

    private Vips(LibVips lib) {
        this.lib = lib;
        this.version = lib.vips_version_string();
    }

    /** The initialised library, or null when it cannot be loaded here ({@link #failure} says why). */
    static synchronized Vips load(EngineSettings settings) {
        if (instance != null || failure != null) {
            if (instance != null) {
                instance.apply(settings);
            }
            return instance;
        }
        try {
            quietWarnings();
            LibVips lib = bind();
            if (lib.vips_init("imageserving") != 0) {
                failure = "vips_init failed: " + lib.vips_error_buffer();
                return null;
            }
            lib.vips_operation_block_set("VipsForeignLoad", 1);
            for (String loader : ALLOWED_LOADERS) {
                lib.vips_operation_block_set(loader, 0);
            }
            instance = new Vips(lib);
            instance.apply(settings);
            return instance;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            failure = "libvips not found (" + e.getMessage() + "); install Debian's libvips42";
            return null;
        }
    }

    /** Debian ships only the versioned name without libvips-dev; other systems the plain one. */
    private static LibVips bind() {
        UnsatisfiedLinkError first = null;
        for (String name : List.of("libvips.so.42", "vips")) {
            try {
                return Native.load(name, LibVips.class);
            } catch (UnsatisfiedLinkError e) {
                first = first == null ? e : first;
            }
        }
        throw first;
    }

    /** The C library, for setenv before vips_init reads the environment. */
    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * libvips prints a warning to stderr per bad scanline of a damaged file: thousands of lines in is's
     * log from one hostile request. VIPS_WARNING makes vips_init drop them; failures still arrive as errors.
     */
    private static void quietWarnings() {
        if (System.getenv("VIPS_WARNING") == null) {
            Native.load("c", LibC.class).setenv("VIPS_WARNING", "0", 0);
        }
    }

    static synchronized String failure() {
        return failure;
    }

    private void apply(EngineSettings settings) {
        lib.vips_concurrency_set(settings.vipsConcurrency());
        lib.vips_cache_set_max(settings.cacheMaxOperations());
        lib.vips_cache_set_max_mem(settings.cacheMaxMemoryMb() * 1024L * 1024L);
        lib.vips_cache_set_max_files(settings.cacheMaxFiles());
    }

    LibVips lib() {
        return lib;
    }

    String version() {
        return version;
    }

    /** libvips' error text since the last call (one line), then cleared; the buffer is process-wide. */
    String lastError() {
        String text = lib.vips_error_buffer();
        lib.vips_error_clear();
        if (text == null || text.isBlank()) {
            return "libvips failed without a message";
        }
        return text.strip().replace('\n', ';');
    }

    /** Bytes libvips has allocated for pixels right now (its own tracked allocations). */
    long trackedBytes() {
        return lib.vips_tracked_get_mem();
    }
}
