package org.imageserving.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batik in its sandbox: exact output size, no scripts, no resources from outside the image roots. */
class SvgRasterizerTest {

    @TempDir
    Path dir;

    private byte[] svg(String body) {
        return ("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' width='100' height='50'>" + body + "</svg>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rendersAtExactlyTheRequestedSizeWithTransparency() throws Exception {
        SvgRasterizer r = new SvgRasterizer(List.of(dir));
        BufferedImage image = r.rasterize(svg("<rect x='0' y='0' width='50' height='50' fill='#ff0000'/>"), dir.resolve("a.svg").toUri().toString(), 200, 100);
        assertEquals(200, image.getWidth());
        assertEquals(100, image.getHeight());
        assertEquals(0xffff0000, image.getRGB(50, 50));
        assertEquals(0, image.getRGB(150, 50) >>> 24);
    }

    @Test
    void scriptsNeverRun() throws Exception {
        SvgRasterizer r = new SvgRasterizer(List.of(dir));
        Path marker = dir.resolve("ran");
        String script = "<script type='application/ecmascript'>java.nio.file.Files.createFile(java.nio.file.Path.of('" + marker + "'))</script>";
        try {
            r.rasterize(svg(script + "<rect width='10' height='10' onload='alert(1)'/>"), dir.resolve("a.svg").toUri().toString(), 10, 5);
        } catch (Exception refused) {
            // refusing the document is as good as ignoring the script
        }
        assertEquals(false, Files.exists(marker));
    }

    @Test
    void resourcesOutsideTheRootsAreRefused() throws Exception {
        Path root = Files.createDirectories(dir.resolve("images"));
        Files.copy(Path.of("conf/catalog/default.ini"), dir.resolve("outside.txt"));
        SvgRasterizer r = new SvgRasterizer(List.of(root));
        String base = root.resolve("a.svg").toUri().toString();
        assertThrows(Exception.class, () -> r.rasterize(svg("<image xlink:href='../outside.txt' width='10' height='10'/>"), base, 10, 5));
        assertThrows(Exception.class, () -> r.rasterize(svg("<image xlink:href='http://127.0.0.1:9/x.png' width='10' height='10'/>"), base, 10, 5));
        javax.imageio.ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", root.resolve("inside.png").toFile());
        r.rasterize(svg("<image xlink:href='inside.png' width='10' height='10'/>"), base, 10, 5);
    }
}
