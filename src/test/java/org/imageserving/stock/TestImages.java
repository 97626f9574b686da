package org.imageserving.stock;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Fixture images for the tests: a four-colour quadrant picture, hostile files, and decoding helpers. */
public final class TestImages {

    public static final int RED = 0xff0000;
    public static final int GREEN = 0x00ff00;
    public static final int BLUE = 0x0000ff;
    public static final int WHITE = 0xffffff;

    private TestImages() {
    }

    /** w×h, top-left red, top-right green, bottom-left blue, bottom-right white. */
    public static BufferedImage quadrants(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean right = x >= w / 2;
                boolean bottom = y >= h / 2;
                image.setRGB(x, y, bottom ? (right ? WHITE : BLUE) : (right ? GREEN : RED));
            }
        }
        return image;
    }

    public static void writePng(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    public static BufferedImage decode(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null) {
            throw new IOException("not an image (" + bytes.length + " bytes)");
        }
        return image;
    }

    /** The format name ImageIO sees in {@code bytes} ("png", "jpeg"…). */
    public static String format(byte[] bytes) throws IOException {
        try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(in);
            return readers.hasNext() ? readers.next().getFormatName().toLowerCase(java.util.Locale.ROOT) : "none";
        }
    }

    /** True when the two RGB colours differ by at most {@code tolerance} per channel. */
    public static boolean near(int rgb, int expected, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((expected >> shift) & 0xff)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** A PNG whose header claims {@code w}×{@code h} pixels but holds almost no data (a decompression bomb's header). */
    public static byte[] pngClaiming(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    /** The "billion laughs": nested entities that expand to gigabytes. */
    public static String billionLaughs() {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            s.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                s.append(i == 1 ? "&lol;" : "&lol" + (i - 1) + ";");
            }
            s.append("\">\n");
        }
        return s.append("]>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><text>&lol9;</text></svg>\n").toString();
    }
}
