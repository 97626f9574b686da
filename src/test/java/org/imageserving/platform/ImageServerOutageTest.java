package org.imageserving.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imageserving.stock.StockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a client sees while the Image Server (or the SVG server) is down and comes back, as when the
 * supervisor restarts a crashed one: 503 with Retry-After, never another 5xx, and recovery on its own.
 */
@Timeout(600)
class ImageServerOutageTest {

    private StockCluster cluster;

    @BeforeEach
    void start() throws Exception {
        // a short hold: these tests are about what a client gets once it runs out (RenderHoldTest: within it)
        cluster = StockCluster.prepare(Map.of("PlatformServer.conf", RenderHoldTest.psConf(1000))).startAll();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
        assertTrue(cluster.nothingLeft());
    }

    @Test
    void platformServerAnswers503WhileTheImageServerIsDownAndRecoversByItself() throws Exception {
        assertEquals(200, cluster.get("/is/image/demo/photo?wid=300&fmt=jpeg").statusCode(), "cached from now on");
        int isPort = cluster.server("is").port();
        int svgPort = cluster.server("svg").port();
        Process is = cluster.server("is").process();
        is.destroyForcibly();
        assertTrue(is.waitFor(30, TimeUnit.SECONDS));

        List<Integer> statuses = new ArrayList<>();
        HttpResponse<byte[]> down = cluster.get("/is/image/demo/photo?wid=301&cache=off");
        statuses.add(down.statusCode());
        assertEquals(503, down.statusCode());
        assertTrue(down.headers().firstValue("Retry-After").isPresent(), "Retry-After on 503");
        assertEquals(200, cluster.get("/is/image/demo/photo?wid=300&fmt=jpeg").statusCode(), "cached replies are still served");
        assertEquals(200, cluster.status(cluster.server("ps").port(), "/health"), "ps stays healthy: it must not be restarted too");
        String install = new String(cluster.get("/is/image").body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(install.contains("imageServerStatus=unavailable"), install);

        cluster.start("is", "org.imageserving.imageserver.ImageServerMain", "256m", "--port", Integer.toString(isPort),
                "--svg-port", Integer.toString(svgPort));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = cluster.get("/is/image/demo/photo?wid=302&cache=off").statusCode();
            statuses.add(status);
            if (status != 200) {
                Thread.sleep(100);
            }
        }
        assertEquals(200, status, "recovered without touching ps");
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 503), "only 200 and 503 seen: " + statuses);
    }

    @Test
    void svgRequestsAnswer503WhileTheSvgServerIsDown() throws Exception {
        assertEquals(200, cluster.get("/is/image/demo/drawing?wid=100&fmt=png&cache=off").statusCode());
        int svgPort = cluster.server("svg").port();
        Process svg = cluster.server("svg").process();
        assertEquals(0, StockCluster.terminate(svg, java.time.Duration.ofSeconds(20)), "SIGTERM -> 0");
        HttpResponse<byte[]> down = cluster.get("/is/image/demo/drawing?wid=100&fmt=png&cache=off");
        if (new String(cluster.get("/is/image").body(), java.nio.charset.StandardCharsets.UTF_8).contains("imageServer.engine=vips")) {
            assertEquals(200, down.statusCode(), "libvips rasterises a self-contained SVG itself (librsvg), svg or not");
        } else {
            assertEquals(503, down.statusCode());
            assertTrue(down.headers().firstValue("Retry-After").isPresent());
        }
        assertEquals(200, cluster.get("/is/image/demo/photo?wid=100&cache=off").statusCode(), "rasters do not need svg");
        cluster.start("svg", "org.imageserving.svg.SvgServerMain", "200m", "--port", Integer.toString(svgPort));
        assertEquals(200, cluster.get("/is/image/demo/drawing?wid=100&fmt=png&cache=off").statusCode());
    }
}
