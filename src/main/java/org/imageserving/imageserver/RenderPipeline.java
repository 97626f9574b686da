package org.imageserving.imageserver;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import org.imageserving.imageserver.RenderException.Kind;
import org.imageserving.stock.Crop;
import org.imageserving.stock.ImageServerRegistry;
import org.imageserving.stock.RenderRequest;
import org.imageserving.stock.SourceRoots;

/**
 * One render, in Adobe's transform order for layer 0 and the view: crop → flip → rotate → scale into the
 * view (wid/hei/scl/fit/align) → sharpen → background → encode. The geometry is settled first from the
 * source's header alone, so the decode can be reduced to what the reply needs and the memory reserved
 * before a single pixel is allocated.
 */
final class RenderPipeline implements RenderEngine {

    /** How long a render may wait for memory held by others before it is refused with 503. */
    private static final long BUDGET_WAIT_MILLIS = 20_000;

    record Result(byte[] body, String mimeType, int width, int height) {}

    /** What req=imageprops reports about a source. */
    record SourceInfo(int width, int height, String format, String pixelType, boolean alpha) {}

    private final SourceRoots roots;
    private final ImageServerRegistry registry;
    private final SvgClient svg;
    private final PixelBudget budget;

    RenderPipeline(SourceRoots roots, ImageServerRegistry registry, SvgClient svg, PixelBudget budget) {
        this.roots = roots;
        this.registry = registry;
        this.svg = svg;
        this.budget = budget;
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public Result render(RenderRequest r) throws RenderException {
        ImageEncoder.checkSupported(r.format());
        try (SourceImage source = open(r.source())) {
            Rectangle crop = cropRect(r.crop(), source.width(), source.height());
            ViewLayout layout = layout(crop, r);
            double sx = quarterTurn(r) ? layout.scaleY() : layout.scaleX();
            double sy = quarterTurn(r) ? layout.scaleX() : layout.scaleY();
            Rectangle inside = crop.intersection(new Rectangle(0, 0, source.width(), source.height()));
            try (PixelBudget.Reservation ignored = budget.reserve(estimate(source, inside, crop, sx, sy, layout, r), BUDGET_WAIT_MILLIS)) {
                BufferedImage composite = composite(source, crop, inside, sx, sy, r);
                BufferedImage scaled = Resampler.resize(composite, layout.scaledW(), layout.scaledH(), r.resMode());
                scaled = sharpen(scaled, r, layout);
                BufferedImage view = place(scaled, layout, r);
                byte[] body = ImageEncoder.encode(view, r.format(), r.quality(), r.fullChroma());
                if (body.length > registry.maxMessageBytes()) {
                    throw new RenderException(Kind.TOO_LARGE, "reply of " + body.length + " bytes exceeds MaxMessageSize");
                }
                return new Result(body, r.format().mimeType(), layout.viewW(), layout.viewH());
            }
        }
    }

    /** The reply's size without rendering (req=props). */
    @Override
    public ViewLayout layout(RenderRequest r) throws RenderException {
        try (SourceImage source = open(r.source())) {
            return layout(cropRect(r.crop(), source.width(), source.height()), r);
        }
    }

    /** The view of {@code crop} once turned by rotate=, refused beyond MaxRenderRgnPixels: the same for render and props. */
    private ViewLayout layout(Rectangle crop, RenderRequest r) throws RenderException {
        return layout(crop, r, registry.maxRenderPixels());
    }

    /** The same for any engine: the geometry does not depend on how the pixels are made. */
    static ViewLayout layout(Rectangle crop, RenderRequest r, long maxRenderPixels) throws RenderException {
        ViewLayout layout = quarterTurn(r) ? ViewLayout.compute(crop.height, crop.width, r) : ViewLayout.compute(crop.width, crop.height, r);
        layout.checkLimits(r, maxRenderPixels);
        return layout;
    }

    static boolean quarterTurn(RenderRequest r) {
        return r.rotate() == 90 || r.rotate() == 270;
    }

    @Override
    public SourceInfo info(String path) throws RenderException {
        try (SourceImage source = open(path)) {
            return new SourceInfo(source.width(), source.height(), source.format(), source.pixelType(), source.hasAlpha());
        }
    }

    private SourceImage open(String path) throws RenderException {
        Path file = roots.find(path).orElseThrow(() -> new RenderException(Kind.NOT_FOUND, path + ": image not found"));
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            return SvgSource.open(file, path, registry.svgFileSizeLimitKb() * 1024L, svg, registry.svgMaxRenderPixels());
        }
        return RasterSource.open(file, path, registry.maxSourcePixels());
    }

    /** crop=/cropN= in whole source pixels; the whole image when absent. */
    static Rectangle cropRect(Crop crop, int width, int height) throws RenderException {
        if (crop == null) {
            return new Rectangle(0, 0, width, height);
        }
        double fx = crop.normalized() ? width : 1;
        double fy = crop.normalized() ? height : 1;
        long x = Math.round(crop.x() * fx);
        long y = Math.round(crop.y() * fy);
        long w = Math.max(1, Math.round(crop.w() * fx));
        long h = Math.max(1, Math.round(crop.h() * fy));
        if (w * h > 4L * width * height + 1_000_000 || Math.abs(x) > 1_000_000 || Math.abs(y) > 1_000_000) {
            throw new RenderException(Kind.TOO_LARGE, crop.command() + "=" + crop.wire() + " reaches far beyond the " + width + "x" + height + " image");
        }
        return new Rectangle((int) x, (int) y, (int) w, (int) h);
    }

    /** The cropped, flipped and rotated source at (about) twice the reply's resolution or more. */
    private static BufferedImage composite(SourceImage source, Rectangle crop, Rectangle inside, double sx, double sy, RenderRequest r)
            throws RenderException {
        BufferedImage image;
        if (inside.isEmpty()) {
            Dimension d = new Dimension(Math.max(1, (int) Math.ceil(crop.width * Math.min(1, sx))),
                    Math.max(1, (int) Math.ceil(crop.height * Math.min(1, sy))));
            image = Pixels.create(d.width, d.height, true);
        } else {
            image = source.read(inside, sx, sy);
            if (!inside.equals(crop)) {
                image = extend(image, crop, inside);
            }
        }
        return Pixels.rotate(Pixels.flip(image, r.flip()), r.rotate());
    }

    /** A crop reaching beyond the image: the decoded part on a transparent canvas of the crop's size. */
    private static BufferedImage extend(BufferedImage decoded, Rectangle crop, Rectangle inside) {
        double dx = (double) decoded.getWidth() / inside.width;
        double dy = (double) decoded.getHeight() / inside.height;
        BufferedImage canvas = Pixels.create(Math.max(1, (int) Math.round(crop.width * dx)),
                Math.max(1, (int) Math.round(crop.height * dy)), true);
        Pixels.draw(canvas, decoded, (int) Math.round((inside.x - crop.x) * dx), (int) Math.round((inside.y - crop.y) * dy));
        return canvas;
    }

    private static BufferedImage sharpen(BufferedImage image, RenderRequest r, ViewLayout layout) {
        BufferedImage out = image;
        if (r.usm() != null && r.usm().active()) {
            out = Sharpener.unsharpMask(out, r.usm(), Math.min(layout.scaleX(), layout.scaleY()));
        }
        if (r.sharpen()) {
            out = Sharpener.unsharpMask(out, Sharpener.BASIC, 1);
        }
        return out;
    }

    /** The scaled composite in its view: padded with bgc (or transparency), cropped, or as is. */
    private static BufferedImage place(BufferedImage scaled, ViewLayout layout, RenderRequest r) {
        boolean alphaOut = r.format().type().alpha();
        if (layout.exact() && (alphaOut || !Pixels.hasAlpha(scaled))) {
            return scaled;
        }
        BufferedImage view = Pixels.canvas(layout.viewW(), layout.viewH(), alphaOut, r.background());
        Pixels.draw(view, scaled, layout.offsetX(), layout.offsetY());
        return view;
    }

    /**
     * Bytes of pixels this render may hold at once, from what each step allocates: the decode (3-4 bytes a
     * pixel) and its 32-bit working copy, a copy per flip/rotate/extension, the resampler's two buffers,
     * the sharpener's float planes, the view canvas and the encoder's copy. Generous, since freed buffers
     * are not collected at once.
     */
    private static long estimate(SourceImage source, Rectangle inside, Rectangle crop, double sx, double sy, ViewLayout layout,
            RenderRequest r) {
        Dimension decoded = inside.isEmpty() ? new Dimension(1, 1) : source.decodedSize(inside, sx, sy);
        long decodedPixels = (long) decoded.width * decoded.height;
        long scaled = (long) layout.scaledW() * layout.scaledH();
        long view = (long) layout.viewW() * layout.viewH();
        long bytes = decodedPixels * 8;
        if (!inside.equals(crop)) {
            bytes += (long) (decodedPixels * 4 * Math.min(16, (double) crop.width * crop.height / Math.max(1, (double) inside.width * inside.height)));
        }
        if (r.rotate() != 0 || r.flip() != org.imageserving.stock.Flip.NONE) {
            bytes += decodedPixels * 4;
        }
        if (scaled != decodedPixels) {
            bytes += scaled * 4 + Resampler.workingBytes(layout.scaledW(), Math.max(decoded.width, decoded.height), true);
        }
        if (r.sharpen() || (r.usm() != null && r.usm().active())) {
            bytes += scaled * 28;
        }
        return bytes + view * 8;
    }
}
