package org.imageserving.imageserver;

import static org.imageserving.stock.TestImages.BLUE;
import static org.imageserving.stock.TestImages.GREEN;
import static org.imageserving.stock.TestImages.RED;
import static org.imageserving.stock.TestImages.WHITE;
import static org.imageserving.stock.TestImages.near;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.imageserving.stock.DemoImages;
import org.imageserving.stock.ImageServerRegistry;
import org.imageserving.stock.RenderRequest;
import org.imageserving.stock.ResMode;
import org.imageserving.stock.SourceRoots;
import org.imageserving.stock.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Image Server's pipeline in process, on generated files. */
class RenderPipelineTest {

    @TempDir
    static Path root;
    static RenderPipeline pipeline;

    @BeforeAll
    static void images() throws Exception {
        TestImages.writePng(TestImages.quadrants(200, 100), root.resolve("quad.png"));
        BufferedImage photo = DemoImages.photo(3000, 2000);
        ImageIO.write(photo, "jpeg", root.resolve("photo.jpg").toFile());
        Files.write(root.resolve("bomb.png"), TestImages.pngClaiming(50_000, 50_000));
        ImageServerRegistry registry = new ImageServerRegistry(List.of(root), root, 1, 16, 100, 16, 4, 1024);
        pipeline = new RenderPipeline(new SourceRoots(List.of(root)), registry, new SvgClient(1), new PixelBudget(0.5));
    }

    private static BufferedImage render(String query) throws Exception {
        RenderPipeline.Result result = pipeline.render(RenderRequest.fromQuery(query));
        BufferedImage image = TestImages.decode(result.body());
        assertEquals(result.width(), image.getWidth());
        assertEquals(result.height(), image.getHeight());
        return image;
    }

    @Test
    void largeJpegsAreDecodedReduced() throws Exception {
        try (RasterSource source = RasterSource.open(root.resolve("photo.jpg"), "photo.jpg", 100_000_000)) {
            Dimension d = source.decodedSize(new Rectangle(0, 0, 3000, 2000), 500 / 3000.0, 500 / 3000.0);
            assertEquals(new Dimension(1000, 667), d, "1/3 sub-sampling, then the resampler halves");
            assertEquals(new Dimension(3000, 2000), source.decodedSize(new Rectangle(0, 0, 3000, 2000), 0.6, 0.6));
            BufferedImage part = source.read(new Rectangle(1000, 500, 600, 300), 0.25, 0.25);
            assertEquals(300, part.getWidth(), "region and sub-sampling together");
        }
        BufferedImage image = render("src=photo.jpg&wid=500&fmt=jpeg&qlt=85");
        assertEquals(333, image.getHeight());
    }

    @Test
    void pyramidTiffsAreReadFromTheSmallestLevelThatServes() throws Exception {
        Path tiff = root.resolve("pyramid.tif");
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (var out = ImageIO.createImageOutputStream(tiff.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int size : new int[] {1600, 800, 400, 200}) {
                writer.writeToSequence(new javax.imageio.IIOImage(TestImages.quadrants(size, size / 2), null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        try (RasterSource source = RasterSource.open(tiff, "pyramid.tif", 100_000_000)) {
            assertEquals(1600, source.width());
            Rectangle all = new Rectangle(0, 0, 1600, 800);
            assertEquals(new Dimension(400, 200), source.decodedSize(all, 0.25, 0.25), "level 2 at exactly 1/4");
            assertEquals(new Dimension(400, 200), source.decodedSize(all, 0.2, 0.2), "the smallest level not below the scale");
            assertEquals(new Dimension(100, 50), source.decodedSize(all, 0.03, 0.03), "then sub-sampled");
            BufferedImage part = source.read(new Rectangle(800, 400, 800, 400), 0.25, 0.25);
            assertEquals(200, part.getWidth());
            assertEquals(WHITE, part.getRGB(100, 50) & 0xffffff);
        }
        assertEquals(100, render("src=pyramid.tif&wid=100&fmt=png").getWidth());
    }

    @Test
    void quadrantsSurviveCropFlipRotateAndScaling() throws Exception {
        BufferedImage rotated = render("src=quad.png&rotate=270&fmt=png&scl=1");
        assertEquals(100, rotated.getWidth());
        assertEquals(GREEN, rotated.getRGB(5, 5) & 0xffffff, "counter-clockwise: top-right comes to the top-left");
        BufferedImage both = render("src=quad.png&flip=ud&rotate=180&fmt=png&scl=1");
        assertEquals(GREEN, both.getRGB(5, 5) & 0xffffff, "flip before rotate");
        BufferedImage small = render("src=quad.png&wid=20&fmt=png&resMode=bilin");
        assertTrue(near(small.getRGB(2, 2), RED, 3), Integer.toHexString(small.getRGB(2, 2)));
        assertTrue(near(small.getRGB(17, 2), GREEN, 3), Integer.toHexString(small.getRGB(17, 2)));
        assertTrue(near(small.getRGB(2, 7), BLUE, 3), Integer.toHexString(small.getRGB(2, 7)));
        assertTrue(near(small.getRGB(17, 7), WHITE, 3), Integer.toHexString(small.getRGB(17, 7)));
        BufferedImage extended = render("src=quad.png&crop=-100,0,300,100&fmt=png-alpha&scl=1");
        assertEquals(300, extended.getWidth());
        assertEquals(0, extended.getRGB(50, 50) >>> 24, "a crop beyond the image is transparent");
        assertEquals(RED, extended.getRGB(150, 20) & 0xffffff);
    }

    @Test
    void everyResamplingModeKeepsFlatColoursFlat() {
        BufferedImage flat = Pixels.canvas(97, 61, false, 0x336699);
        for (ResMode mode : ResMode.values()) {
            for (int[] size : new int[][] {{13, 9}, {200, 120}, {97, 20}}) {
                BufferedImage out = Resampler.resize(flat, size[0], size[1], mode);
                assertEquals(size[0], out.getWidth());
                for (int p : Pixels.data(out)) {
                    assertTrue(near(p, 0x336699, 1), mode + " " + Integer.toHexString(p));
                }
            }
        }
    }

    @Test
    void everyFormatEncodes() throws Exception {
        assertEquals("gif", TestImages.format(pipeline.render(RenderRequest.fromQuery("src=quad.png&wid=50&fmt=gif")).body()));
        assertEquals("tif", TestImages.format(pipeline.render(RenderRequest.fromQuery("src=quad.png&wid=50&fmt=tif,rgb,lzw")).body()).substring(0, 3));
        BufferedImage gray = render("src=quad.png&wid=50&fmt=jpeg,gray&qlt=95,1");
        assertEquals(1, gray.getRaster().getNumBands());
        BufferedImage sharpened = render("src=photo.jpg&wid=300&op_usm=2,3,0,1&op_sharpen=1&fmt=png&bgc=000000");
        assertEquals(300, sharpened.getWidth());
    }

    @Test
    void limitsAreRefusedWithTheRightKind() {
        assertEquals(RenderException.Kind.TOO_LARGE, kindOf("src=bomb.png&wid=10"), "header says 2.5 G pixels");
        assertEquals(RenderException.Kind.NOT_FOUND, kindOf("src=nothing.png"));
        assertEquals(RenderException.Kind.TOO_LARGE, kindOf("src=photo.jpg&wid=3000&scl=0.1"));
    }

    private static RenderException.Kind kindOf(String query) {
        return assertThrows(RenderException.class, () -> pipeline.render(RenderRequest.fromQuery(query))).kind();
    }
}
