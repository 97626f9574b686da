package org.imageserving.imageserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.imageserving.imageserver.RenderException.Kind;

/**
 * What a raster source may declare before a decoder is let near it, checked from its header by our own bounded
 * parsers ({@link TiffHeader}, {@link JpegHeader}), because the decoders themselves trust the header: they loop
 * on a TIFF directory chain, and allocate whole-image buffers on the heap and in native memory from its sizes.
 * Called by the Java engine before ImageIO opens a file.
 */
final class SourceLimits {

    /** Bytes a decoded pixel may take in the heap budget: a source must fit in it whole. */
    private static final int BYTES_PER_PIXEL = 4;

    private SourceLimits() {
    }

    /**
     * MaxNonDsfSize lowered to what the heap can hold: a source whose full decode (4 bytes a pixel) is more than
     * {@code heapFraction} of the maximum heap is refused, whatever the configured limit.
     */
    static long maxSourcePixels(long configured, double heapFraction) {
        long heapPixels = (long) (Runtime.getRuntime().maxMemory() * heapFraction / BYTES_PER_PIXEL);
        return Math.min(configured, heapPixels);
    }

    /**
     * Checks the header of a TIFF or JPEG (other formats pass: their readers stream); returns the number of TIFF
     * pages (1 for everything else) so that nobody needs to ask a reader to count them.
     */
    static int check(Path file, String name, long maxPixels) throws RenderException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(16);
            while (head.hasRemaining() && channel.read(head, head.position()) >= 0) {
                // the first bytes name the format
            }
            byte[] magic = new byte[head.position()];
            head.flip().get(magic);
            if (TiffHeader.matches(magic)) {
                return TiffHeader.check(channel, name, maxPixels);
            }
            if (JpegHeader.matches(magic)) {
                JpegHeader.check(channel, name, maxPixels);
            }
            return 1;
        } catch (IOException e) {
            throw new RenderException(Kind.NOT_FOUND, name + ": cannot be read");
        }
    }
}
