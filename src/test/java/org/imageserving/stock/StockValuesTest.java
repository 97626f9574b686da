package org.imageserving.stock;

import org.imageserving.install.Homes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared value types: colours, the ps→is wire format, SVG sizes, source paths, arguments, homes. */
class StockValuesTest {

    @TempDir
    Path dir;

    @Test
    void coloursInEveryDocumentedNotation() {
        assertEquals(0xff0000, CommandValues.color("bgc", "ff0000"));
        assertEquals(0xa0b1c2, CommandValues.color("bgc", "a0b1c2d3R"), "hex8 with alpha, alpha ignored");
        assertEquals(0x010203, CommandValues.color("bgc", "0x010203S"));
        assertEquals(0x0064c8, CommandValues.color("bgc", "0,100,200"));
        assertEquals(0x0064c8, CommandValues.color("bgc", "0,100,200,200rs"));
        assertEquals(0x808080, CommandValues.color("bgc", "0x80"), "gray needs the 0x prefix");
        assertEquals(0xffffff, CommandValues.color("bgc", "100g"), "gray percent");
        assertEquals(0x000000, CommandValues.color("bgc", "0,0,0,100k"), "CMYK, naive conversion");
        for (String bad : new String[] {"", "zzzzzz", "12345", "300,0,0", "1,2,3,4,5", "0x"}) {
            assertThrows(BadValueException.class, () -> CommandValues.color("bgc", bad), bad);
        }
    }

    @Test
    void renderRequestsRoundTripThroughTheQueryString() {
        RenderRequest r = RenderRequest.fromQuery("src=a%20b/c.jpg&wid=500&hei=400&scl=0.0001&fit=crop,1&align=-1,0.5&bgc=ff00ff"
                + "&cropN=0.1,0,0.8,1&rotate=-90&flip=lr&resMode=sharp2&op_sharpen=1&op_usm=1.5,2,3,1&fmt=png-alpha&qlt=90,1"
                + "&defaultPix=400,400&maxPix=2000,2000");
        assertEquals(270, r.rotate());
        assertEquals("a b/c.jpg", r.source());
        assertEquals(r, RenderRequest.fromQuery(r.toQuery()));
        assertFalse(r.toQuery().contains("E-"), "no exponents on the wire: " + r.toQuery());
        for (String bad : new String[] {"src=../x.jpg", "src=/a/../b", "", "src=x.jpg&wid=0", "src=x.jpg&rotate=45", "src=x.jpg&qlt=101"}) {
            assertThrows(BadValueException.class, () -> RenderRequest.fromQuery(bad), bad);
        }
    }

    @Test
    void svgSizeComesFromTheRootElementWithoutADtd() {
        assertEquals(new SvgSize(800, 600), SvgSize.of(svg("width='800' height='600'")));
        assertEquals(new SvgSize(96, 48), SvgSize.of(svg("width='1in' height='0.5in'")));
        assertEquals(new SvgSize(200, 100), SvgSize.of(svg("width='100%' viewBox='0 0 200 100'")));
        assertEquals(new SvgSize(400, 200), SvgSize.of(svg("width='400' viewBox='0,0,200,100'")));
        assertEquals(new SvgSize(400, 400), SvgSize.of(svg("")));
        assertThrows(IllegalArgumentException.class, () -> SvgSize.of(TestImages.billionLaughs().getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> SvgSize.of("<!DOCTYPE svg SYSTEM 'http://evil/x.dtd'><svg/>".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> SvgSize.of("<html/>".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> SvgSize.of("<svg".getBytes(StandardCharsets.UTF_8)));
        SvgSize.of(("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">"
                + "<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] svg(String attributes) {
        return ("<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg' " + attributes + "/>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sourcePathsStayInsideTheirRoots() throws Exception {
        Path root = Files.createDirectories(dir.resolve("images"));
        Files.writeString(root.resolve("a.jpg"), "x");
        Files.writeString(dir.resolve("secret.txt"), "x");
        Files.createSymbolicLink(root.resolve("link.txt"), dir.resolve("secret.txt"));
        SourceRoots roots = new SourceRoots(List.of(root));
        assertTrue(roots.find("a.jpg").isPresent());
        assertTrue(roots.find("/a.jpg").isPresent());
        for (String bad : new String[] {"../secret.txt", "x/../../secret.txt", "a.jpg/..", "link.txt", "", "a\\b", "c:/x", "a//b", "./a.jpg"}) {
            assertTrue(roots.find(bad).isEmpty(), bad);
        }
        assertEquals("a.jpg", roots.relativize(root.resolve("a.jpg")).orElseThrow());
        assertTrue(roots.relativize(dir.resolve("secret.txt")).isEmpty());
    }

    @Test
    void argumentsAreCheckedWithOneLineMessages() {
        ServerArguments a = ServerArguments.parse("ps", new String[] {"--port", "8080", "--bind=127.0.0.1"}, Set.of("port", "bind"));
        assertEquals(8080, a.port("port", 1));
        assertEquals("127.0.0.1", a.text("bind", null));
        assertEquals(27345, a.port("image-server-port", 27345));
        assertTrue(assertThrows(UsageException.class, () -> ServerArguments.parse("ps", new String[] {"--port", "70000"}, Set.of("port"))
                .port("port", 0)).getMessage().contains("--port [70000]"));
        assertThrows(UsageException.class, () -> ServerArguments.parse("ps", new String[] {"--nope", "1"}, Set.of("port")));
        assertThrows(UsageException.class, () -> ServerArguments.parse("ps", new String[] {"--port"}, Set.of("port")));
        assertThrows(UsageException.class, () -> ServerArguments.parse("ps", new String[] {"8080"}, Set.of("port")));
        assertThrows(UsageException.class, () -> ServerArguments.parse("ps", new String[] {"--port", "1", "--port", "2"}, Set.of("port")));
    }

    @Test
    void homesComeFromPropertiesThenTheEnvironmentAndConfFromBaseThenHome() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/conf"));
        Path base = Files.createDirectories(dir.resolve("base/conf"));
        Files.writeString(home.resolve("ImageServerRegistry.xml"), "<imageserverregistry><RootPath>/srv/a</RootPath>"
                + "<RootPath>pics</RootPath><MaxRenderRgnPixels>8</MaxRenderRgnPixels></imageserverregistry>");
        Properties props = new Properties();
        props.setProperty("imageserving.base", dir.resolve("base").toString());
        Homes h = Homes.resolve(Map.of("IMAGESERVING_HOME", dir.resolve("home").toString()), props);
        assertEquals(dir.resolve("base"), h.base());
        ImageServerRegistry registry = ImageServerRegistry.load(h);
        assertEquals(List.of(Path.of("/srv/a"), dir.resolve("base/pics")), registry.rootPaths(), "relative to the base");
        assertEquals(8_000_000, registry.maxRenderPixels());
        Files.writeString(base.resolve("ImageServerRegistry.xml"), "<imageserverregistry><MaxRenderRgnPixels>lots</MaxRenderRgnPixels></imageserverregistry>");
        UsageException e = assertThrows(UsageException.class, () -> ImageServerRegistry.load(h));
        assertTrue(e.getMessage().contains("<MaxRenderRgnPixels> [lots]"), e.getMessage());
    }
}
