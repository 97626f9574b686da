package org.imageserving.imageserver;

import com.sun.jna.Pointer;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.imageserving.imageserver.RenderException.Kind;
import org.imageserving.stock.ImageServerRegistry;
import org.imageserving.stock.RenderRequest;
import org.imageserving.stock.SourceRoots;

/**
 * The render engine on libvips: the same transform order and {@link ViewLayout} geometry as the Java
 * {@link RenderPipeline} (crop → flip → rotate → scale into the view → sharpen → background → encode), as
 * one libvips pipeline from the file to the encoded bytes. libvips evaluates it lazily and in strips when
 * the saver pulls the pixels, so only a few lines of the source are ever in memory for a plain resize.
 * Resampling runs on premultiplied alpha; the colour becomes sRGB after the resize (fewer pixels to
 * convert), through the embedded ICC profile when there is one. SVG is rasterised by librsvg inside
 * libvips (no scripts, nothing loaded from outside the document, SVGFileSizeLimit and
 * SvgMaxRenderRgnPixels as for the SVG server); a document that refers to other files goes to the Java
 * engine and through it to the SVG server's Batik sandbox, which may load files under the image roots.
 */
final class VipsEngine implements RenderEngine {

    private final Vips vips;
    private final LibVips lib;
    private final SourceRoots roots;
    private final ImageServerRegistry registry;
    private final RenderEngine svgWithReferences;

    VipsEngine(Vips vips, SourceRoots roots, ImageServerRegistry registry, RenderEngine svgWithReferences) {
        this.vips = vips;
        this.svgWithReferences = svgWithReferences;
        this.lib = vips.lib();
        this.roots = roots;
        this.registry = registry;
    }

    @Override
    public String name() {
        return "vips " + vips.version();
    }

    @Override
    public RenderPipeline.Result render(RenderRequest r) throws RenderException {
        if (referencesOutside(r.source())) {
            return svgWithReferences.render(r);
        }
        try (VipsScope scope = new VipsScope(vips)) {
            VipsInput input = open(scope, r.source());
            Rectangle crop = RenderPipeline.cropRect(r.crop(), input.width(), input.height());
            ViewLayout layout = RenderPipeline.layout(crop, r, registry.maxRenderPixels());
            boolean turn = RenderPipeline.quarterTurn(r);
            double sx = turn ? layout.scaleY() : layout.scaleX();
            double sy = turn ? layout.scaleX() : layout.scaleY();
            boolean sequential = r.rotate() == 0 && !r.flip().vertical();
            Pointer image = input.load(Math.max(sx, sy), sequential, registry.svgMaxRenderPixels());
            image = crop(scope, image, crop, input);
            image = orient(scope, image, r);
            image = resize(scope, image, layout, r);
            image = VipsColour.toSrgb(scope, lib, image);
            image = VipsSharpener.sharpen(scope, lib, image, r, layout);
            image = place(scope, image, layout, r);
            byte[] body = VipsEncoder.encode(scope, vips, image, r);
            if (body.length > registry.maxMessageBytes()) {
                throw new RenderException(Kind.TOO_LARGE, "reply of " + body.length + " bytes exceeds MaxMessageSize");
            }
            return new RenderPipeline.Result(body, r.format().mimeType(), layout.viewW(), layout.viewH());
        }
    }

    @Override
    public ViewLayout layout(RenderRequest r) throws RenderException {
        try (VipsScope scope = new VipsScope(vips)) {
            VipsInput input = open(scope, r.source());
            return RenderPipeline.layout(RenderPipeline.cropRect(r.crop(), input.width(), input.height()), r, registry.maxRenderPixels());
        }
    }

    @Override
    public RenderPipeline.SourceInfo info(String path) throws RenderException {
        try (VipsScope scope = new VipsScope(vips)) {
            VipsInput input = open(scope, path);
            return new RenderPipeline.SourceInfo(input.width(), input.height(), input.format(), input.pixelType(), input.hasAlpha());
        }
    }

    /** An SVG source that refers to other files (read within SVGFileSizeLimit; larger ones fail later with the reason). */
    private boolean referencesOutside(String path) {
        if (!path.toLowerCase(Locale.ROOT).endsWith(".svg")) {
            return false;
        }
        return roots.find(path).filter(file -> {
            try {
                return Files.size(file) <= registry.svgFileSizeLimitKb() * 1024L
                        && SvgReferences.external(Files.readAllBytes(file));
            } catch (IOException e) {
                return false;
            }
        }).isPresent();
    }

    private VipsInput open(VipsScope scope, String path) throws RenderException {
        Path file = roots.find(path).orElseThrow(() -> new RenderException(Kind.NOT_FOUND, path + ": image not found"));
        return VipsInput.open(scope, lib, file, path, registry);
    }

    /** crop= on the loaded (possibly reduced) image; beyond the edges the extension is transparent. */
    private Pointer crop(VipsScope scope, Pointer image, Rectangle crop, VipsInput input) throws RenderException {
        int lw = lib.vips_image_get_width(image);
        int lh = lib.vips_image_get_height(image);
        double rx = (double) lw / input.width();
        double ry = (double) lh / input.height();
        int x0 = (int) Math.floor(crop.x * rx);
        int y0 = (int) Math.floor(crop.y * ry);
        int w = Math.max(1, (int) Math.ceil((crop.x + crop.width) * rx) - x0);
        int h = Math.max(1, (int) Math.ceil((crop.y + crop.height) * ry) - y0);
        if (x0 == 0 && y0 == 0 && w == lw && h == lh) {
            return image;
        }
        if (x0 >= 0 && y0 >= 0 && x0 + w <= lw && y0 + h <= lh) {
            return scope.image(Kind.UNDECODABLE, "crop", out -> lib.vips_extract_area(image, out, x0, y0, w, h, (Object) null));
        }
        Pointer alpha = withAlpha(scope, image);
        return scope.image(Kind.UNDECODABLE, "crop", out -> lib.vips_embed(alpha, out, -x0, -y0, w, h,
                "extend", LibVips.EXTEND_BLACK, null));
    }

    /** An opaque alpha band added when there is none (for extensions and transparent padding). */
    private Pointer withAlpha(VipsScope scope, Pointer image) throws RenderException {
        if (lib.vips_image_hasalpha(image) != 0) {
            return image;
        }
        double max = lib.vips_image_get_format(image) == LibVips.FORMAT_USHORT ? 65535 : 255;
        return scope.image(Kind.UNDECODABLE, "alpha", out -> lib.vips_bandjoin_const1(image, out, max, (Object) null));
    }

    private Pointer orient(VipsScope scope, Pointer image, RenderRequest r) throws RenderException {
        Pointer out = image;
        if (r.flip().horizontal()) {
            Pointer in = out;
            out = scope.image(Kind.UNDECODABLE, "flip", o -> lib.vips_flip(in, o, LibVips.DIRECTION_HORIZONTAL, (Object) null));
        }
        if (r.flip().vertical()) {
            Pointer in = out;
            out = scope.image(Kind.UNDECODABLE, "flip", o -> lib.vips_flip(in, o, LibVips.DIRECTION_VERTICAL, (Object) null));
        }
        if (r.rotate() != 0) {
            Pointer in = out;
            int angle = r.rotate() / 90; // VIPS_ANGLE_D90 = 1 is clockwise, as rotate= is
            out = scope.image(Kind.UNDECODABLE, "rotate", o -> lib.vips_rot(in, o, angle, (Object) null));
        }
        return out;
    }

    /** To exactly scaledW×scaledH with the resMode kernel, on premultiplied alpha. */
    private Pointer resize(VipsScope scope, Pointer image, ViewLayout layout, RenderRequest r) throws RenderException {
        int w = lib.vips_image_get_width(image);
        int h = lib.vips_image_get_height(image);
        if (w == layout.scaledW() && h == layout.scaledH()) {
            return image;
        }
        boolean alpha = lib.vips_image_hasalpha(image) != 0;
        int format = lib.vips_image_get_format(image);
        Pointer in = alpha ? scope.image(Kind.UNDECODABLE, "premultiply", o -> lib.vips_premultiply(image, o, (Object) null)) : image;
        double hs = (double) layout.scaledW() / w;
        double vs = (double) layout.scaledH() / h;
        int kernel = switch (r.resMode()) {
            case BILIN -> LibVips.KERNEL_LINEAR;
            case BICUB -> LibVips.KERNEL_CUBIC;
            case SHARP2 -> LibVips.KERNEL_LANCZOS3;
            case BISHARP -> LibVips.KERNEL_LANCZOS2;
        };
        Pointer scaled = scope.image(Kind.UNDECODABLE, "resize", o -> lib.vips_resize(in, o, hs, "vscale", vs, "kernel", kernel, null));
        if (lib.vips_image_get_width(scaled) != layout.scaledW() || lib.vips_image_get_height(scaled) != layout.scaledH()) {
            // libvips rounds the output size its own way: trim or repeat the last pixel to the layout's size
            Pointer rounded = scaled;
            scaled = scope.image(Kind.UNDECODABLE, "resize", o -> lib.vips_embed(rounded, o, 0, 0, layout.scaledW(), layout.scaledH(),
                    "extend", LibVips.EXTEND_COPY, null));
        }
        if (!alpha) {
            return scaled;
        }
        Pointer premultiplied = scaled;
        Pointer straight = scope.image(Kind.UNDECODABLE, "unpremultiply", o -> lib.vips_unpremultiply(premultiplied, o, (Object) null));
        return scope.image(Kind.UNDECODABLE, "cast", o -> lib.vips_cast(straight, o, format, (Object) null));
    }

    /** The scaled image in its view: flattened onto bgc unless the format keeps alpha, padded or cropped per align=. */
    private Pointer place(VipsScope scope, Pointer image, ViewLayout layout, RenderRequest r) throws RenderException {
        boolean alphaOut = r.format().type().alpha();
        int bgc = r.background();
        double[] rgb = {(bgc >> 16) & 0xff, (bgc >> 8) & 0xff, bgc & 0xff};
        Pointer out = image;
        if (!alphaOut && lib.vips_image_hasalpha(out) != 0) {
            Pointer in = out;
            Pointer background = scope.doubles(rgb);
            out = scope.image(Kind.UNDECODABLE, "flatten", o -> lib.vips_flatten(in, o, "background", background, null));
        }
        if (!layout.exact()) {
            Pointer in = alphaOut ? withAlpha(scope, out) : out;
            Pointer background = alphaOut ? scope.doubles(0, 0, 0, 0) : scope.doubles(rgb);
            out = scope.image(Kind.UNDECODABLE, "pad", o -> lib.vips_embed(in, o, layout.offsetX(), layout.offsetY(), layout.viewW(),
                    layout.viewH(), "extend", LibVips.EXTEND_BACKGROUND, "background", background, null));
        }
        if (r.format().gray() && !alphaOut) {
            Pointer in = out;
            out = scope.image(Kind.UNDECODABLE, "gray", o -> lib.vips_colourspace(in, o, LibVips.INTERPRETATION_B_W, (Object) null));
        }
        return out;
    }
}
