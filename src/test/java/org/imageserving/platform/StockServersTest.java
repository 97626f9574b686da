package org.imageserving.platform;

import static org.imageserving.stock.TestImages.BLUE;
import static org.imageserving.stock.TestImages.GREEN;
import static org.imageserving.stock.TestImages.RED;
import static org.imageserving.stock.TestImages.WHITE;
import static org.imageserving.stock.TestImages.decode;
import static org.imageserving.stock.TestImages.format;
import static org.imageserving.stock.TestImages.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.imageserving.stock.StockCluster;
import org.imageserving.stock.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** ps, is and svg as real processes on free ports, driven over HTTP the way a client of Scene7 URLs would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(600)
class StockServersTest {

    private StockCluster cluster;

    @BeforeAll
    void start() throws Exception {
        cluster = StockCluster.prepare(Map.of("catalog-service.conf", "catalog.rootPath=./conf/catalog\ncatalog.refreshInterval=200\n"));
        cluster.startAll();
        Path images = cluster.base().resolve("images");
        TestImages.writePng(TestImages.quadrants(200, 100), images.resolve("test/quad.png"));
        Files.writeString(images.resolve("test/laughs.svg"), TestImages.billionLaughs());
        Files.writeString(images.resolve("test/broken.svg"), "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect");
        Files.writeString(images.resolve("test/outside.svg"), "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'"
                + " width='10' height='10'><image xlink:href='file:///etc/hostname' width='10' height='10'/></svg>");
        Files.write(images.resolve("test/bomb.png"), TestImages.pngClaiming(100_000, 100_000));
        Files.writeString(images.resolve("test/notanimage.jpg"), "this is text, not a JPEG");
    }

    @AfterAll
    void stop() throws Exception {
        Map<String, Integer> codes = cluster.stopAll();
        String logs = cluster.logs();
        cluster.close();
        assertEquals(Map.of("ps", 0, "is", 0, "svg", 0), codes, "exit codes after SIGTERM\n" + logs);
        assertTrue(cluster.nothingLeft());
    }

    @Test
    void everyServerAnswersItsHealthCheck() throws Exception {
        for (String id : List.of("ps", "is", "svg")) {
            assertEquals(200, cluster.status(cluster.server(id).port(), "/health"), id);
        }
    }

    @Test
    void jpegIsFittedIntoTheViewAndPaddedWithTheBackground() throws Exception {
        HttpResponse<byte[]> r = cluster.get("/is/image/demo/photo?wid=500&hei=500&fmt=jpeg&qlt=85");
        assertEquals(200, r.statusCode());
        assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("jpeg", format(r.body()));
        BufferedImage image = decode(r.body());
        assertEquals(500, image.getWidth());
        assertEquals(500, image.getHeight());
        assertTrue(near(image.getRGB(250, 10), WHITE, 8), "3:2 photo in a square view: white band on top");
        assertFalse(near(image.getRGB(250, 250), WHITE, 40), "the photo in the middle");
    }

    @Test
    void pngKeepsExactColoursAndTheRequestedBackground() throws Exception {
        BufferedImage image = decode(cluster.get("/is/image/demo/photo?wid=300&hei=300&fmt=png&bgc=ff0000&align=0,1").body());
        assertEquals(300, image.getWidth());
        assertEquals(RED, image.getRGB(150, 2) & 0xffffff, "aligned to the bottom: the padding is on top");
        BufferedImage alpha = decode(cluster.get("/is/image/demo/logo?wid=100&fmt=png-alpha").body());
        assertEquals(0, alpha.getRGB(0, 0) >>> 24, "transparent corner");
        assertEquals(255, alpha.getRGB(50, 50) >>> 24, "opaque centre");
        BufferedImage flat = decode(cluster.get("/is/image/demo/logo?wid=100&fmt=png&bgc=0000ff").body());
        assertEquals(BLUE, flat.getRGB(0, 0) & 0xffffff, "png (no alpha) is flattened onto bgc");
    }

    @Test
    void cropFlipAndRotateFollowAdobesOrder() throws Exception {
        BufferedImage rotated = decode(cluster.get("/is/image/test/quad.png?rotate=90&fmt=png&scl=1").body());
        assertEquals(100, rotated.getWidth());
        assertEquals(200, rotated.getHeight());
        assertEquals(BLUE, rotated.getRGB(5, 5) & 0xffffff, "clockwise: bottom-left comes to the top-left");
        BufferedImage flipped = decode(cluster.get("/is/image/test/quad.png?flip=lr&fmt=png&scl=1").body());
        assertEquals(GREEN, flipped.getRGB(5, 5) & 0xffffff);
        BufferedImage cropped = decode(cluster.get("/is/image/test/quad.png?crop=100,50,100,50&fmt=png&scl=1").body());
        assertEquals(100, cropped.getWidth());
        assertEquals(WHITE, cropped.getRGB(50, 25) & 0xffffff);
        BufferedImage normalized = decode(cluster.get("/is/image/test/quad.png?cropN=0,0,0.5,0.5&wid=50&fmt=png").body());
        assertEquals(50, normalized.getWidth());
        assertTrue(near(normalized.getRGB(25, 12), RED, 2));
    }

    @Test
    void svgIsRasterisedByTheSvgServer() throws Exception {
        HttpResponse<byte[]> r = cluster.get("/is/image/demo/drawing?wid=400&fmt=png");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("png", format(r.body()));
        BufferedImage image = decode(r.body());
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight(), "800x600 drawing keeps its aspect ratio");
        int sky = image.getRGB(10, 5);
        assertTrue((sky & 0xff) > ((sky >> 16) & 0xff) + 60, "blue sky at the top, got " + Integer.toHexString(sky));
        assertEquals(200, cluster.get("/is/image/demo/drawing.svg?wid=50&fmt=jpeg").statusCode(), "file path form");
    }

    @Test
    void conditionalGetAnswers304AndHeadSendsNoBody() throws Exception {
        String url = "/is/image/demo/photo?wid=200&fmt=jpeg";
        HttpResponse<byte[]> first = cluster.get(url);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(first.headers().firstValue("Cache-Control").orElse("").contains("max-age=36000"), "Expiration 10 h");
        HttpResponse<byte[]> again = cluster.get(url, "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        HttpResponse<byte[]> head = cluster.head(url);
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(first.body().length, Integer.parseInt(head.headers().firstValue("Content-Length").orElse("0")));
        assertEquals(etag, head.headers().firstValue("ETag").orElse(""));
        HttpResponse<byte[]> off = cluster.get("/is/image/demo/photo?wid=200&fmt=jpeg&cache=off");
        assertTrue(off.headers().firstValue("Cache-Control").orElse("").contains("no-cache"));
        assertArrayEquals(first.body(), off.body(), "the same render, cached or not");
    }

    @Test
    void repliesAreCachedOnDiskAndReused() throws Exception {
        assertEquals("MISS", cluster.get("/is/image/demo/photo?wid=123&fmt=png").headers().firstValue("X-Cache").orElse(""));
        assertEquals("HIT-LOCAL", cluster.get("/is/image/demo/photo?wid=123&fmt=png").headers().firstValue("X-Cache").orElse(""));
        try (Stream<Path> files = Files.walk(cluster.base().resolve("cache/is-response"))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().length() == 64));
        }
        awaitAccessLog("wid=123&fmt=png HTTP/1.1\" 200 .* REUSED 0");
    }

    @Test
    void installCheckListsTheImageServer() throws Exception {
        HttpResponse<byte[]> r = cluster.get("/is/image");
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(200, r.statusCode());
        assertTrue(body.startsWith("#S7Z OK"), body);
        assertTrue(body.lines().anyMatch(l -> l.equals("sharedCache.state=OFF")), "no sharedCache.url: " + body);
        long ps = cluster.server("ps").process().pid();
        assertEquals(0, org.imageserving.testing.LoadedClasses.count(ps, "io.lettuce."), "no Redis client loaded while OFF");
        assertEquals(0, org.imageserving.testing.LoadedClasses.count(ps, "io.netty."));
        assertTrue(body.lines().anyMatch(l -> l.startsWith("imageServer.")), body);
    }

    @Test
    void macrosExpandWithAdobesPrecedence() throws Exception {
        assertEquals(64, decode(cluster.get("/is/image/demo/photo?$swatch$").body()).getWidth());
        assertEquals(64, decode(cluster.get("/is/image/demo/photo?wid=10&$SWATCH$").body()).getWidth(), "macro overrides earlier wid");
        BufferedImage later = decode(cluster.get("/is/image/demo/photo?$swatch$&WID=32").body());
        assertEquals(32, later.getWidth(), "later wid overrides the macro");
        assertEquals(64, later.getHeight());
        assertEquals(250, decode(cluster.get("/is/image/demo/photo?$Large$&.comment=ignored").body()).getWidth(), "default catalog macro");
        assertEquals(120, decode(cluster.get("/is/image/demo/photo?$card$").body()).getWidth(), "nested macro");
        assertEquals(77, decode(cluster.get("/is/image/demo/photo?$w=77&wid=$w$&fmt=png").body()).getWidth(), "variables");
    }

    @Test
    void catalogRecordsApplyModifiersAndPostModifiers() throws Exception {
        BufferedImage square = decode(cluster.get("/is/image/demo/photo-square?wid=100").body());
        assertEquals(100, square.getHeight(), "Modifier crop=…2000,2000 makes it square");
        HttpResponse<byte[]> gray = cluster.get("/is/image/demo/photo-gray?wid=100&fmt=png");
        assertEquals("jpeg", format(gray.body()), "PostModifier fmt=jpeg,gray beats the URL's fmt=png");
        assertEquals(1, decode(gray.body()).getRaster().getNumBands());
        assertTrue(gray.headers().firstValue("Cache-Control").orElse("").contains("max-age=3600"), "record Expiration 1 h");
    }

    @Test
    void catalogsReloadWhenTheirFilesChange() throws Exception {
        assertEquals(403, cluster.get("/is/image/extra/pic?wid=50&fmt=png").statusCode());
        Path folder = cluster.base().resolve("conf/catalog");
        Files.writeString(folder.resolve("extra.txt"), "Id\tPath\npic\tlogo.png\n");
        Files.writeString(folder.resolve("extra.ini"), "RootId=extra\nRootPath=demo/\nCatalogFile=extra.txt\n");
        long deadline = System.nanoTime() + 30_000_000_000L;
        int status = 0;
        while (System.nanoTime() < deadline && (status = cluster.get("/is/image/extra/pic?wid=50&fmt=png").statusCode()) != 200) {
            Thread.sleep(100);
        }
        assertEquals(200, status, "the new catalog is served without a restart");
        Files.writeString(folder.resolve("extra.txt"), "Id\tPath\npic\tphoto.jpg\n");
        deadline = System.nanoTime() + 30_000_000_000L;
        int width = 0;
        while (System.nanoTime() < deadline && (width = decode(cluster.get("/is/image/extra/pic?hei=50&fmt=png").body()).getWidth()) != 75) {
            Thread.sleep(100);
        }
        assertEquals(75, width, "a changed data file is picked up too (3:2 photo at hei=50)");
    }

    @Test
    void propertyRequestsAnswerTextAndJson() throws Exception {
        Properties props = properties("/is/image/demo/photo?wid=600&req=props");
        assertEquals("600", props.getProperty("image.width"));
        assertEquals("400", props.getProperty("image.height"));
        assertEquals("image/jpeg", props.getProperty("image.type"));
        assertEquals("3000", properties("/is/image/demo/photo?req=imageprops").getProperty("image.width"));
        assertEquals("1", properties("/is/image/demo/photo?req=exists").getProperty("catalogRecord.exists"));
        assertEquals("0", properties("/is/image/demo/nothing?req=exists").getProperty("catalogRecord.exists"));
        String json = new String(cluster.get("/is/image/demo/photo?req=props,json&id=42&handler=cb").body(), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("/*jsonp*/cb({") && json.contains("\"image.width\":\"400\"") && json.contains(",\"42\");"), json);
        String userData = new String(cluster.get("/is/image/demo/photo?req=userdata").body(), StandardCharsets.UTF_8);
        assertEquals("title=Sunset over the lake\r\nsource=generated by ImageServing\r\n", userData);
    }

    @Test
    void missingImagesGetTheDefaultImageOrTheErrorStatus() throws Exception {
        HttpResponse<byte[]> substitute = cluster.get("/is/image/demo/no-such-image?wid=100&fmt=png&rotate=90");
        assertEquals(200, substitute.statusCode(), "demo.ini DefaultImage=logo");
        assertEquals(100, decode(substitute.body()).getHeight());
        HttpResponse<byte[]> missing = cluster.get("/is/image/no/such/image.jpg");
        assertEquals(403, missing.statusCode());
        assertEquals("Image or catalog entry not found\n", new String(missing.body(), StandardCharsets.UTF_8), "ErrorDetail 0: title only");
        HttpResponse<byte[]> disabled = cluster.get("/is/image/demo/no-such-image?defaultImage=");
        assertEquals(403, disabled.statusCode(), "defaultImage= with no value disables the substitution");
    }

    @Test
    void badAndHostileRequestsGet4xxWithOneLine() throws Exception {
        List<String> urls = List.of(
                "/is/image/demo/photo?wid=abc", "/is/image/demo/photo?wid=-5", "/is/image/demo/photo?wid=999999999999",
                "/is/image/demo/photo?wid=5000", "/is/image/demo/photo?scl=0.001", "/is/image/demo/photo?hei=2999&wid=3000&fit=stretch,1&scl=0.01",
                "/is/image/demo/photo?rotate=45", "/is/image/demo/photo?fmt=bmp", "/is/image/demo/photo?qlt=0",
                "/is/image/demo/photo?bgc=nothex", "/is/image/demo/photo?op_usm=99", "/is/image/demo/photo?crop=1,2,3",
                "/is/image/demo/photo?fit=crop", "/is/image/demo/photo?$nomacro$", "/is/image/demo/photo?wid=%zz",
                "/is/image/demo/photo?req=nonsense", "/is/image/demo/photo?cache=sometimes", "/is/image/demo/photo?layer=1&src=x",
                "/is/image/demo/%2e%2e/%2e%2e/conf/PlatformServer.conf", "/is/image/..%2f..%2fconf%2fPlatformServer.conf",
                "/is/image/demo/..%5c..%5cconf", "/is/image/test/bomb.png?wid=10", "/is/image/test/laughs.svg?wid=10",
                "/is/image/test/broken.svg?wid=10", "/is/image/test/outside.svg?wid=10", "/is/image/test/notanimage.jpg?wid=10",
                "/is/image/demo/photo?crop=-900000,-900000,999999,999999&wid=100", "/is/content/demo/..%2f..%2fconf%2fPlatformServer.conf",
                "/is/image/demo/photo?" + "wid=1&".repeat(600), "/is/image/demo/../../conf/PlatformServer.conf",
                "/is/image/demo/photo%00.jpg", "/is/image/demo/photo?wid=1%00", "/is/image//etc/passwd");
        for (String url : urls) {
            StockCluster.RawReply r = cluster.rawGet(url);
            String body = r.body();
            assertTrue(r.status() >= 400 && r.status() < 500, url + " -> " + r.status() + " " + body);
            assertFalse(body.contains("Exception") || body.contains("\tat "), url + " leaks a stack trace: " + body);
            assertTrue(body.strip().lines().count() <= 1, url + " -> more than one line: " + body);
        }
        assertEquals(200, cluster.status(cluster.server("ps").port(), "/health"), "still serving");
        assertEquals(200, cluster.status(cluster.server("is").port(), "/health"));
        assertEquals(200, cluster.status(cluster.server("svg").port(), "/health"));
    }

    @Test
    void staticContentIsServedWithItsType() throws Exception {
        HttpResponse<byte[]> r = cluster.get("/is/content/demo/drawing.svg");
        assertEquals(200, r.statusCode());
        assertEquals("image/svg+xml", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("<svg"));
        assertEquals(403, cluster.get("/is/content/demo/missing.txt").statusCode());
    }

    private Properties properties(String url) throws Exception {
        HttpResponse<byte[]> r = cluster.get(url);
        assertEquals(200, r.statusCode(), url);
        Properties p = new Properties();
        p.load(new StringReader(new String(r.body(), StandardCharsets.UTF_8)));
        return p;
    }

    private void awaitAccessLog(String regex) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(cluster.base().resolve("logs"))) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("access-")).toList()) {
                    if (Files.readAllLines(f).stream().anyMatch(l -> pattern.matcher(l).find())) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no access-log line matches " + regex);
    }
}
