package org.imageserving.imageserver;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import org.imageserving.imageserver.RenderException.Kind;
import org.imageserving.stock.OutputFormat;
import org.imageserving.stock.RenderRequest;

/**
 * The savers of the libvips engine (fmt=, qlt=): JPEG with its quality, 4:2:0 unless qlt=q,1 asks for
 * full chroma, progressive for pjpeg; PNG at a moderate deflate level (as the Java engine); GIF; TIFF with
 * the requested compression; WebP and AVIF (AV1 through libheif) with qlt as their quality. Metadata is
 * stripped: the pixels are sRGB by then. Saving is what pulls the pixels through the lazy pipeline, so a
 * source that turns out to be broken fails here.
 */
final class VipsEncoder {

    private static final int PNG_COMPRESSION = 4;
    /** libheif's AV1 effort 0-9: 2 keeps a 500 px AVIF well under a second on one core. */
    private static final int AVIF_EFFORT = 2;

    private VipsEncoder() {
    }

    /** A saver writing into {@code buf}/{@code len}. */
    private interface Save {
        int run(PointerByReference buf, LongByReference len);
    }

    static byte[] encode(VipsScope scope, Vips vips, Pointer image, RenderRequest r) throws RenderException {
        LibVips lib = vips.lib();
        OutputFormat format = r.format();
        int q = r.quality();
        Save save = switch (format.type()) {
            case JPEG, PJPEG -> (buf, len) -> lib.vips_jpegsave_buffer(image, buf, len, "Q", q,
                    "interlace", format.type() == OutputFormat.Type.PJPEG ? 1 : 0,
                    "subsample_mode", r.fullChroma() ? LibVips.SUBSAMPLE_OFF : LibVips.SUBSAMPLE_ON, "strip", 1, null);
            case PNG, PNG_ALPHA -> (buf, len) -> lib.vips_pngsave_buffer(image, buf, len, "compression", PNG_COMPRESSION, "strip", 1, null);
            case GIF, GIF_ALPHA -> (buf, len) -> lib.vips_gifsave_buffer(image, buf, len, "strip", 1, null);
            case TIF, TIF_ALPHA -> (buf, len) -> lib.vips_tiffsave_buffer(image, buf, len, "compression", tiffCompression(format.compression()),
                    "Q", q, "strip", 1, null);
            case WEBP, WEBP_ALPHA -> (buf, len) -> lib.vips_webpsave_buffer(image, buf, len, "Q", q, "strip", 1, null);
            case AVIF, AVIF_ALPHA -> (buf, len) -> lib.vips_heifsave_buffer(image, buf, len, "Q", q, "compression", LibVips.HEIF_COMPRESSION_AV1,
                    "bitdepth", 8, "effort", AVIF_EFFORT, "strip", 1, null);
        };
        PointerByReference buf = new PointerByReference();
        LongByReference len = new LongByReference();
        int rc = save.run(buf, len);
        Pointer data = buf.getValue();
        try {
            if (rc != 0 || data == null) {
                throw new RenderException(Kind.UNDECODABLE, "cannot render " + format.type().token() + ": " + scope.lastError());
            }
            if (len.getValue() > Integer.MAX_VALUE - 16) {
                throw new RenderException(Kind.TOO_LARGE, "reply of " + len.getValue() + " bytes is too large");
            }
            return data.getByteArray(0, (int) len.getValue());
        } finally {
            if (data != null) {
                lib.g_free(data);
            }
        }
    }

    private static int tiffCompression(String compression) {
        return switch (compression) {
            case "lzw" -> LibVips.TIFF_COMPRESSION_LZW;
            case "zip" -> LibVips.TIFF_COMPRESSION_DEFLATE;
            case "jpeg" -> LibVips.TIFF_COMPRESSION_JPEG;
            default -> LibVips.TIFF_COMPRESSION_NONE;
        };
    }
}
