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
 * {@value #MAX_COEFFICIENT_MB} MB. Only the markers before the first scan are read (at most {@value #MAX_HEADER_BYTES} bytes).
 */
final class JpegHeader {

    static final int MAX_COEFFICIENT_MB = 64;
    static final int MAX_HEADER_BYTES = 4 * 1024 * 1024;

    private JpegHeader() {
    }

    static boolean matches(byte[] head) {
        return head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff;
    }

    /** The frame as declared, and whether libjpeg needs whole-image coefficient buffers for it. */
    record Frame(int width, int height, int components, boolean progressive, boolean multiScan, long coefficientBytes) {}

    static Frame check(FileChannel file, String name, long maxPixels) throws IOException, RenderException {
        long limit = Math.min(file.size(), MAX_HEADER_BYTES);
        ByteBuffer in = ByteBuffer.allocate((int) limit);
        while (in.hasRemaining() && file.read(in, in.position()) >= 0) {
            // read the head of the file
        }
        in.flip();
        int at = 2;
        Frame frame = null;
        while (at + 4 <= in.limit()) {
            if ((in.get(at) & 0xff) != 0xff) {
                throw new RenderException(Kind.UNDECODABLE, name + ": JPEG marker expected at byte " + at);
            }
            int marker = in.get(at + 1) & 0xff;
            if (marker == 0xff) { // fill byte
                at++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                at += 2;
                continue;
            }
            if (marker == 0xd9) {
                break;
            }
            int length = in.getShort(at + 2) & 0xffff;
            if (length < 2) {
                throw new RenderException(Kind.UNDECODABLE, name + ": JPEG segment of length " + length);
            }
            if (isFrame(marker)) {
                frame = frame(in, at + 4, Math.min(in.limit(), at + 2 + length), marker, name, maxPixels);
            } else if (marker == 0xda) {
                if (frame == null) {
                    throw new RenderException(Kind.UNDECODABLE, name + ": JPEG scan before its frame header");
                }
                int scanComponents = at + 4 < in.limit() ? in.get(at + 4) & 0xff : frame.components();
                boolean multiScan = scanComponents < frame.components();
                checkCoefficients(frame, multiScan, name);
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

    /** SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    private static Frame frame(ByteBuffer in, int at, int end, int marker, String name, long maxPixels) throws RenderException {
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
        return new Frame(width, height, components, progressive, false, blocks * 64 * 2);
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
