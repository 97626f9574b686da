package org.imageserving.imageserver;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.Closeable;

/**
 * An opened source (raster file or SVG) whose size is known before any pixel is decoded. Reads are
 * reduced: {@link #read} returns the region at the coarsest resolution that still serves the requested
 * scale, so a 6 MP JPEG headed for a 500 px reply is never decoded at 6 MP.
 */
interface SourceImage extends Closeable {

    int width();

    int height();

    /** "jpeg", "png", "gif", "tiff", "bmp", "svg". */
    String format();

    /** "RGB", "BW" (gray) or "CMYK", as req=imageprops reports. */
    String pixelType();

    boolean hasAlpha();

    /** The size {@link #read} will produce for these arguments (for the memory budget, before decoding). */
    Dimension decodedSize(Rectangle region, double scaleX, double scaleY);

    /**
     * The source pixels of {@code region} (within the image bounds) at a resolution of at least
     * ({@code scaleX}, {@code scaleY}) relative to the full image, in a working layout ({@link Pixels}).
     */
    BufferedImage read(Rectangle region, double scaleX, double scaleY) throws RenderException;

    @Override
    void close();
}
