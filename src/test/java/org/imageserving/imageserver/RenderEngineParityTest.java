package org.imageserving.imageserver;

import static org.imageserving.stock.TestImages.BLUE;
import static org.imageserving.stock.TestImages.GREEN;
import static org.imageserving.stock.TestImages.RED;
import static org.imageserving.stock.TestImages.WHITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.imageserving.stock.EngineSettings;
import org.imageserving.stock.ImageServerRegistry;
import org.imageserving.stock.RenderRequest;
import org.imageserving.stock.SourceRoots;
import org.imageserving.stock.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both render engines on the same files and requests: the Java pipeline always, libvips wherever it is
 * installed (CI installs libvips42). Every reply is decoded and checked for size, format and colours at
 * known pixels; WebP/AVIF replies are decoded by libvips' own command-line tool.
 */
class RenderEngineParityTest {

    @TempDir
    static Path root;
    static RenderPipeline java;
    static VipsEngine vips;

    @BeforeAll
    static void setUp() throws Exception {
        TestImages.writePng(TestImages.quadrants(200, 100), root.resolve("quad.png"));
        BufferedImage half = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = half.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(100, 0, 100, 100); // left half fully transparent, right half opaque red
        g.dispose();
        TestImages.writePng(half, root.resolve("half.png"));
        BufferedImage edge = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                edge.setRGB(x, y, x < 100 ? 0x646464 : 0x969696);
            }
        }
        TestImages.writePng(edge, root.resolve("edge.png"));
        Files.write(root.resolve("bomb.png"), TestImages.pngClaiming(50_000, 50_000));
        ImageServerRegistry registry = new ImageServerRegistry(List.of(root), root, 1, 16, 100, 16, 4, 1024);
        SourceRoots roots = new SourceRoots(List.of(root));
        java = new RenderPipeline(roots, registry, new SvgClient(1), new PixelBudget(0.5));
        Vips library = Vips.load(EngineSettings.defaults());
        vips = library == null ? null : new VipsEngine(library, roots, registry, java);
    }

    static Stream<String> engines() {
        List<String> names = new ArrayList<>(List.of("java"));
        if (Vips.load(EngineSettings.defaults()) != null) {
            names.add("vips");
        }
        return names.stream();
    }

    private static RenderEngine engine(String name) {
        return name.equals("java") ? java : vips;
    }

    private static RenderPipeline.Result result(String engine, String query) throws Exception {
        return engine(engine).render(RenderRequest.fromQuery(query));
    }

    private static BufferedImage render(String engine, String query) throws Exception {
        RenderPipeline.Result result = result(engine, query);
        BufferedImage image = TestImages.decode(result.body());
        assertEquals(result.width(), image.getWidth(), "width " + query);
        assertEquals(result.height(), image.getHeight(), "height " + query);
        return image;
    }

    private static void assertColour(BufferedImage image, int x, int y, int expected, String what) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        assertTrue(TestImages.near(rgb, expected, 24), what + ": pixel " + x + "," + y + " is " + Integer.toHexString(rgb)
                + ", expected about " + Integer.toHexString(expected));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void scalesToTheWidthKeepingTheAspectRatio(String engine) throws Exception {
        BufferedImage image = render(engine, "src=quad.png&wid=100&fmt=png");
        assertEquals(100, image.getWidth());
        assertEquals(50, image.getHeight());
        assertColour(image, 20, 10, RED, engine);
        assertColour(image, 80, 10, GREEN, engine);
        assertColour(image, 20, 40, BLUE, engine);
        assertColour(image, 80, 40, WHITE, engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void fitCropHonoursAlign(String engine) throws Exception {
        BufferedImage left = render(engine, "src=quad.png&wid=50&hei=50&fit=crop,0&align=-1,0&fmt=png");
        assertEquals(50, left.getWidth());
        assertEquals(50, left.getHeight());
        assertColour(left, 25, 10, RED, engine + " left");
        assertColour(left, 25, 40, BLUE, engine + " left");
        BufferedImage right = render(engine, "src=quad.png&wid=50&hei=50&fit=crop,0&align=1,0&fmt=png");
        assertColour(right, 25, 10, GREEN, engine + " right");
        assertColour(right, 25, 40, WHITE, engine + " right");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void padsWithTheBackgroundColour(String engine) throws Exception {
        BufferedImage image = render(engine, "src=quad.png&wid=100&hei=100&bgc=222222&fmt=png");
        assertEquals(100, image.getHeight());
        assertColour(image, 50, 5, 0x222222, engine + " pad above");
        assertColour(image, 50, 95, 0x222222, engine + " pad below");
        assertColour(image, 20, 35, RED, engine);
        assertColour(image, 80, 65, WHITE, engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void cropsInSourcePixelsAndExtendsTransparently(String engine) throws Exception {
        BufferedImage red = render(engine, "src=quad.png&crop=0,0,100,50&fmt=png");
        assertEquals(100, red.getWidth());
        assertEquals(50, red.getHeight());
        assertColour(red, 95, 45, RED, engine);
        BufferedImage beyond = render(engine, "src=quad.png&crop=-50,0,100,50&fmt=png-alpha");
        assertEquals(100, beyond.getWidth());
        assertEquals(0, beyond.getRGB(10, 10) >>> 24, engine + ": the extension is transparent");
        assertColour(beyond, 80, 25, RED, engine);
        assertEquals(255, beyond.getRGB(80, 25) >>> 24);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void rotatesClockwiseAndFlips(String engine) throws Exception {
        BufferedImage turned = render(engine, "src=quad.png&rotate=90&fmt=png");
        assertEquals(100, turned.getWidth());
        assertEquals(200, turned.getHeight());
        assertColour(turned, 75, 25, RED, engine + " rotate");
        assertColour(turned, 25, 25, BLUE, engine + " rotate");
        assertColour(turned, 75, 175, GREEN, engine + " rotate");
        BufferedImage flipped = render(engine, "src=quad.png&flip=lr&wid=100&fmt=png");
        assertColour(flipped, 20, 10, GREEN, engine + " flip");
        BufferedImage both = render(engine, "src=quad.png&flip=ud&rotate=180&wid=100&fmt=png");
        assertColour(both, 20, 10, GREEN, engine + " flip ud + rotate 180 = flip lr");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void alphaIsKeptOrFlattenedByFormat(String engine) throws Exception {
        BufferedImage kept = render(engine, "src=half.png&wid=100&fmt=png-alpha");
        assertEquals(0, kept.getRGB(10, 25) >>> 24, engine);
        assertEquals(255, kept.getRGB(90, 25) >>> 24, engine);
        assertColour(kept, 90, 25, RED, engine);
        BufferedImage flat = render(engine, "src=half.png&wid=100&fmt=png&bgc=00ff00");
        assertColour(flat, 10, 25, GREEN, engine + " flattened on bgc");
        assertColour(flat, 90, 25, RED, engine);
        assertColour(flat, 52, 25, RED, engine + ": no dark fringe from invisible pixels");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void writesTheRequestedFormats(String engine) throws Exception {
        assertEquals("jpeg", TestImages.format(result(engine, "src=quad.png&wid=60&fmt=jpeg").body()));
        assertEquals("png", TestImages.format(result(engine, "src=quad.png&wid=60&fmt=png").body()));
        assertEquals("gif", TestImages.format(result(engine, "src=quad.png&wid=60&fmt=gif").body()));
        BufferedImage tiff = TestImages.decode(result(engine, "src=quad.png&wid=60&fmt=tif,rgb,lzw").body());
        assertColour(tiff, 10, 10, RED, engine + " tif");
        BufferedImage gray = render(engine, "src=quad.png&wid=60&fmt=png,gray");
        assertEquals(1, gray.getRaster().getNumBands(), engine + " gray has one band");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void jpegChromaAndProgressive(String engine) throws Exception {
        assertEquals(List.of(0xc0, 0x22), JpegFrame.of(result(engine, "src=quad.png&wid=64&fmt=jpeg&qlt=90,0").body()),
                engine + ": baseline, 4:2:0 luma sampling 2x2");
        assertEquals(List.of(0xc0, 0x11), JpegFrame.of(result(engine, "src=quad.png&wid=64&fmt=jpeg&qlt=90,1").body()),
                engine + ": qlt=q,1 is 4:4:4");
        assertEquals(0xc2, JpegFrame.of(result(engine, "src=quad.png&wid=64&fmt=pjpeg").body()).get(0), engine + ": pjpeg is progressive");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void unsharpMaskRaisesEdgeContrast(String engine) throws Exception {
        BufferedImage plain = render(engine, "src=edge.png&wid=200&fmt=png");
        BufferedImage sharp = render(engine, "src=edge.png&wid=200&fmt=png&op_usm=2,2,0,0");
        int before = plain.getRGB(98, 50) & 0xff;
        int after = sharp.getRGB(98, 50) & 0xff;
        assertTrue(after < before - 10, engine + ": dark side of the edge " + before + " -> " + after);
        assertColour(sharp, 20, 50, 0x646464, engine + ": flat areas unchanged");
        BufferedImage thresholded = render(engine, "src=edge.png&wid=200&fmt=png&op_usm=2,2,255,0");
        assertColour(thresholded, 98, 50, 0x646464, engine + ": threshold 255 keeps every pixel");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void limitsHoldBeforeDecoding(String engine) {
        RenderException bomb = assertThrows(RenderException.class, () -> result(engine, "src=bomb.png&wid=100"));
        assertEquals(RenderException.Kind.TOO_LARGE, bomb.kind());
        assertTrue(bomb.getMessage().contains("MaxNonDsfSize"), bomb.getMessage());
        RenderException maxPix = assertThrows(RenderException.class, () -> result(engine, "src=quad.png&wid=3000&maxPix=2000,2000"));
        assertTrue(maxPix.getMessage().contains("MaxPix"), maxPix.getMessage());
        assertEquals(RenderException.Kind.NOT_FOUND, assertThrows(RenderException.class, () -> result(engine, "src=none.png")).kind());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void propsAndInfoFromTheHeader(String engine) throws Exception {
        ViewLayout layout = engine(engine).layout(RenderRequest.fromQuery("src=quad.png&wid=100&hei=100&fit=constrain,0"));
        assertEquals(100, layout.viewW());
        assertEquals(50, layout.viewH());
        RenderPipeline.SourceInfo info = engine(engine).info("half.png");
        assertEquals(200, info.width());
        assertEquals("png", info.format());
        assertTrue(info.alpha());
    }

    @Test
    void javaEngineRefusesWebpAndAvifWithTheReason() {
        for (String fmt : List.of("webp", "webp-alpha", "avif")) {
            RenderException e = assertThrows(RenderException.class, () -> result("java", "src=quad.png&wid=60&fmt=" + fmt));
            assertEquals(RenderException.Kind.BAD_REQUEST, e.kind());
            assertTrue(e.getMessage().contains("not supported"), e.getMessage());
        }
    }

    @Test
    void vipsWritesWebpAndAvif() throws Exception {
        assumeTrue(vips != null, "libvips not installed");
        VipsCli.Decoded webp = VipsCli.decode(root, result("vips", "src=quad.png&wid=100&fmt=webp&qlt=90").body(), "webp");
        assertEquals(100, webp.width());
        assertEquals(50, webp.height());
        assertTrue(TestImages.near(webp.rgb(20, 10), RED, 24), Integer.toHexString(webp.rgb(20, 10)));
        VipsCli.Decoded webpAlpha = VipsCli.decode(root, result("vips", "src=half.png&wid=100&fmt=webp-alpha").body(), "webp");
        assertEquals(4, webpAlpha.bands());
        assertEquals(0, webpAlpha.alpha(10, 25));
        VipsCli.Decoded avif = VipsCli.decode(root, result("vips", "src=quad.png&wid=100&fmt=avif&qlt=80").body(), "heif");
        assertEquals(100, avif.width());
        assertTrue(TestImages.near(avif.rgb(80, 40), WHITE, 24), Integer.toHexString(avif.rgb(80, 40)));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anEmbeddedProfileIsConvertedToSrgb(String engine) throws Exception {
        assumeTrue(vips != null, "the fixture is made with libvips' command-line tool");
        Path p3 = VipsCli.displayP3Jpeg(root, "p3.jpg", 0xc83c28);
        int stored = VipsCli.decode(root, Files.readAllBytes(p3), "jpeg").rgb(5, 5);
        assertTrue(!TestImages.near(stored, 0xc83c28, 6), "the file holds Display P3 values: " + Integer.toHexString(stored));
        BufferedImage image = render(engine, "src=p3.jpg&wid=32&fmt=png");
        int rgb = image.getRGB(16, 16) & 0xffffff;
        assertTrue(TestImages.near(rgb, 0xc83c28, 4), engine + ": " + Integer.toHexString(rgb) + " is not the sRGB colour c83c28");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anEmbeddedSrgbProfileKeepsTheColours(String engine) throws Exception {
        assumeTrue(vips != null, "the fixture is made with libvips' command-line tool");
        VipsCli.profiledJpeg(root, "srgb-profile.jpg", 0xc83c28, "srgb");
        BufferedImage image = render(engine, "src=srgb-profile.jpg&wid=32&fmt=png");
        int rgb = image.getRGB(16, 16) & 0xffffff;
        assertTrue(TestImages.near(rgb, 0xc83c28, 4), engine + ": " + Integer.toHexString(rgb));
    }

    @Test
    void iccDescriptionsTellSrgbFromOtherProfiles() {
        assertTrue(IccProfiles.describesSrgb(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        byte[] linear = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        assertTrue(!IccProfiles.describesSrgb(linear), IccProfiles.description(linear));
        assertTrue(!IccProfiles.description(linear).isEmpty(), "the linear RGB profile has a description");
        assertEquals("", IccProfiles.description(ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData()),
                "not an RGB profile");
        byte[] truncated = Arrays.copyOf(linear, 140);
        assertEquals("", IccProfiles.description(truncated));
        assertEquals("", IccProfiles.description(new byte[0]));
    }

    @Test
    void vipsErrorsAreOneLineWithoutTheFilesLocation() throws Exception {
        assumeTrue(vips != null, "libvips not installed");
        TestImages.writePng(TestImages.quadrants(600, 400), root.resolve("whole.png"));
        byte[] png = Files.readAllBytes(root.resolve("whole.png"));
        Files.write(root.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        RenderException e = assertThrows(RenderException.class, () -> result("vips", "src=cut.png&wid=100&fmt=png"));
        assertEquals(RenderException.Kind.UNDECODABLE, e.kind());
        assertTrue(!e.getMessage().contains(root.toString()) && !e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, e.getMessage());
    }

    @Test
    void vipsRasterisesSvgWithoutScriptsOrExternalResources() throws Exception {
        assumeTrue(vips != null, "libvips not installed");
        TestImages.writePng(TestImages.quadrants(10, 10), root.resolve("secret.png"));
        Files.writeString(root.resolve("drawing.svg"), "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='100'>"
                + "<rect id='r' width='200' height='100' fill='#0000ff'/>"
                + "<script>document.getElementById('r').setAttribute('fill','red')</script></svg>");
        BufferedImage image = render("vips", "src=drawing.svg&wid=100&fmt=png");
        assertEquals(50, image.getHeight());
        assertColour(image, 10, 10, BLUE, "the script did not run");
        RenderException big = assertThrows(RenderException.class, () -> result("vips", "src=drawing.svg&wid=5000&fmt=png"));
        assertEquals(RenderException.Kind.TOO_LARGE, big.kind());
        assertTrue(big.getMessage().contains("SvgMaxRenderRgnPixels"), big.getMessage());
        // librsvg itself loads nothing from outside a document read through a libvips source
        Files.writeString(root.resolve("outside.svg"), "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'"
                + " width='200' height='100'><rect width='200' height='100' fill='#0000ff'/>"
                + "<image x='0' y='0' width='200' height='100' xlink:href='file://" + root.resolve("secret.png") + "'/>"
                + "<image x='0' y='0' width='200' height='100' xlink:href='secret.png'/></svg>");
        try (VipsScope scope = new VipsScope(Vips.load(EngineSettings.defaults()))) {
            Vips library = Vips.load(EngineSettings.defaults());
            VipsInput input = VipsInput.open(scope, library.lib(), root.resolve("outside.svg"), "outside.svg",
                    new ImageServerRegistry(List.of(root), root, 1, 16, 100, 16, 4, 1024));
            com.sun.jna.Pointer pixels = input.load(1, true, 1_000_000);
            byte[] png = VipsEncoder.encode(scope, library, pixels, RenderRequest.fromQuery("src=outside.svg&fmt=png-alpha"));
            assertColour(TestImages.decode(png), 10, 10, BLUE, "the file: image was not loaded");
            assertColour(TestImages.decode(png), 150, 80, BLUE, "the relative image was not loaded");
        }
    }

    @Test
    void svgReferencesToOtherFilesAreFound() {
        String head = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>";
        for (String inside : List.of("<rect fill='url(#g)'/>", "<use xlink:href='#a'/>", "<image href='data:image/png;base64,AAAA'/>",
                "<style>rect { fill: url( '#g') }</style>")) {
            assertTrue(!SvgReferences.external((head + inside + "</svg>").getBytes()), inside);
        }
        for (String outside : List.of("<image xlink:href='file:///etc/hostname'/>", "<image href='photo.png'/>",
                "<use href='http://example.com/a.svg#x'/>", "<style>@import 'x.css';</style>", "<rect style='fill:url(other.svg#g)'/>",
                "<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='/etc/passwd' parse='text'/>")) {
            assertTrue(SvgReferences.external((head + outside + "</svg>").getBytes()), outside);
        }
        assertTrue(SvgReferences.external("<?xml-stylesheet href='a.css'?><svg xmlns='http://www.w3.org/2000/svg'/>".getBytes()));
    }

    @Test
    void vipsReleasesItsPixelsAfterEachRender() throws Exception {
        assumeTrue(vips != null, "libvips not installed");
        BufferedImage photo = org.imageserving.stock.DemoImages.photo(1200, 800);
        ImageIO.write(photo, "jpeg", root.resolve("photo.jpg").toFile());
        Vips library = Vips.load(EngineSettings.defaults());
        result("vips", "src=photo.jpg&wid=300&rotate=90&op_usm=1,1,0,0&fmt=webp");
        long before = library.trackedBytes();
        for (int i = 0; i < 20; i++) {
            result("vips", "src=photo.jpg&wid=300&rotate=90&op_usm=1,1,0,0&fmt=webp");
            result("vips", "src=photo.jpg&wid=200&hei=200&fit=crop&fmt=png-alpha");
        }
        assertEquals(before, library.trackedBytes(), "libvips' tracked pixel memory returns to where it was");
    }
}
