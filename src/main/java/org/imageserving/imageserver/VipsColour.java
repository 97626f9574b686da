package org.imageserving.imageserver;

import com.sun.jna.Pointer;
import org.imageserving.imageserver.RenderException.Kind;

/**
 * Colour to 8-bit sRGB, which every reply is: through the embedded ICC profile when the source has one
 * (Adobe RGB, ProPhoto, a CMYK press profile…), else libvips' own conversion from the interpretation
 * (gray, CMYK without profile, 16-bit). The profile is then stripped by the savers.
 */
final class VipsColour {

    private VipsColour() {
    }

    static Pointer toSrgb(VipsScope scope, LibVips lib, Pointer image) throws RenderException {
        Pointer out = image;
        if (lib.vips_image_get_typeof(out, "icc-profile-data") != 0) {
            Pointer in = out;
            out = scope.image(Kind.UNDECODABLE, "ICC profile", o -> lib.vips_icc_transform(in, o, "srgb", "embedded", 1, null));
        }
        if (lib.vips_image_get_interpretation(out) != LibVips.INTERPRETATION_SRGB) {
            Pointer in = out;
            out = scope.image(Kind.UNDECODABLE, "colour", o -> lib.vips_colourspace(in, o, LibVips.INTERPRETATION_SRGB, (Object) null));
        }
        if (lib.vips_image_get_format(out) != LibVips.FORMAT_UCHAR) {
            Pointer in = out;
            out = scope.image(Kind.UNDECODABLE, "cast", o -> lib.vips_cast(in, o, LibVips.FORMAT_UCHAR, (Object) null));
        }
        return out;
    }
}
