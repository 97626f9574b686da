package org.imageserving.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.imageserving.stock.StockCluster;
import org.imageserving.stock.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The render engine seen from outside, through real ps/is/svg processes: which engine the install check
 * and req=props name, fmt=webp/avif passed through ps to libvips, and the Java fallback (forced with
 * RenderEngine=java, as on a machine without libvips) refusing them with the reason.
 */
@Timeout(600)
class RenderEngineStockTest {

    private static StockCluster start(String engine) throws Exception {
        String registry = Files.readString(Path.of("conf", "ImageServerRegistry.xml"))
                .replace("</imageserverregistry>", "    <RenderEngine>" + engine + "</RenderEngine>\n</imageserverregistry>");
        String catalog = Files.readString(Path.of("conf", "catalog", "default.ini")).replace("ErrorDetail=0", "ErrorDetail=2");
        StockCluster cluster = StockCluster.prepare(Map.of("ImageServerRegistry.xml", registry, "catalog/default.ini", catalog));
        try {
            cluster.startAll();
        } catch (Exception | Error e) {
            cluster.close(); // a server that failed to start must not leave the others running
            throw e;
        }
        TestImages.writePng(TestImages.quadrants(200, 100), cluster.base().resolve("images/test/quad.png"));
        return cluster;
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static void stop(StockCluster cluster) throws Exception {
        Map<String, Integer> codes = cluster.stopAll();
        String logs = cluster.logs();
        cluster.close();
        assertEquals(Map.of("ps", 0, "is", 0, "svg", 0), codes, logs);
    }

    @Test
    void libvipsEngineServesWebpAndAvifAndSaysSo() throws Exception {
        StockCluster cluster = start("auto");
        try {
            String install = text(cluster.get("/is/image"));
            assumeTrue(install.contains("imageServer.engine=vips"), "libvips not installed: " + install);
            assertTrue(cluster.logs().contains("render engine: vips"), "is logs its engine");
            HttpResponse<byte[]> webp = cluster.get("/is/image/test/quad.png?wid=100&fmt=webp&qlt=80");
            assertEquals(200, webp.statusCode(), text(webp));
            assertEquals("image/webp", webp.headers().firstValue("Content-Type").orElse(""));
            assertEquals("WEBP", new String(webp.body(), 8, 4, StandardCharsets.US_ASCII));
            HttpResponse<byte[]> avif = cluster.get("/is/image/test/quad.png?wid=100&fmt=avif");
            assertEquals(200, avif.statusCode(), text(avif));
            assertEquals("image/avif", avif.headers().firstValue("Content-Type").orElse(""));
            assertEquals("ftypavif", new String(avif.body(), 4, 8, StandardCharsets.US_ASCII));
            String props = text(cluster.get("/is/image/test/quad.png?wid=100&fmt=webp&req=props"));
            assertTrue(props.contains("image.engine=vips"), props);
            assertTrue(props.contains("image.type=image/webp"), props);
        } finally {
            stop(cluster);
        }
    }

    @Test
    void javaEngineRefusesWebpWithTheReason() throws Exception {
        StockCluster cluster = start("java");
        try {
            assertTrue(text(cluster.get("/is/image")).contains("imageServer.engine=java"));
            HttpResponse<byte[]> webp = cluster.get("/is/image/test/quad.png?wid=100&fmt=webp");
            assertEquals(403, webp.statusCode());
            assertTrue(text(webp).contains("not supported"), text(webp));
            assertEquals(200, cluster.get("/is/image/test/quad.png?wid=100&fmt=jpeg").statusCode());
            assertTrue(text(cluster.get("/is/image/test/quad.png?wid=100&req=props")).contains("image.engine=java"));
        } finally {
            stop(cluster);
        }
    }
}
