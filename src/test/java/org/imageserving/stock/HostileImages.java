package org.imageserving.stock;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Small files that attack decoders, built byte by byte as an attacker would (see issue 9). */
public final class HostileImages {

    private HostileImages() {
    }

    /**
     * A little-endian TIFF of {@code ifds} 4×4 grey pages whose last directory points back at directory
     * {@code loopTo} (-1: no loop), each page declaring {@code width}×{@code height}.
     */
    public static byte[] tiff(int ifds, int loopTo, int width, int height) {
        int entries = 9;
        int ifdSize = 2 + entries * 12 + 4;
        int pixels = 8 + ifds * ifdSize;
        ByteBuffer b = ByteBuffer.allocate(pixels + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int i = 0; i < ifds; i++) {
            b.putShort((short) entries);
            entry(b, 256, 4, width);
            entry(b, 257, 4, height);
            entry(b, 258, 3, 8);
            entry(b, 259, 3, 1);
            entry(b, 262, 3, 1);
            entry(b, 273, 4, pixels);
            entry(b, 277, 3, 1);
            entry(b, 278, 4, height);
            entry(b, 279, 4, 16);
            boolean last = i == ifds - 1;
            int next = last ? (loopTo < 0 ? 0 : 8 + loopTo * ifdSize) : 8 + (i + 1) * ifdSize;
            b.putInt(next);
        }
        for (int i = 0; i < 16; i++) {
            b.put((byte) (i * 16));
        }
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /**
     * A progressive JPEG whose frame header declares {@code width}×{@code height} but which holds the scans of a
     * 64×64 picture, cut {@code keep} bytes after its first scan starts: libjpeg allocates the declared image's
     * coefficient buffers before it notices the data ends.
     */
    public static byte[] truncatedProgressiveJpeg(int width, int height, int keep) throws IOException {
        byte[] jpeg = progressiveJpeg(64, 64);
        int sof = find(jpeg, 0xc2, 2);
        jpeg[sof + 5] = (byte) (height >> 8);
        jpeg[sof + 6] = (byte) height;
        jpeg[sof + 7] = (byte) (width >> 8);
        jpeg[sof + 8] = (byte) width;
        int sos = find(jpeg, 0xda, sof);
        return Arrays.copyOf(jpeg, Math.min(jpeg.length, sos + keep));
    }

    /** A real progressive JPEG (4:2:0) of {@code w}×{@code h}. */
    public static byte[] progressiveJpeg(int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | 0x40);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static int find(byte[] b, int marker, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == marker) {
                return i;
            }
        }
        throw new IllegalStateException("no marker " + Integer.toHexString(marker));
    }

    /** The {@code <use>} bomb: {@code levels} levels of {@code refs} references each (10×10: 10^10 elements, 1.5 kB). */
    public static String useBomb(int levels, int refs) {
        StringBuilder s = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'"
                + " width='100' height='100'><defs><rect id='l0' width='1' height='1'/>");
        for (int i = 1; i <= levels; i++) {
            s.append("<g id='l").append(i).append("'>");
            for (int j = 0; j < refs; j++) {
                s.append("<use xlink:href='#l").append(i - 1).append("'/>");
            }
            s.append("</g>");
        }
        return s.append("</defs><use xlink:href='#l").append(levels).append("'/></svg>").toString();
    }
}
