package org.imageserving.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imageserving.stock.RenderKey;
import org.imageserving.stock.StockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIGTERM ends each stock server with exit code 0 within seconds, after the request in flight; bad arguments exit 2. */
@Timeout(600)
class StockShutdownTest {

    @Test
    void sigtermFinishesTheRequestInFlightAndExitsZero() throws Exception {
        try (StockCluster cluster = StockCluster.prepare(Map.of()).startAll()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest slow = HttpRequest.newBuilder(URI.create(cluster.psUrl() + "/is/image/demo/photo?scl=1&fmt=png&cache=off"))
                    .timeout(Duration.ofSeconds(120)).build();
            CompletableFuture<HttpResponse<byte[]>> inFlight = http.sendAsync(slow, HttpResponse.BodyHandlers.ofByteArray());
            awaitActiveRender(cluster);
            long started = System.nanoTime();
            assertEquals(0, StockCluster.terminate(cluster.server("ps").process(), Duration.ofSeconds(20)), "ps exit code");
            assertEquals(200, inFlight.get(60, TimeUnit.SECONDS).statusCode(), "the request in flight was finished");
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "ps stopped within seconds");
            for (String id : new String[] {"is", "svg"}) {
                started = System.nanoTime();
                assertEquals(0, StockCluster.terminate(cluster.server(id).process(), Duration.ofSeconds(20)), id + " exit code");
                assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), id + " stopped within seconds");
            }
            assertTrue(cluster.nothingLeft());
        }
    }

    private static void awaitActiveRender(StockCluster cluster) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI status = URI.create("http://127.0.0.1:" + cluster.server("is").port() + "/status");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(status).header(RenderKey.HEADER, cluster.renderKey()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("imageServer.activeRenders=1")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the render never started");
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.imageserving.platform.PlatformServerMain", "org.imageserving.imageserver.ImageServerMain",
            "org.imageserving.svg.SvgServerMain"})
    void badArgumentsExitTwoWithOneLine(String mainClass) throws Exception {
        Path base = Files.createTempDirectory("imageserving-args-");
        Path log = base.resolve("out.log");
        try {
            Process p = StockCluster.launch(base, log, mainClass, "64m", "--port", "eighty");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue());
            String out = Files.readString(log, StandardCharsets.UTF_8).strip();
            assertEquals(1, out.lines().count(), out);
            assertTrue(out.contains("--port [eighty]"), out);
            Process q = StockCluster.launch(base, log, mainClass, "64m", "--colour", "red");
            assertTrue(q.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, q.exitValue());
        } finally {
            StockCluster.delete(base);
        }
    }
}
