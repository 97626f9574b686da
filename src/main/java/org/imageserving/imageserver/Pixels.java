package org.imageserving.imageserver;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.imageserving.stock.Flip;

/**
 * The two working pixel layouts of the render pipeline — TYPE_INT_RGB for opaque images and
 * TYPE_INT_ARGB_PRE for images with transparency (premultiplied, so that resampling does not bleed
 * the colour of invisible pixels) — and the cheap whole-image operations on them.
 */
public final class Pixels {

    private Pixels() {
    }

    public static BufferedImage create(int w, int h, boolean alpha) {
        return new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB_PRE : BufferedImage.TYPE_INT_RGB);
    }

    public static int[] data(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    public static boolean hasAlpha(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_INT_ARGB_PRE;
    }

    /** {@code image} in a working layout (returned as is when it already is one). */
    public static BufferedImage working(BufferedImage image) {
        boolean alpha = image.getColorModel().hasAlpha();
        int wanted = alpha ? BufferedImage.TYPE_INT_ARGB_PRE : BufferedImage.TYPE_INT_RGB;
        if (image.getType() == wanted) {
            return image;
        }
        BufferedImage out = create(image.getWidth(), image.getHeight(), alpha);
        Graphics2D g = out.createGraphics();
        g.setComposite(AlphaComposite.Src);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    /** A w×h canvas: transparent when {@code alpha}, else filled with {@code rgb}. */
    public static BufferedImage canvas(int w, int h, boolean alpha, int rgb) {
        BufferedImage out = create(w, h, alpha);
        if (!alpha) {
            java.util.Arrays.fill(data(out), rgb & 0xffffff);
        }
        return out;
    }

    /** Draws {@code image} onto {@code canvas} at (x, y), source-over (this is where alpha is flattened). */
    public static void draw(BufferedImage canvas, BufferedImage image, int x, int y) {
        Graphics2D g = canvas.createGraphics();
        g.setComposite(Pixels.hasAlpha(canvas) ? AlphaComposite.Src : AlphaComposite.SrcOver);
        g.drawImage(image, x, y, null);
        g.dispose();
    }

    /** Flips horizontally and/or vertically. */
    public static BufferedImage flip(BufferedImage image, Flip flip) {
        if (flip == Flip.NONE) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] in = data(image);
        BufferedImage out = create(w, h, hasAlpha(image));
        int[] o = data(out);
        for (int y = 0; y < h; y++) {
            int sy = flip.vertical() ? h - 1 - y : y;
            for (int x = 0; x < w; x++) {
                int sx = flip.horizontal() ? w - 1 - x : x;
                o[y * w + x] = in[sy * w + sx];
            }
        }
        return out;
    }

    /** Rotates clockwise by 90, 180 or 270 degrees (0 returns the image). */
    public static BufferedImage rotate(BufferedImage image, int degrees) {
        if (degrees == 0) {
            return image;
        }
        if (degrees == 180) {
            return flip(image, Flip.LRUD);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] in = data(image);
        BufferedImage out = create(h, w, hasAlpha(image));
        int[] o = data(out);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // clockwise: (x, y) -> (h-1-y, x); counter-clockwise: (x, y) -> (y, w-1-x)
                int index = degrees == 90 ? x * h + (h - 1 - y) : (w - 1 - x) * h + y;
                o[index] = in[y * w + x];
            }
        }
        return out;
    }

    /** A non-premultiplied TYPE_INT_ARGB copy, which the ImageIO writers encode faithfully. */
    public static BufferedImage straightAlpha(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setComposite(AlphaComposite.Src);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    /** An 8-bit gray copy (Rec. 601 luma, the usual JPEG weighting). */
    public static BufferedImage gray(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] in = data(image);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] o = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < in.length; i++) {
            int p = in[i];
            o[i] = (byte) ((((p >> 16) & 0xff) * 299 + ((p >> 8) & 0xff) * 587 + (p & 0xff) * 114 + 500) / 1000);
        }
        return out;
    }

    /** A colour as a java.awt.Color (for Graphics2D fills). */
    public static Color color(int rgb) {
        return new Color(rgb & 0xffffff);
    }
}
