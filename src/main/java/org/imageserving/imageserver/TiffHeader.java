package org.imageserving.imageserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.HashSet;
import java.util.Set;
import org.imageserving.imageserver.RenderException.Kind;

/**
 * A TIFF's chain of image file directories (IFDs), walked by us with bounds before any ImageIO reader sees the
 * file: the JDK's and TwelveMonkeys' readers follow the chain without end when an IFD points at itself or at an
 * earlier one (134 bytes filled the heap). Refused: a loop, more than {@value #MAX_PAGES} pages, more than
 * {@value #MAX_ENTRIES} entries in one IFD, offsets outside the file, a page above the source pixel limit, and a
 * compressed strip or tile that decodes to more than {@value #MAX_SEGMENT_MB} MB (the readers inflate one whole).
 */
final class TiffHeader {

    static final int MAX_PAGES = 256;
    static final int MAX_ENTRIES = 1024;
    static final int MAX_SEGMENT_MB = 64;

    private TiffHeader() {
    }

    /** True when {@code head} (the first bytes of a file) starts like a TIFF or BigTIFF. */
    static boolean matches(byte[] head) {
        return head.length >= 4 && ((head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43)));
    }

    /** Walks every IFD; returns the number of pages. */
    static int check(FileChannel file, String name, long maxPixels) throws IOException, RenderException {
        long size = file.size();
        ByteBuffer head = read(file, 0, 16);
        head.order(head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        boolean big = head.getShort(2) == 43;
        long offset = big ? head.getLong(8) : Integer.toUnsignedLong(head.getInt(4));
        Set<Long> seen = new HashSet<>();
        int pages = 0;
        while (offset != 0) {
            if (!seen.add(offset)) {
                throw refuse(Kind.UNDECODABLE, name + ": TIFF directory chain loops back to offset " + offset);
            }
            if (pages == MAX_PAGES) {
                throw refuse(Kind.TOO_LARGE, name + ": TIFF with more than " + MAX_PAGES + " pages");
            }
            if (offset < 8 || offset >= size) {
                throw refuse(Kind.UNDECODABLE, name + ": TIFF directory offset " + offset + " outside the file");
            }
            offset = page(file, head.order(), big, offset, name, maxPixels, pages);
            pages++;
        }
        if (pages == 0) {
            throw refuse(Kind.UNDECODABLE, name + ": TIFF without an image directory");
        }
        return pages;
    }

    /** Checks one IFD; returns the offset of the next (0 at the end). */
    private static long page(FileChannel file, ByteOrder order, boolean big, long offset, String name, long maxPixels, int index)
            throws IOException, RenderException {
        ByteBuffer count = read(file, offset, big ? 8 : 2).order(order);
        long entries = big ? count.getLong(0) : Short.toUnsignedInt(count.getShort(0));
        if (entries <= 0 || entries > MAX_ENTRIES) {
            throw refuse(Kind.UNDECODABLE, name + ": TIFF directory with " + entries + " entries (at most " + MAX_ENTRIES + ")");
        }
        int entrySize = big ? 20 : 12;
        int countSize = big ? 8 : 2;
        ByteBuffer ifd = read(file, offset + countSize, (int) entries * entrySize + (big ? 8 : 4)).order(order);
        long width = 0;
        long height = 0;
        long rowsPerStrip = -1;
        long tileW = 0;
        long tileH = 0;
        long samples = 1;
        long bits = 8;
        long compression = 1;
        for (int i = 0; i < entries; i++) {
            int at = i * entrySize;
            int tag = Short.toUnsignedInt(ifd.getShort(at));
            int type = Short.toUnsignedInt(ifd.getShort(at + 2));
            long values = big ? ifd.getLong(at + 4) : Integer.toUnsignedLong(ifd.getInt(at + 4));
            long value = values == 1 ? inline(ifd, at + (big ? 12 : 8), type) : 0;
            switch (tag) {
                case 256 -> width = value;
                case 257 -> height = value;
                case 258 -> bits = value > 0 ? value : 16; // several samples: their depths are stored elsewhere; assume the most
                case 259 -> compression = value;
                case 277 -> samples = value;
                case 278 -> rowsPerStrip = value;
                case 322 -> tileW = value;
                case 323 -> tileH = value;
                default -> { }
            }
        }
        if (width <= 0 || height <= 0) {
            throw refuse(Kind.UNDECODABLE, name + ": TIFF page " + index + " without a width or height");
        }
        if (width * height > maxPixels) {
            throw refuse(Kind.TOO_LARGE, name + ": TIFF page " + index + " of " + width + "x" + height
                    + " pixels exceeds MaxNonDsfSize (" + maxPixels + " pixels)");
        }
        long rows = rowsPerStrip <= 0 || rowsPerStrip > height ? height : rowsPerStrip;
        long segmentPixels = tileW > 0 && tileH > 0 ? tileW * tileH : width * rows;
        long segmentBytes = segmentPixels * Math.max(1, Math.min(samples, 16)) * Math.max(1, Math.min(bits, 64)) / 8;
        if (compression != 1 && segmentBytes > MAX_SEGMENT_MB * 1024L * 1024) {
            throw refuse(Kind.TOO_LARGE, name + ": TIFF page " + index + " has compressed strips or tiles of " + segmentBytes / (1024 * 1024)
                    + " MB each, more than " + MAX_SEGMENT_MB + " MB");
        }
        int next = (int) entries * entrySize;
        return big ? ifd.getLong(next) : Integer.toUnsignedLong(ifd.getInt(next));
    }

    /** An entry's value when it is one SHORT, LONG or LONG8 stored in the entry itself; else 0. */
    private static long inline(ByteBuffer ifd, int at, int type) {
        return switch (type) {
            case 3 -> Short.toUnsignedInt(ifd.getShort(at));
            case 4 -> Integer.toUnsignedLong(ifd.getInt(at));
            case 16 -> ifd.getLong(at);
            default -> 0;
        };
    }

    private static ByteBuffer read(FileChannel file, long position, int length) throws IOException, RenderException {
        if (position < 0 || position + length > file.size()) {
            throw refuse(Kind.UNDECODABLE, "TIFF directory runs past the end of the file");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw refuse(Kind.UNDECODABLE, "TIFF truncated");
            }
        }
        return buffer.flip();
    }

    private static RenderException refuse(Kind kind, String message) {
        return new RenderException(kind, message);
    }
}
