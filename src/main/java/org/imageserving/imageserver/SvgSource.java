package org.imageserving.imageserver;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imageserving.imageserver.RenderException.Kind;
import org.imageserving.stock.SvgSize;

/**
 * An SVG file, rasterised by the SVG server at exactly the scale the reply needs (vector sources are
 * never rendered large and shrunk). The intrinsic size comes from the root element, read here without
 * a DTD; the SVG server enforces its own pixel limit again.
 */
final class SvgSource implements SourceImage {

    private final byte[] svg;
    private final String path;
    private final int width;
    private final int height;
    private final SvgClient client;
    private final long maxPixels;

    private SvgSource(byte[] svg, String path, SvgSize size, SvgClient client, long maxPixels) {
        this.svg = svg;
        this.path = path;
        this.width = Math.max(1, (int) Math.round(size.width()));
        this.height = Math.max(1, (int) Math.round(size.height()));
        this.client = client;
        this.maxPixels = maxPixels;
    }

    static SvgSource open(Path file, String path, long maxBytes, SvgClient client, long maxPixels) throws RenderException {
        try {
            byte[] bytes = readWithin(file, path, maxBytes);
            return new SvgSource(bytes, path, SvgSize.of(bytes), client, maxPixels);
        } catch (IOException e) {
            throw new RenderException(Kind.NOT_FOUND, path + ": cannot be read");
        } catch (IllegalArgumentException e) {
            throw new RenderException(Kind.UNDECODABLE, path + ": " + e.getMessage());
        }
    }

    /** The SVG file's bytes, refused (TOO_LARGE) over SVGFileSizeLimit: the one check for both render engines. */
    static byte[] readWithin(Path file, String name, long maxBytes) throws IOException, RenderException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new RenderException(Kind.TOO_LARGE, name + ": SVG of " + size / 1024 + " kB exceeds SVGFileSizeLimit ("
                    + maxBytes / 1024 + " kB)");
        }
        return Files.readAllBytes(file);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public String format() {
        return "svg";
    }

    @Override
    public String pixelType() {
        return "RGB";
    }

    @Override
    public boolean hasAlpha() {
        return true;
    }

    private Dimension full(double scaleX, double scaleY) {
        return new Dimension(Math.max(1, (int) Math.round(width * scaleX)), Math.max(1, (int) Math.round(height * scaleY)));
    }

    @Override
    public Dimension decodedSize(Rectangle region, double scaleX, double scaleY) {
        return full(scaleX, scaleY);
    }

    @Override
    public BufferedImage read(Rectangle region, double scaleX, double scaleY) throws RenderException {
        Dimension size = full(scaleX, scaleY);
        if ((long) size.width * size.height > maxPixels) {
            throw new RenderException(Kind.TOO_LARGE, path + ": SVG rasterisation of " + size.width + "x" + size.height
                    + " exceeds SvgMaxRenderRgnPixels (" + maxPixels + " pixels)");
        }
        BufferedImage whole = client.rasterize(svg, path, size.width, size.height);
        if (region.x == 0 && region.y == 0 && region.width == width && region.height == height) {
            return whole;
        }
        double fx = (double) size.width / width;
        double fy = (double) size.height / height;
        int x0 = Math.min(size.width - 1, (int) Math.floor(region.x * fx));
        int y0 = Math.min(size.height - 1, (int) Math.floor(region.y * fy));
        int x1 = Math.max(x0 + 1, Math.min(size.width, (int) Math.ceil((region.x + region.width) * fx)));
        int y1 = Math.max(y0 + 1, Math.min(size.height, (int) Math.ceil((region.y + region.height) * fy)));
        BufferedImage part = Pixels.create(x1 - x0, y1 - y0, true);
        Pixels.draw(part, whole.getSubimage(x0, y0, x1 - x0, y1 - y0), 0, 0);
        return part;
    }

    @Override
    public void close() {
        // nothing held open
    }
}
