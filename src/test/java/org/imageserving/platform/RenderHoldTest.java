package org.imageserving.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imageserving.stock.StockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A render that finds the Image Server (or the SVG server) restarting is held by ps and answered once the new
 * process is up, within PlatformServer.conf's isConnection.hold: no 503 for a restart.
 */
@Timeout(600)
class RenderHoldTest {
    /** Long enough for a JVM to start on a loaded machine; the request must still come back 200. */
    private static final int HOLD_MILLIS = 45_000;

    private StockCluster cluster;

    /** The shipped PlatformServer.conf with {@code isConnection.hold} set (a later key wins in a properties file). */
    static String psConf(int holdMillis) {
        try {
            return Files.readString(Path.of("conf", "PlatformServer.conf")) + "\nisConnection.hold=" + holdMillis + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
            assertTrue(cluster.nothingLeft());
        }
    }

    @Test
    void aRenderSentWhileTheImageServerIsDownIsAnsweredByTheNextOne() throws Exception {
        cluster = StockCluster.prepare(Map.of("PlatformServer.conf", psConf(HOLD_MILLIS))).startAll();
        assertEquals(200, cluster.get("/is/image/demo/photo?wid=120&cache=off").statusCode());
        int isPort = cluster.server("is").port();
        int svgPort = cluster.server("svg").port();
        assertEquals(0, StockCluster.terminate(cluster.server("is").process(), Duration.ofSeconds(30)), "is stopped");

        long sent = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> held = CompletableFuture.supplyAsync(() -> get("/is/image/demo/photo?wid=121&cache=off"));
        Thread.sleep(1000); // the request is in ps now, with no Image Server to go to
        assertTrue(!held.isDone(), "held while the Image Server is down, not answered: " + (held.isDone() ? held.join().statusCode() : ""));
        cluster.start("is", "org.imageserving.imageserver.ImageServerMain", "256m", "--port", Integer.toString(isPort),
                "--svg-port", Integer.toString(svgPort));
        HttpResponse<byte[]> reply = held.get(HOLD_MILLIS, TimeUnit.MILLISECONDS);
        assertEquals(200, reply.statusCode(), new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(Duration.ofNanos(System.nanoTime() - sent).toMillis() >= 1000, "it was held");
    }

    @Test
    void anSvgRenderSentWhileTheSvgServerIsDownIsAnsweredByTheNextOne() throws Exception {
        cluster = StockCluster.prepare(Map.of("PlatformServer.conf", psConf(HOLD_MILLIS),
                "ImageServerRegistry.xml", StockCluster.javaEngineRegistry())).startAll();
        assertEquals(200, cluster.get("/is/image/demo/drawing?wid=100&fmt=png&cache=off").statusCode());
        int svgPort = cluster.server("svg").port();
        assertEquals(0, StockCluster.terminate(cluster.server("svg").process(), Duration.ofSeconds(30)), "svg stopped");

        CompletableFuture<HttpResponse<byte[]>> held = CompletableFuture.supplyAsync(() -> get("/is/image/demo/drawing?wid=101&fmt=png&cache=off"));
        Thread.sleep(1000);
        assertTrue(!held.isDone(), "held while the SVG server is down");
        cluster.start("svg", "org.imageserving.svg.SvgServerMain", "200m", "--port", Integer.toString(svgPort));
        HttpResponse<byte[]> reply = held.get(HOLD_MILLIS, TimeUnit.MILLISECONDS);
        assertEquals(200, reply.statusCode(), new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> get(String pathAndQuery) {
        try {
            return cluster.get(pathAndQuery);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
