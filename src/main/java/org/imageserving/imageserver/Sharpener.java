package org.imageserving.imageserver;

import java.awt.image.BufferedImage;
import org.imageserving.stock.Usm;

/**
 * Unsharp masking (op_usm) and basic sharpening (op_sharpen) of a working image after scaling. The USM
 * radius is given for the full-resolution source and shrinks with the image, as Adobe documents; the
 * blur is a separable Gaussian (sigma = radius) on the colour channels.
 */
public final class Sharpener {

    /** op_sharpen=1: a light fixed unsharp mask in reply pixels. */
    static final Usm BASIC = new Usm(0.6, 0.7, 0, false);

    /** The widest kernel radius applied, in reply pixels: beyond it a blur changes nothing visible. */
    private static final int MAX_KERNEL_RADIUS = 40;

    private Sharpener() {
    }

    /** Applies {@code usm} whose radius is in source pixels; {@code scale} maps source to reply pixels. */
    public static BufferedImage unsharpMask(BufferedImage image, Usm usm, double scale) {
        double sigma = usm.radius() * scale;
        if (usm.amount() <= 0 || sigma < 0.1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] src = Pixels.data(image);
        float[][] blurred = blur(src, w, h, sigma);
        BufferedImage out = Pixels.create(w, h, Pixels.hasAlpha(image));
        int[] dst = Pixels.data(out);
        float amount = (float) usm.amount();
        int threshold = usm.threshold();
        for (int i = 0; i < src.length; i++) {
            int p = src[i];
            int a = Pixels.hasAlpha(image) ? p >>> 24 : 255;
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            float dr = r - blurred[0][i];
            float dg = g - blurred[1][i];
            float db = b - blurred[2][i];
            if (usm.monochrome()) {
                float d = 0.299f * dr + 0.587f * dg + 0.114f * db;
                dr = d;
                dg = d;
                db = d;
            }
            dst[i] = a << 24 | apply(r, dr, amount, threshold, a) << 16 | apply(g, dg, amount, threshold, a) << 8
                    | apply(b, db, amount, threshold, a);
        }
        return out;
    }

    private static int apply(int value, float difference, float amount, int threshold, int ceiling) {
        if (Math.abs(difference) < threshold) {
            return value;
        }
        int v = Math.round(value + amount * difference);
        return v < 0 ? 0 : Math.min(v, ceiling);
    }

    /** Gaussian blur of the three colour channels, horizontal then vertical, edges clamped. */
    private static float[][] blur(int[] src, int w, int h, double sigma) {
        int radius = Math.min(MAX_KERNEL_RADIUS, (int) Math.ceil(sigma * 3));
        float[] kernel = new float[radius * 2 + 1];
        double total = 0;
        for (int k = -radius; k <= radius; k++) {
            double v = Math.exp(-(k * k) / (2 * sigma * sigma));
            kernel[k + radius] = (float) v;
            total += v;
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= (float) total;
        }
        float[][] tmp = new float[3][src.length];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int k = -radius; k <= radius; k++) {
                    int p = src[row + Math.min(w - 1, Math.max(0, x + k))];
                    float wt = kernel[k + radius];
                    r += wt * ((p >> 16) & 0xff);
                    g += wt * ((p >> 8) & 0xff);
                    b += wt * (p & 0xff);
                }
                tmp[0][row + x] = r;
                tmp[1][row + x] = g;
                tmp[2][row + x] = b;
            }
        }
        float[][] out = new float[3][src.length];
        for (int c = 0; c < 3; c++) {
            float[] in = tmp[c];
            float[] o = out[c];
            for (int y = 0; y < h; y++) {
                for (int k = -radius; k <= radius; k++) {
                    float wt = kernel[k + radius];
                    int row = Math.min(h - 1, Math.max(0, y + k)) * w;
                    int outRow = y * w;
                    for (int x = 0; x < w; x++) {
                        o[outRow + x] += wt * in[row + x];
                    }
                }
            }
        }
        return out;
    }
}
