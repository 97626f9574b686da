package org.imageserving.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;

import org.imageserving.stock.TestImages;

/** Decoding replies, and comparing a rendered picture with its source by the mean colours of its regions. */
final class Pictures {
    private static final int GRID = 4;

    private Pictures() {}

    static BufferedImage decode(byte[] bytes) throws IOException {
        return TestImages.decode(bytes);
    }

    /** "jpeg", "png"…: what the bytes are, whatever the Content-Type says. */
    static String format(byte[] bytes) throws IOException {
        return TestImages.format(bytes);
    }

    /**
     * The rendered picture shows the whole source, scaled: on a 4x4 grid, each cell's mean colour is within
     * {@code tolerance} per channel of the mean colour of the same cell of the source (cells inset by a tenth, so
     * resampling at their edges does not count).
     */
    static void assertLooksLike(BufferedImage source, BufferedImage rendered, int tolerance) {
        for (int row = 0; row < GRID; row++) {
            for (int column = 0; column < GRID; column++) {
                int expected = meanOfCell(source, column, row);
                int actual = meanOfCell(rendered, column, row);
                assertTrue(TestImages.near(actual, expected, tolerance), "cell " + column + "," + row + ": mean colour "
                        + hex(actual) + ", the source's " + hex(expected) + " (tolerance " + tolerance + ")");
            }
        }
    }

    private static int meanOfCell(BufferedImage image, int column, int row) {
        double cellWidth = image.getWidth() / (double) GRID;
        double cellHeight = image.getHeight() / (double) GRID;
        int x0 = (int) Math.round((column + 0.1) * cellWidth);
        int x1 = (int) Math.round((column + 0.9) * cellWidth);
        int y0 = (int) Math.round((row + 0.1) * cellHeight);
        int y1 = (int) Math.round((row + 0.9) * cellHeight);
        long red = 0;
        long green = 0;
        long blue = 0;
        long count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                red += (rgb >> 16) & 0xff;
                green += (rgb >> 8) & 0xff;
                blue += rgb & 0xff;
                count++;
            }
        }
        return (int) (red / count) << 16 | (int) (green / count) << 8 | (int) (blue / count);
    }

    private static String hex(int rgb) {
        return String.format("%06x", rgb & 0xffffff);
    }
}
