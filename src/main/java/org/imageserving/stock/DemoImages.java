package org.imageserving.stock;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The demo catalog's pictures, drawn here rather than downloaded, identically on every machine: a
 * 3000×2000 photo-like landscape JPEG (also the benchmark's 6-megapixel source), a 600×600 PNG with
 * transparency and an SVG drawing. Written into {@code <root>/demo/} when missing, atomically, so a fresh
 * install's first start serves real pictures.
 */
public final class DemoImages {

    public static final String FOLDER = "demo";
    public static final String PHOTO = "photo.jpg";
    public static final String LOGO = "logo.png";
    public static final String DRAWING = "drawing.svg";
    public static final int PHOTO_WIDTH = 3000;
    public static final int PHOTO_HEIGHT = 2000;

    private DemoImages() {
    }

    /** Creates whichever demo files are missing under {@code root}/demo. */
    public static void ensure(Path root) throws IOException {
        Path dir = root.resolve(FOLDER);
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve(PHOTO))) {
            writeAtomically(dir.resolve(PHOTO), out -> writeJpeg(photo(PHOTO_WIDTH, PHOTO_HEIGHT), out, 0.9f));
        }
        if (!Files.exists(dir.resolve(LOGO))) {
            writeAtomically(dir.resolve(LOGO), out -> ImageIO.write(logo(600), "png", out));
        }
        if (!Files.exists(dir.resolve(DRAWING))) {
            writeAtomically(dir.resolve(DRAWING), out -> {
                try (InputStream in = DemoImages.class.getResourceAsStream(DRAWING)) {
                    if (in == null) {
                        throw new IOException("resource " + DRAWING + " missing from the jar");
                    }
                    in.transferTo(out);
                }
            });
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path target, Writer writer) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.write(out);
            }
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the default permissions will do
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void writeJpeg(BufferedImage image, OutputStream out, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** A sunset over mountains and a lake, with film grain so that it compresses like a photograph. */
    public static BufferedImage photo(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Random random = new Random(20261123L);
        int horizon = (int) (h * 0.62);
        g.setPaint(new GradientPaint(0, 0, new Color(22, 48, 112), 0, horizon, new Color(250, 170, 90)));
        g.fillRect(0, 0, w, horizon);
        float sunX = w * 0.68f;
        float sunY = horizon * 0.40f;
        g.setPaint(new RadialGradientPaint(sunX, sunY, h * 0.35f, new float[] {0f, 0.12f, 0.13f, 1f},
                new Color[] {new Color(255, 250, 220), new Color(255, 236, 170), new Color(255, 200, 120, 200), new Color(255, 160, 80, 0)}));
        g.fill(new Ellipse2D.Float(sunX - h * 0.35f, sunY - h * 0.35f, h * 0.7f, h * 0.7f));
        for (int i = 0; i < 14; i++) {
            // a cloud is a cluster of faint puffs, so its edges stay soft
            float cx = random.nextFloat() * w;
            float cy = horizon * (0.05f + random.nextFloat() * 0.3f);
            float cw = w * (0.06f + random.nextFloat() * 0.12f);
            for (int puff = 0; puff < 24; puff++) {
                float px = cx + (random.nextFloat() - 0.5f) * cw;
                float py = cy + (random.nextFloat() - 0.5f) * cw * 0.12f;
                float pw = cw * (0.2f + random.nextFloat() * 0.35f);
                g.setColor(new Color(255, 200 + random.nextInt(50), 190 + random.nextInt(40), 14 + random.nextInt(16)));
                g.fill(new Ellipse2D.Float(px - pw / 2, py - pw * 0.2f, pw, pw * 0.4f));
            }
        }
        Color[] ridges = {new Color(92, 92, 140), new Color(62, 80, 110), new Color(38, 70, 60), new Color(24, 52, 34)};
        for (int layer = 0; layer < ridges.length; layer++) {
            float base = horizon - h * (0.13f - layer * 0.035f);
            g.setPaint(new GradientPaint(0, base - h * 0.1f, ridges[layer].brighter(), 0, horizon, ridges[layer]));
            g.fill(ridge(w, horizon, base, h * (0.12f - layer * 0.025f), random));
        }
        g.setPaint(new GradientPaint(0, horizon, new Color(200, 130, 90), 0, h, new Color(20, 40, 70)));
        g.fillRect(0, horizon, w, h - horizon);
        g.setColor(new Color(255, 230, 170, 90));
        for (int i = 0; i < 260; i++) {
            float y = horizon + (float) Math.pow(random.nextFloat(), 1.6) * (h - horizon);
            float len = w * (0.01f + random.nextFloat() * 0.05f) * (1 + (y - horizon) / (h - horizon));
            float x = sunX + (random.nextFloat() - 0.5f) * w * 0.18f * (1 + (y - horizon) / (h - horizon));
            g.fill(new RoundRectangle2D.Float(x - len / 2, y, len, 3 + (y - horizon) / 120f, 4, 4));
        }
        g.setStroke(new BasicStroke(2.2f));
        for (int i = 0; i < 2600; i++) {
            float x = random.nextFloat() * w;
            float y = h - random.nextFloat() * h * 0.09f;
            g.setColor(new Color(10 + random.nextInt(30), 40 + random.nextInt(50), 20 + random.nextInt(20)));
            g.draw(new java.awt.geom.Line2D.Float(x, y, x + (random.nextFloat() - 0.5f) * 30, y - 20 - random.nextFloat() * 70));
        }
        g.dispose();
        grain(image, random.nextLong());
        return image;
    }

    private static Path2D ridge(int w, int bottom, float base, float amplitude, Random random) {
        int n = 257;
        double[] y = new double[n];
        y[0] = base - random.nextDouble() * amplitude;
        y[n - 1] = base - random.nextDouble() * amplitude;
        for (int step = n - 1; step > 1; step /= 2) {
            double spread = amplitude * step / (n - 1);
            for (int i = step / 2; i < n; i += step) {
                y[i] = (y[i - step / 2] + y[Math.min(n - 1, i + step / 2)]) / 2 + (random.nextDouble() - 0.5) * spread * 1.6;
            }
        }
        Path2D path = new Path2D.Float();
        path.moveTo(0, bottom);
        for (int i = 0; i < n; i++) {
            path.lineTo((double) w * i / (n - 1), y[i]);
        }
        path.lineTo(w, bottom);
        path.closePath();
        return path;
    }

    private static void grain(BufferedImage image, long seed) {
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        long s = seed | 1;
        for (int i = 0; i < data.length; i++) {
            s ^= s << 13;
            s ^= s >>> 7;
            s ^= s << 17;
            int n = (int) (s & 15) - 8;
            int p = data[i];
            int r = clamp(((p >> 16) & 0xff) + n);
            int gr = clamp(((p >> 8) & 0xff) + n);
            int b = clamp((p & 0xff) + n);
            data[i] = r << 16 | gr << 8 | b;
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** A round badge on a transparent background. */
    public static BufferedImage logo(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setComposite(AlphaComposite.SrcOver);
        float r = size * 0.45f;
        g.setPaint(new RadialGradientPaint(size * 0.4f, size * 0.35f, r * 1.3f, new float[] {0f, 1f},
                new Color[] {new Color(255, 120, 60), new Color(180, 30, 60)}));
        g.fill(new Ellipse2D.Float(size / 2f - r, size / 2f - r, 2 * r, 2 * r));
        g.setColor(new Color(255, 255, 255, 230));
        Path2D star = new Path2D.Float();
        for (int i = 0; i < 10; i++) {
            double a = Math.PI / 2 + i * Math.PI / 5;
            double rr = i % 2 == 0 ? r * 0.7 : r * 0.28;
            double x = size / 2.0 + rr * Math.cos(a);
            double y = size / 2.0 - rr * Math.sin(a);
            if (i == 0) {
                star.moveTo(x, y);
            } else {
                star.lineTo(x, y);
            }
        }
        star.closePath();
        g.fill(star);
        g.dispose();
        return image;
    }
}
