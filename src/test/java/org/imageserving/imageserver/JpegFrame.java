package org.imageserving.imageserver;

import java.util.List;

/** Reads a JPEG's frame header: which SOF marker (baseline C0, progressive C2) and the first component's sampling. */
final class JpegFrame {

    private JpegFrame() {
    }

    /** [SOF marker's low byte, luma sampling factors as 0xHV]. */
    static List<Integer> of(byte[] jpeg) {
        int i = 2;
        while (i + 4 < jpeg.length) {
            if ((jpeg[i] & 0xff) != 0xff) {
                throw new IllegalArgumentException("not a JPEG marker at " + i);
            }
            int marker = jpeg[i + 1] & 0xff;
            int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            if (marker >= 0xc0 && marker <= 0xc2) {
                return List.of(marker, jpeg[i + 11] & 0xff);
            }
            i += 2 + length;
        }
        throw new IllegalArgumentException("no frame header");
    }
}
