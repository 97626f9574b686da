package org.imageserving.imageserver;

import org.imageserving.stock.Fit;
import org.imageserving.stock.RenderRequest;

/**
 * Where the composite (the source after crop, flip and rotate, {@code compW}×{@code compH}) lands in the
 * reply: it is scaled by ({@code scaleX}, {@code scaleY}) to {@code scaledW}×{@code scaledH} and placed at
 * ({@code offsetX}, {@code offsetY}) in a {@code viewW}×{@code viewH} view; what it does not cover is bgc,
 * what falls outside is cropped. Adobe's rules, in order:
 * <ul>
 *   <li>scl= given: scale 1/scl; wid=/hei=, when also given, crop or pad the view to that size (align=).</li>
 *   <li>wid= and hei=: fit= decides (fit, constrain, crop, wrap, stretch, hfit, vfit); its upscale flag
 *       (default 0) caps the scale at 1:1. Without fit= the image is scaled to fit, upscaling allowed.</li>
 *   <li>only wid= or only hei=: that dimension exactly, the other keeps the aspect ratio.</li>
 *   <li>none of them: the composite's own size or DefaultPix, whichever is smaller (0 = unconstrained).</li>
 * </ul>
 */
public record ViewLayout(int viewW, int viewH, double scaleX, double scaleY, int scaledW, int scaledH, int offsetX, int offsetY) {

    public static ViewLayout compute(int compW, int compH, RenderRequest r) {
        Integer wid = r.width();
        Integer hei = r.height();
        if (r.scale() != null) {
            double s = 1 / r.scale();
            return place(compW, compH, s, s, wid, hei, r);
        }
        if (wid != null && hei != null) {
            return fitInto(compW, compH, wid, hei, r);
        }
        if (wid != null) {
            double s = (double) wid / compW;
            return place(compW, compH, s, s, wid, null, r);
        }
        if (hei != null) {
            double s = (double) hei / compH;
            return place(compW, compH, s, s, null, hei, r);
        }
        double s = 1;
        if (r.defaultPixW() > 0) {
            s = Math.min(s, (double) r.defaultPixW() / compW);
        }
        if (r.defaultPixH() > 0) {
            s = Math.min(s, (double) r.defaultPixH() / compH);
        }
        return place(compW, compH, s, s, null, null, r);
    }

    private static ViewLayout fitInto(int compW, int compH, int wid, int hei, RenderRequest r) {
        Fit fit = r.fit();
        double xs = (double) wid / compW;
        double ys = (double) hei / compH;
        if (fit == null) {
            double s = Math.min(xs, ys);
            return place(compW, compH, s, s, wid, hei, r);
        }
        double cap = fit.upscale() ? Double.MAX_VALUE : 1;
        return switch (fit.mode()) {
            case FIT -> uniform(compW, compH, Math.min(Math.min(xs, ys), cap), wid, hei, r);
            case CONSTRAIN -> uniform(compW, compH, Math.min(Math.min(xs, ys), cap), null, null, r);
            case CROP -> uniform(compW, compH, Math.min(Math.max(xs, ys), cap), wid, hei, r);
            case WRAP -> uniform(compW, compH, Math.min(Math.max(xs, ys), cap), null, null, r);
            case STRETCH -> place(compW, compH, Math.min(xs, cap), Math.min(ys, cap), wid, hei, r);
            case HFIT -> uniform(compW, compH, Math.min(xs, cap), wid, hei, r);
            case VFIT -> uniform(compW, compH, Math.min(ys, cap), wid, hei, r);
        };
    }

    private static ViewLayout uniform(int compW, int compH, double s, Integer wid, Integer hei, RenderRequest r) {
        return place(compW, compH, s, s, wid, hei, r);
    }

    /** Scales, then sizes the view (given dimensions, else the scaled composite's) and aligns within it. */
    private static ViewLayout place(int compW, int compH, double sx, double sy, Integer wid, Integer hei, RenderRequest r) {
        int scaledW = Math.max(1, (int) Math.round(compW * sx));
        int scaledH = Math.max(1, (int) Math.round(compH * sy));
        int viewW = wid != null ? wid : scaledW;
        int viewH = hei != null ? hei : scaledH;
        int offsetX = (int) Math.round((viewW - scaledW) * (clamp(r.alignX()) + 1) / 2);
        int offsetY = (int) Math.round((viewH - scaledH) * (clamp(r.alignY()) + 1) / 2);
        return new ViewLayout(viewW, viewH, (double) scaledW / compW, (double) scaledH / compH, scaledW, scaledH, offsetX, offsetY);
    }

    private static double clamp(double align) {
        return Math.max(-1, Math.min(1, align));
    }

    /** True when the scaled composite covers the whole view exactly (no padding, no cropping). */
    public boolean exact() {
        return offsetX == 0 && offsetY == 0 && scaledW == viewW && scaledH == viewH;
    }

    /** Enforces MaxPix (reply width and height) and the render-size limit (pixels of any image produced). */
    public void checkLimits(RenderRequest r, long maxRenderPixels) throws RenderException {
        if ((r.maxPixW() > 0 && viewW > r.maxPixW()) || (r.maxPixH() > 0 && viewH > r.maxPixH())) {
            throw new RenderException(RenderException.Kind.TOO_LARGE,
                    "reply image " + viewW + "x" + viewH + " exceeds MaxPix " + r.maxPixW() + "," + r.maxPixH());
        }
        long view = (long) viewW * viewH;
        long scaled = (long) scaledW * scaledH;
        if (view > maxRenderPixels || scaled > maxRenderPixels) {
            throw new RenderException(RenderException.Kind.TOO_LARGE, "render of " + Math.max(view, scaled)
                    + " pixels exceeds MaxRenderRgnPixels (" + maxRenderPixels + ")");
        }
    }
}
