package org.imageserving.imageserver;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imageserving.imageserver.RenderException.Kind;
import org.imageserving.stock.ImageServerRegistry;
import org.imageserving.stock.SvgElementCount;
import org.imageserving.stock.SvgSize;

/**
 * A source file opened by libvips: the loader chosen from the file's bytes (not its name), and its header
 * read without decoding a pixel, so that MaxNonDsfSize (or, for SVG, SVGFileSizeLimit) is enforced before
 * any pixel work. {@link #load} then opens the pixels at the coarsest resolution that still serves the
 * reply: JPEG's DCT scaling (1/2, 1/4, 1/8), WebP's scaled decode, SVG rasterised at the reply's scale.
 */
final class VipsInput {

    private final VipsScope scope;
    private final LibVips lib;
    private final Pointer source;
    private final String loader;
    private final String name;
    private final Pointer header;
    private final int width;
    private final int height;

    private VipsInput(VipsScope scope, LibVips lib, Pointer source, String loader, String name, Pointer header, int width, int height) {
        this.scope = scope;
        this.lib = lib;
        this.source = source;
        this.loader = loader;
        this.name = name;
        this.header = header;
        this.width = width;
        this.height = height;
    }

    static VipsInput open(VipsScope scope, LibVips lib, Path file, String name, ImageServerRegistry registry) throws RenderException {
        int width;
        int height;
        boolean svg = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
        SvgSize svgSize = svg ? svgSize(file, name, registry.svgFileSizeLimitKb() * 1024L) : null;
        if (!svg) {
            // libtiff and libjpeg trust the header as ImageIO does (directory chains, coefficient buffers in native
            // memory): the same bounded parsers as the Java engine's run first. libvips' pixels are not on the heap,
            // so the limit is MaxNonDsfSize itself, not its heap-lowered form.
            SourceLimits.check(file, name, registry.maxSourcePixels());
        }
        scope.hide(file.toString(), name);
        Pointer source = scope.keep(lib.vips_source_new_from_file(file.toString()), Kind.NOT_FOUND, name + ": cannot be read");
        String loader = lib.vips_foreign_find_load_source(source);
        if (loader == null) {
            throw new RenderException(Kind.UNDECODABLE, name + ": not an image this server can read");
        }
        if (svg != loader.startsWith("VipsForeignLoadSvg")) {
            throw new RenderException(Kind.UNDECODABLE, name + ": the file's content does not match its .svg name");
        }
        Pointer header = scope.keep(lib.vips_image_new_from_source(source, "", "fail_on", LibVips.FAIL_ON_TRUNCATED, null),
                Kind.UNDECODABLE, name + ": cannot be decoded");
        if (svg) {
            width = Math.max(1, (int) Math.round(svgSize.width()));
            height = Math.max(1, (int) Math.round(svgSize.height()));
        } else {
            width = lib.vips_image_get_width(header);
            height = lib.vips_image_get_height(header);
            if (width <= 0 || height <= 0 || (long) width * height > registry.maxSourcePixels()) {
                throw new RenderException(Kind.TOO_LARGE, name + ": source of " + width + "x" + height
                        + " pixels exceeds MaxNonDsfSize (" + registry.maxSourcePixels() + " pixels)");
            }
        }
        return new VipsInput(scope, lib, source, loader, name, header, width, height);
    }

    /** The SVG's intrinsic size, read by the same parser as the Java engine's, after the file-size limit. */
    private static SvgSize svgSize(Path file, String name, long maxBytes) throws RenderException {
        try {
            byte[] svg = SvgSource.readWithin(file, name, maxBytes);
            SvgSize intrinsic = SvgSize.of(svg);
            // the svg server's own count, so that both rasterisers refuse the same <use> bombs and cycles
            SvgElementCount.check(svg);
            return intrinsic;
        } catch (IOException e) {
            throw new RenderException(Kind.NOT_FOUND, name + ": cannot be read");
        } catch (SvgElementCount.TooLarge e) {
            throw new RenderException(Kind.TOO_LARGE, name + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new RenderException(Kind.UNDECODABLE, name + ": " + e.getMessage());
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    boolean svg() {
        return loader.startsWith("VipsForeignLoadSvg");
    }

    /** "jpeg", "png", "gif", "tiff", "webp", "heif", "svg", as req=imageprops reports. */
    String format() {
        String f = loader.replaceFirst("^VipsForeignLoad", "").replaceFirst("(File|Buffer|Source)$", "").toLowerCase(Locale.ROOT);
        return f.equals("nsgif") ? "gif" : f;
    }

    String pixelType() {
        return switch (lib.vips_image_get_interpretation(header)) {
            case 1, 26 -> "BW"; // B_W, GREY16
            case 15 -> "CMYK";
            default -> "RGB";
        };
    }

    boolean hasAlpha() {
        return svg() || lib.vips_image_hasalpha(header) != 0;
    }

    /**
     * The pixels, reduced for a reply at {@code scale} of the full image: as libvips' own thumbnailer does,
     * the shrink-on-load leaves at least a factor of two to the resampling kernel. {@code sequential} when the
     * pipeline reads top to bottom (no rotation or vertical flip), so that libvips streams the decode. A
     * truncated or corrupt file fails (415) instead of rendering grey with a warning per missing line.
     */
    Pointer load(double scale, boolean sequential, long maxSvgPixels) throws RenderException {
        List<Object> options = new ArrayList<>(List.of("fail_on", LibVips.FAIL_ON_TRUNCATED));
        if (sequential) {
            options.add("access");
            options.add(LibVips.ACCESS_SEQUENTIAL);
        }
        double need = 1 / Math.max(scale, 1e-9);
        if (svg()) {
            double s = Math.min(scale, 1e4);
            if ((long) Math.ceil(width * s) * (long) Math.ceil(height * s) > maxSvgPixels) {
                throw new RenderException(Kind.TOO_LARGE, name + ": rasterising at " + Math.ceil(width * s) + "x" + Math.ceil(height * s)
                        + " exceeds SvgMaxRenderRgnPixels (" + maxSvgPixels + ")");
            }
            options.add("scale");
            options.add(s);
        } else if (loader.startsWith("VipsForeignLoadJpeg")) {
            int shrink = need >= 16 ? 8 : need >= 8 ? 4 : need >= 4 ? 2 : 1;
            if (shrink > 1) {
                options.add("shrink");
                options.add(shrink);
            }
        } else if (loader.startsWith("VipsForeignLoadWebp") && need >= 4) {
            options.add("scale");
            options.add(2 / need);
        }
        if (options.size() == 2 && !svg()) {
            return header; // the header image decodes on demand at full size
        }
        options.add(null);
        return scope.keep(lib.vips_image_new_from_source(source, "", options.toArray()), Kind.UNDECODABLE, name + ": cannot be decoded");
    }
}
