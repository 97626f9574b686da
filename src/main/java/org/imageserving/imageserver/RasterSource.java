package org.imageserving.imageserver;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import org.imageserving.imageserver.RenderException.Kind;

/**
 * A raster file read through ImageIO. Reduced decoding: the JPEG/PNG/GIF/BMP readers are asked for a
 * sub-sampled region ({@code ImageReadParam.setSourceRegion/setSourceSubsampling}) at half the needed
 * reduction, which the resampler then finishes with a proper filter; a pyramid TIFF's smallest level that
 * still covers the request is read instead of its full-resolution page. For JPEG the JDK's own reader is
 * preferred (twice as fast sub-sampled here); TwelveMonkeys' reader takes over for what the JDK cannot
 * read (CMYK/YCCK, some broken files).
 */
final class RasterSource implements SourceImage {

    /** One resolution of the image: a page index and its size (levels of a pyramid TIFF). */
    private record Level(int index, int width, int height) {}

    private final Path file;
    private final String name;
    private final ImageInputStream stream;
    private final ImageReader reader;
    private final String format;
    private final List<Level> levels;
    private final ImageTypeSpecifier type;

    private RasterSource(Path file, String name, ImageInputStream stream, ImageReader reader, List<Level> levels)
            throws IOException {
        this.file = file;
        this.name = name;
        this.stream = stream;
        this.reader = reader;
        this.format = formatOf(reader);
        this.levels = levels;
        this.type = reader.getRawImageType(0);
    }

    /** Reads the header only; refuses images above {@code maxSourcePixels} (decompression bombs included). */
    static RasterSource open(Path file, String name, long maxNonDsfSize) throws RenderException {
        long maxSourcePixels = SourceLimits.maxSourcePixels(maxNonDsfSize, PixelBudget.HEAP_FRACTION);
        int pages = SourceLimits.check(file, name, maxSourcePixels);
        for (ImageReader reader : readers(file)) {
            ImageInputStream in = null;
            try {
                in = ImageIO.createImageInputStream(file.toFile());
                reader.setInput(in, false, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || (long) w * h > maxSourcePixels) {
                    reader.dispose();
                    in.close();
                    throw new RenderException(Kind.TOO_LARGE, name + ": source of " + w + "x" + h
                            + " pixels exceeds MaxNonDsfSize (" + maxSourcePixels + " pixels)");
                }
                List<Level> levels = new ArrayList<>();
                levels.add(new Level(0, w, h));
                if (formatOf(reader).equals("tiff")) {
                    addPyramidLevels(reader, Math.min(pages, 32), w, h, levels);
                }
                return new RasterSource(file, name, in, reader, levels);
            } catch (IOException | RuntimeException e) {
                reader.dispose();
                closeQuietly(in); // the next reader may understand the file
            }
        }
        throw new RenderException(Kind.UNDECODABLE, name + ": not an image this server can read");
    }

    /** {@code pages} as counted by {@link TiffHeader}: never {@code getNumImages(true)}, which walks a looping chain for ever. */
    private static void addPyramidLevels(ImageReader reader, int pages, int w, int h, List<Level> levels) throws IOException {
        for (int i = 1; i < pages; i++) {
            int lw = reader.getWidth(i);
            int lh = reader.getHeight(i);
            boolean smaller = lw < levels.get(levels.size() - 1).width();
            boolean sameShape = Math.abs((double) lw / lh - (double) w / h) < 0.02 * w / h + 2.0 / lh;
            if (smaller && sameShape) {
                levels.add(new Level(i, lw, lh));
            }
        }
    }

    /** The readers for this file, the JDK's own before the plug-ins. */
    private static List<ImageReader> readers(Path file) {
        List<ImageReader> result = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return result;
            }
            Iterator<ImageReader> it = ImageIO.getImageReaders(in);
            while (it.hasNext()) {
                result.add(it.next());
            }
        } catch (IOException e) {
            return result;
        }
        result.sort((a, b) -> Boolean.compare(!jdk(a), !jdk(b)));
        return result;
    }

    /** The reader's format, normalised ("jpeg", "png", "tiff"…), or "" when it cannot say. */
    private static String formatOf(ImageReader reader) {
        try {
            String f = reader.getFormatName().toLowerCase(Locale.ROOT);
            return f.equals("jpg") ? "jpeg" : f.startsWith("tif") ? "tiff" : f;
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean jdk(ImageReader reader) {
        return reader.getClass().getName().startsWith("com.sun.imageio.");
    }

    private static void closeQuietly(ImageInputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    @Override
    public int width() {
        return levels.get(0).width();
    }

    @Override
    public int height() {
        return levels.get(0).height();
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public String pixelType() {
        if (type == null) {
            return "RGB";
        }
        return switch (type.getColorModel().getColorSpace().getType()) {
            case java.awt.color.ColorSpace.TYPE_GRAY -> "BW";
            case java.awt.color.ColorSpace.TYPE_CMYK -> "CMYK";
            default -> "RGB";
        };
    }

    @Override
    public boolean hasAlpha() {
        return type != null && type.getColorModel().hasAlpha();
    }

    /** The level to read and the sub-sampling factor on it for the requested scale. */
    private record Choice(Level level, int factor) {}

    private Choice choose(double scaleX, double scaleY) {
        double scale = Math.max(scaleX, scaleY);
        Level chosen = levels.get(0);
        for (Level level : levels) {
            if ((double) level.width() / width() >= scale) {
                chosen = level;
            }
        }
        double levelScale = (double) chosen.width() / width();
        // decode at twice the final resolution: sub-sampling picks pixels, the resampler then averages them
        int factor = Math.max(1, (int) Math.floor(levelScale / (2 * scale)));
        return new Choice(chosen, factor);
    }

    private static Rectangle onLevel(Rectangle region, Level level, int fullW, int fullH) {
        if (level.index() == 0) {
            return region;
        }
        double fx = (double) level.width() / fullW;
        double fy = (double) level.height() / fullH;
        int x0 = (int) Math.floor(region.x * fx);
        int y0 = (int) Math.floor(region.y * fy);
        int x1 = Math.min(level.width(), (int) Math.ceil((region.x + region.width) * fx));
        int y1 = Math.min(level.height(), (int) Math.ceil((region.y + region.height) * fy));
        return new Rectangle(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    @Override
    public Dimension decodedSize(Rectangle region, double scaleX, double scaleY) {
        Choice c = choose(scaleX, scaleY);
        Rectangle r = onLevel(region, c.level(), width(), height());
        return new Dimension(ceilDiv(r.width, c.factor()), ceilDiv(r.height, c.factor()));
    }

    @Override
    public BufferedImage read(Rectangle region, double scaleX, double scaleY) throws RenderException {
        Choice c = choose(scaleX, scaleY);
        Rectangle r = onLevel(region, c.level(), width(), height());
        try {
            return decode(reader, c, r);
        } catch (IOException | RuntimeException first) {
            // e.g. the JDK refuses a CMYK JPEG: let another reader of the same format try
            for (ImageReader other : readers(file)) {
                if (other.getClass() == reader.getClass() || !format.equals(formatOf(other))) {
                    other.dispose();
                    continue;
                }
                try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                    other.setInput(in, false, true);
                    return decode(other, c, r);
                } catch (IOException | RuntimeException e) {
                    // fall through to the error below
                } finally {
                    other.dispose();
                }
            }
            throw new RenderException(Kind.UNDECODABLE, name + ": cannot be decoded (" + first.getMessage() + ")");
        }
    }

    private static BufferedImage decode(ImageReader reader, Choice c, Rectangle r) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceRegion(r);
        if (c.factor() > 1) {
            param.setSourceSubsampling(c.factor(), c.factor(), 0, 0);
        }
        return Pixels.working(reader.read(c.level().index(), param));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public void close() {
        reader.dispose();
        closeQuietly(stream);
    }
}
