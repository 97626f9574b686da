package org.imageserving.imageserver;

import java.awt.image.BufferedImage;
import org.imageserving.stock.ResMode;

/**
 * Separable convolution resampling of 32-bit images (TYPE_INT_RGB or TYPE_INT_ARGB_PRE), one pass per
 * axis, with the filter widened by the reduction ratio so that large reductions average instead of
 * aliasing. Written for the cost profile of this server: after a reduced decode the remaining ratio is
 * small (2–4), so a pass touches a handful of taps per pixel and a 6 MP → 500 px job costs ~10 ms.
 */
public final class Resampler {

    /** A reconstruction kernel with its support radius (in source pixels at 1:1). */
    enum Filter {
        TRIANGLE(1) {
            double weight(double x) {
                x = Math.abs(x);
                return x < 1 ? 1 - x : 0;
            }
        },
        CATMULL_ROM(2) {
            double weight(double x) {
                return cubic(x, -0.5);
            }
        },
        SHARP_CUBIC(2) {
            double weight(double x) {
                return cubic(x, -0.75);
            }
        },
        LANCZOS3(3) {
            double weight(double x) {
                x = Math.abs(x);
                if (x < 1e-9) {
                    return 1;
                }
                if (x >= 3) {
                    return 0;
                }
                double px = Math.PI * x;
                return 3 * Math.sin(px) * Math.sin(px / 3) / (px * px);
            }
        };

        final double support;

        Filter(double support) {
            this.support = support;
        }

        abstract double weight(double x);

        static double cubic(double x, double a) {
            x = Math.abs(x);
            if (x < 1) {
                return ((a + 2) * x - (a + 3)) * x * x + 1;
            }
            if (x < 2) {
                return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
            }
            return 0;
        }

        static Filter of(ResMode mode) {
            return switch (mode) {
                case BILIN -> TRIANGLE;
                case BICUB -> CATMULL_ROM;
                case SHARP2 -> LANCZOS3;
                case BISHARP -> SHARP_CUBIC;
            };
        }
    }

    private Resampler() {
    }

    /** {@code src} resized to exactly {@code dw}×{@code dh}; the type (opaque or premultiplied) is kept. */
    public static BufferedImage resize(BufferedImage src, int dw, int dh, ResMode mode) {
        int sw = src.getWidth();
        int sh = src.getHeight();
        if (sw == dw && sh == dh) {
            return src;
        }
        Filter filter = Filter.of(mode);
        boolean alpha = src.getType() == BufferedImage.TYPE_INT_ARGB_PRE;
        float[][] planes = horizontalPass(Pixels.data(src), sw, sh, dw, filter, alpha);
        BufferedImage out = Pixels.create(dw, dh, alpha);
        if (sh == dh) {
            pack(planes, 0, Pixels.data(out), 0, dw * dh, alpha);
        } else {
            verticalPass(planes, dw, sh, dh, filter, alpha, Pixels.data(out));
        }
        return out;
    }

    /** Bytes the resampler allocates for a sw×sh → dw×dh job, besides its output (for the memory budget). */
    static long workingBytes(int dw, int sh, boolean alpha) {
        return (long) dw * sh * 4 * (alpha ? 4 : 3);
    }

    /** Weights for mapping {@code in} samples onto {@code out}: per output index, first tap and weights. */
    private record Kernel(int[] start, int[] count, float[] weights, int taps) {

        static Kernel of(int in, int out, Filter filter) {
            double scale = (double) in / out;
            double widen = Math.max(scale, 1);
            double support = filter.support * widen;
            int taps = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[out];
            int[] count = new int[out];
            float[] weights = new float[out * taps];
            for (int o = 0; o < out; o++) {
                double center = (o + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(center - support));
                int hi = Math.min(in, (int) Math.ceil(center + support));
                int n = Math.min(taps, hi - lo);
                double total = 0;
                double[] w = new double[n];
                for (int k = 0; k < n; k++) {
                    w[k] = filter.weight((lo + k + 0.5 - center) / widen);
                    total += w[k];
                }
                if (total == 0) {
                    w[Math.min(n - 1, Math.max(0, (int) (center - lo)))] = 1;
                    total = 1;
                }
                for (int k = 0; k < n; k++) {
                    weights[o * taps + k] = (float) (w[k] / total);
                }
                start[o] = lo;
                count[o] = n;
            }
            return new Kernel(start, count, weights, taps);
        }
    }

    /**
     * Rows resampled to width {@code dw} into float planes (r, g, b[, a]): the vertical pass then runs over
     * contiguous floats, which the JIT vectorises, instead of unpacking every pixel once per tap.
     */
    private static float[][] horizontalPass(int[] in, int sw, int sh, int dw, Filter filter, boolean alpha) {
        int channels = alpha ? 4 : 3;
        float[][] planes = new float[channels][dw * sh];
        float[][] row = new float[channels][sw];
        Kernel k = sw == dw ? null : Kernel.of(sw, dw, filter);
        for (int y = 0; y < sh; y++) {
            unpack(in, y * sw, sw, row, alpha);
            int outRow = y * dw;
            if (k == null) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(row[c], 0, planes[c], outRow, dw);
                }
                continue;
            }
            for (int c = 0; c < channels; c++) {
                float[] source = row[c];
                float[] target = planes[c];
                for (int x = 0; x < dw; x++) {
                    int base = x * k.taps;
                    int s = k.start[x];
                    float sum = 0;
                    for (int t = 0, n = k.count[x]; t < n; t++) {
                        sum += k.weights[base + t] * source[s + t];
                    }
                    target[outRow + x] = sum;
                }
            }
        }
        return planes;
    }

    private static void unpack(int[] in, int offset, int length, float[][] row, boolean alpha) {
        float[] r = row[0];
        float[] g = row[1];
        float[] b = row[2];
        for (int i = 0; i < length; i++) {
            int p = in[offset + i];
            r[i] = (p >> 16) & 0xff;
            g[i] = (p >> 8) & 0xff;
            b[i] = p & 0xff;
        }
        if (alpha) {
            float[] a = row[3];
            for (int i = 0; i < length; i++) {
                a[i] = in[offset + i] >>> 24;
            }
        }
    }

    private static void verticalPass(float[][] planes, int w, int sh, int dh, Filter filter, boolean alpha, int[] out) {
        Kernel k = Kernel.of(sh, dh, filter);
        int channels = planes.length;
        float[][] acc = new float[channels][w];
        for (int y = 0; y < dh; y++) {
            for (float[] a : acc) {
                java.util.Arrays.fill(a, 0);
            }
            int base = y * k.taps;
            for (int t = 0, n = k.count[y]; t < n; t++) {
                float wt = k.weights[base + t];
                int row = (k.start[y] + t) * w;
                for (int c = 0; c < channels; c++) {
                    float[] a = acc[c];
                    float[] plane = planes[c];
                    for (int x = 0; x < w; x++) {
                        a[x] += wt * plane[row + x];
                    }
                }
            }
            pack(acc, 0, out, y * w, w, alpha);
        }
    }

    /** Packs {@code length} pixels of the planes (from {@code from}) into {@code out} (at {@code to}). */
    private static void pack(float[][] planes, int from, int[] out, int to, int length, boolean alpha) {
        float[] r = planes[0];
        float[] g = planes[1];
        float[] b = planes[2];
        float[] a = alpha ? planes[3] : null;
        for (int i = 0; i < length; i++) {
            out[to + i] = pack(a == null ? 255 : a[from + i], r[from + i], g[from + i], b[from + i], alpha);
        }
    }

    /** Rounds and clamps; premultiplied colour never exceeds its alpha, opaque images stay opaque. */
    private static int pack(float a, float r, float g, float b, boolean alpha) {
        int ia = alpha ? clamp(a) : 255;
        int limit = alpha ? ia : 255;
        int ir = Math.min(limit, clamp(r));
        int ig = Math.min(limit, clamp(g));
        int ib = Math.min(limit, clamp(b));
        return ia << 24 | ir << 16 | ig << 8 | ib;
    }

    private static int clamp(float v) {
        int i = (int) (v + 0.5f);
        return i < 0 ? 0 : Math.min(i, 255);
    }
}
