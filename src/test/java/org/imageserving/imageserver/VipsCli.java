package org.imageserving.imageserver;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** libvips' command-line tool (Debian libvips-tools) as an independent decoder and fixture maker for the tests. */
final class VipsCli {

    /** A decoded image: PNG written by {@code vips copy}, read by ImageIO. */
    record Decoded(BufferedImage image) {
        int width() {
            return image.getWidth();
        }

        int height() {
            return image.getHeight();
        }

        int bands() {
            return image.getRaster().getNumBands();
        }

        int rgb(int x, int y) {
            return image.getRGB(x, y) & 0xffffff;
        }

        int alpha(int x, int y) {
            return image.getRGB(x, y) >>> 24;
        }
    }

    private VipsCli() {
    }

    static Decoded decode(Path dir, byte[] encoded, String suffix) throws Exception {
        Path in = Files.createTempFile(dir, "reply-", "." + suffix);
        Path out = Files.createTempFile(dir, "decoded-", ".png");
        Files.write(in, encoded);
        run("vips", "copy", in.toString(), out.toString());
        BufferedImage image = ImageIO.read(out.toFile());
        if (image == null) {
            throw new IOException("vips could not decode the " + suffix + " reply");
        }
        return new Decoded(image);
    }

    /** A 64×64 JPEG of the sRGB colour {@code rgb}, converted to Display P3 with that profile embedded. */
    static Path displayP3Jpeg(Path dir, String name, int rgb) throws Exception {
        return profiledJpeg(dir, name, rgb, "p3");
    }

    /** A 64×64 JPEG of the sRGB colour {@code rgb} converted to libvips' built-in {@code profile} ("p3", "srgb"), embedded. */
    static Path profiledJpeg(Path dir, String name, int rgb, String profile) throws Exception {
        Path black = dir.resolve("black.v");
        Path flat = dir.resolve("flat.v");
        run("vips", "black", black.toString(), "64", "64", "--bands", "3");
        run("vips", "linear", black.toString(), flat.toString(), "1 1 1",
                ((rgb >> 16) & 0xff) + " " + ((rgb >> 8) & 0xff) + " " + (rgb & 0xff), "--uchar");
        Path out = dir.resolve(name);
        run("vips", "icc_transform", flat.toString(), out + "[Q=98]", profile, "--input-profile", "srgb");
        return out;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": no answer within 60 s");
        }
        String output = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + ": " + output);
        }
    }
}
