package org.imageserving.imageserver;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads an ICC profile's description ('desc' tag: ICC v2 textDescriptionType or v4
 * multiLocalizedUnicodeType) to tell an sRGB profile from the others. Bounded: a malformed or hostile
 * profile is simply "not sRGB", and then lcms, which validates it, decides.
 */
final class IccProfiles {

    /** Larger profiles are not read here (real ones are a few kB; CMYK press profiles up to a few MB). */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final int DESC = 0x64657363; // 'desc'
    private static final int TYPE_DESC = 0x64657363;
    private static final int TYPE_MLUC = 0x6d6c7563; // 'mluc'
    private static final int RGB = 0x52474220; // 'RGB '

    private IccProfiles() {
    }

    /** "sRGB IEC61966-2.1", "sRGB built-in", libvips' "sRGB"…, but not the JDK's "linear sRGB". */
    static boolean describesSrgb(byte[] profile) {
        return description(profile).strip().startsWith("sRGB");
    }

    /** The profile's description, "" when it has none or cannot be read; only for RGB profiles. */
    static String description(byte[] profile) {
        try {
            ByteBuffer b = ByteBuffer.wrap(profile);
            if (profile.length < 132 || b.getInt(16) != RGB) {
                return "";
            }
            int tags = b.getInt(128);
            for (int i = 0; i < Math.min(tags, 200); i++) {
                int entry = 132 + i * 12;
                if (b.getInt(entry) == DESC) {
                    return text(b, b.getInt(entry + 4), b.getInt(entry + 8));
                }
            }
        } catch (IndexOutOfBoundsException e) {
            return "";
        }
        return "";
    }

    private static String text(ByteBuffer b, int offset, int size) {
        if (offset < 0 || size < 12 || offset + size > b.capacity()) {
            return "";
        }
        int type = b.getInt(offset);
        if (type == TYPE_DESC) {
            int count = Math.min(b.getInt(offset + 8), size - 12);
            return count <= 0 ? "" : new String(b.array(), offset + 12, count, StandardCharsets.US_ASCII).replace("\0", "");
        }
        if (type == TYPE_MLUC && b.getInt(offset + 8) > 0) {
            int length = b.getInt(offset + 20);
            int start = offset + b.getInt(offset + 24);
            if (length > 0 && start >= offset && start + length <= offset + size) {
                return new String(b.array(), start, length, StandardCharsets.UTF_16BE);
            }
        }
        return "";
    }
}
