package org.imageserving.imageserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.imageserving.imageserver.RenderException.Kind;

/**
 * A JPEG's frame header (SOFn), read by us before libjpeg sees the file. libjpeg decodes a progressive or
 * multi-scan JPEG through whole-image coefficient buffers (2 bytes per coefficient, 64 per 8×8 block of every
 * component) allocated in native memory, outside -Xmx and the pixel budget, at their full size whatever the
 * sub-sampling asked for: a 600-byte truncated 100 MP progressive file made the Image Server grow by 376 MB.
 * Refused: a frame above the source pixel limit, a frame without a height (DNL), and coefficient buffers above
 * {@value #MAX_COEFFICIENT_MB} MB. Only the segment headers before the first scan are read (within the first
 * {@value #MAX_HEADER_BYTES} bytes, at most {@value #MAX_SEGMENTS} segments), and the frame header itself.
 */
final class JpegHeader {

    static final int MAX_COEFFICIENT_MB = 64;
    static final int MAX_HEADER_BYTES = 4 * 1024 * 1024;
    static final int MAX_SEGMENTS = 1024;

    private JpegHeader() {
    }

    static boolean matches(byte[] head) {
        return head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff;
    }

    /** The frame as declared, and the size of its whole-image coefficient buffers should libjpeg need them. */
    record Frame(int width, int height, int components, boolean progressive, long coefficientBytes) {}

    static Frame check(FileChannel file, String name, long maxPixels) throws IOException, RenderException {
        long end = Math.min(file.size(), MAX_HEADER_BYTES);
        long at = 2;
        Frame frame = null;
        for (int segments = 0; at + 4 <= end; segments++) {
            if (segments == MAX_SEGMENTS) {
                throw new RenderException(Kind.UNDECODABLE, name + ": more than " + MAX_SEGMENTS + " JPEG segments before the first scan");
            }
            ByteBuffer marker = read(file, at, 5);
            if ((marker.get(0) & 0xff) != 0xff) {
                throw new RenderException(Kind.UNDECODABLE, name + ": JPEG marker expected at byte " + at);
            }
            int code = marker.get(1) & 0xff;
            if (code == 0xff) { // fill byte
                at++;
                continue;
            }
            if (code == 0x01 || (code >= 0xd0 && code <= 0xd7)) {
                at += 2;
                continue;
            }
            if (code == 0xd9) {
                break;
            }
            int length = marker.getShort(2) & 0xffff;
            if (length < 2) {
                throw new RenderException(Kind.UNDECODABLE, name + ": JPEG segment of length " + length);
            }
            if (isFrame(code)) {
                frame = frame(read(file, at + 4, Math.min(length - 2, 6 + 4 * 3)), code, name, maxPixels);
            } else if (code == 0xda) {
                if (frame == null) {
                    throw new RenderException(Kind.UNDECODABLE, name + ": JPEG scan before its frame header");
                }
                // a first scan without every component means several scans: libjpeg buffers the whole image then too
                int scanComponents = marker.limit() > 4 ? marker.get(4) & 0xff : frame.components();
                checkCoefficients(frame, scanComponents < frame.components(), name);
                return frame;
            }
            at += 2 + length;
        }
        if (frame == null) {
            throw new RenderException(Kind.UNDECODABLE, name + ": JPEG without a frame header in its first " + MAX_HEADER_BYTES + " bytes");
        }
        checkCoefficients(frame, false, name);
        return frame;
    }

    /** Up to {@code length} bytes at {@code position} (fewer at the end of the file). */
    private static ByteBuffer read(FileChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && file.read(buffer, position + buffer.position()) > 0) {
            // positional reads until full or at the end
        }
        return buffer.flip();
    }

    /** SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    private static Frame frame(ByteBuffer in, int marker, String name, long maxPixels) throws RenderException {
        int at = 0;
        int end = in.limit();
        if (at + 6 > end) {
            throw new RenderException(Kind.UNDECODABLE, name + ": JPEG frame header truncated");
        }
        int height = in.getShort(at + 1) & 0xffff;
        int width = in.getShort(at + 3) & 0xffff;
        int components = in.get(at + 5) & 0xff;
        if (width == 0 || height == 0) {
            throw new RenderException(Kind.UNDECODABLE, name + ": JPEG frame of " + width + "x" + height + " (a height given later by DNL is not accepted)");
        }
        if ((long) width * height > maxPixels) {
            throw new RenderException(Kind.TOO_LARGE, name + ": source of " + width + "x" + height
                    + " pixels exceeds MaxNonDsfSize (" + maxPixels + " pixels)");
        }
        if (components < 1 || components > 4 || at + 6 + components * 3 > end) {
            throw new RenderException(Kind.UNDECODABLE, name + ": JPEG frame with " + components + " components");
        }
        int hMax = 1;
        int vMax = 1;
        for (int c = 0; c < components; c++) {
            int hv = in.get(at + 6 + c * 3 + 1) & 0xff;
            hMax = Math.max(hMax, Math.max(1, hv >> 4));
            vMax = Math.max(vMax, Math.max(1, hv & 0x0f));
        }
        long blocks = 0;
        for (int c = 0; c < components; c++) {
            int hv = in.get(at + 6 + c * 3 + 1) & 0xff;
            long cw = ceilDiv((long) width * Math.max(1, hv >> 4), hMax);
            long ch = ceilDiv((long) height * Math.max(1, hv & 0x0f), vMax);
            blocks += ceilDiv(cw, 8) * ceilDiv(ch, 8);
        }
        boolean progressive = marker == 0xc2 || marker == 0xc6 || marker == 0xca || marker == 0xce;
        return new Frame(width, height, components, progressive, blocks * 64 * 2);
    }

    private static void checkCoefficients(Frame frame, boolean multiScan, String name) throws RenderException {
        if ((frame.progressive() || multiScan) && frame.coefficientBytes() > MAX_COEFFICIENT_MB * 1024L * 1024) {
            throw new RenderException(Kind.TOO_LARGE, name + ": " + (frame.progressive() ? "progressive" : "multi-scan") + " JPEG of "
                    + frame.width() + "x" + frame.height() + " needs " + frame.coefficientBytes() / (1024 * 1024)
                    + " MB of coefficient buffers to decode, more than " + MAX_COEFFICIENT_MB + " MB");
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
