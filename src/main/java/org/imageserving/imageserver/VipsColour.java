package org.imageserving.imageserver;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import org.imageserving.imageserver.RenderException.Kind;

/**
 * Colour to 8-bit sRGB, which every reply is: through the embedded ICC profile when the source has one
 * (Adobe RGB, ProPhoto, a CMYK press profile…), else libvips' own conversion from the interpretation
 * (gray, CMYK without profile, 16-bit). The profile is then stripped by the savers. An embedded sRGB
 * profile (most camera and web JPEGs) is taken at its word: building an lcms transform costs tens of
 * milliseconds a request, and it would map sRGB onto itself.
 */
final class VipsColour {

    private VipsColour() {
    }

    static Pointer toSrgb(VipsScope scope, LibVips lib, Pointer image) throws RenderException {
        Pointer out = image;
        if (lib.vips_image_get_typeof(out, "icc-profile-data") != 0 && !IccProfiles.describesSrgb(profile(lib, out))) {
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

    private static byte[] profile(LibVips lib, Pointer image) {
        PointerByReference data = new PointerByReference();
        LongByReference length = new LongByReference();
        if (lib.vips_image_get_blob(image, "icc-profile-data", data, length) != 0 || data.getValue() == null
                || length.getValue() <= 0 || length.getValue() > IccProfiles.MAX_BYTES) {
            return new byte[0];
        }
        return data.getValue().getByteArray(0, (int) length.getValue()); // owned by the image: copied, not freed
    }
}
