package org.imageserving.imageserver;

import com.sun.jna.Pointer;
import org.imageserving.imageserver.RenderException.Kind;
import org.imageserving.stock.RenderRequest;
import org.imageserving.stock.Usm;

/**
 * op_usm and op_sharpen in libvips, with the Java {@link Sharpener}'s definition so that both engines
 * sharpen alike: out = in + amount × (in − gaussian(in, sigma = radius × scale)), the difference dropped
 * where it is below the threshold and replaced by its luma when monochrome, alpha untouched.
 */
final class VipsSharpener {

    private static final double[] LUMA = {0.299, 0.587, 0.114};

    private VipsSharpener() {
    }

    /** {@code image} is 8-bit sRGB, with or without alpha. */
    static Pointer sharpen(VipsScope scope, LibVips lib, Pointer image, RenderRequest r, ViewLayout layout) throws RenderException {
        Pointer out = image;
        if (r.usm() != null && r.usm().active()) {
            out = unsharpMask(scope, lib, out, r.usm(), Math.min(layout.scaleX(), layout.scaleY()));
        }
        if (r.sharpen()) {
            out = unsharpMask(scope, lib, out, Sharpener.BASIC, 1);
        }
        return out;
    }

    private static Pointer unsharpMask(VipsScope scope, LibVips lib, Pointer image, Usm usm, double scale) throws RenderException {
        double sigma = usm.radius() * scale;
        if (usm.amount() <= 0 || sigma < 0.1) {
            return image;
        }
        boolean alpha = lib.vips_image_hasalpha(image) != 0;
        int bands = lib.vips_image_get_bands(image);
        Pointer colour = alpha ? call(scope, o -> lib.vips_extract_band(image, o, 0, "n", bands - 1, null)) : image;
        Pointer blurred = call(scope, o -> lib.vips_gaussblur(colour, o, sigma, (Object) null));
        Pointer diff = call(scope, o -> lib.vips_subtract(colour, blurred, o, (Object) null));
        if (usm.monochrome() && bands - (alpha ? 1 : 0) == 3) {
            Pointer matrix = scope.keep(lib.vips_image_new_matrix_from_array(3, 1, LUMA, 3), Kind.BAD_REQUEST, "op_usm");
            Pointer rgb = diff;
            diff = call(scope, o -> lib.vips_recomb(rgb, o, matrix, (Object) null)); // one band, added to all three
        }
        if (usm.threshold() > 0) {
            Pointer d = diff;
            Pointer magnitude = call(scope, o -> lib.vips_abs(d, o, (Object) null));
            Pointer keep = call(scope, o -> lib.vips_relational_const1(magnitude, o, LibVips.RELATIONAL_MOREEQ, usm.threshold(), (Object) null));
            Pointer zero = call(scope, o -> lib.vips_linear1(d, o, 0, 0, (Object) null));
            diff = call(scope, o -> lib.vips_ifthenelse(keep, d, zero, o, (Object) null));
        }
        Pointer d = diff;
        Pointer scaled = call(scope, o -> lib.vips_linear1(d, o, usm.amount(), 0, (Object) null));
        Pointer sum = call(scope, o -> lib.vips_add(colour, scaled, o, (Object) null));
        Pointer sharp = call(scope, o -> lib.vips_cast(sum, o, LibVips.FORMAT_UCHAR, (Object) null));
        if (!alpha) {
            return sharp;
        }
        Pointer a = call(scope, o -> lib.vips_extract_band(image, o, bands - 1, (Object) null));
        return call(scope, o -> lib.vips_bandjoin2(sharp, a, o, (Object) null));
    }

    private static Pointer call(VipsScope scope, VipsScope.Call call) throws RenderException {
        return scope.image(Kind.UNDECODABLE, "sharpen", call);
    }
}
