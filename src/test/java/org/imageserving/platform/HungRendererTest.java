package org.imageserving.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.imageserving.stock.StockCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hung Image Server (or SVG server), made real with SIGSTOP, must not starve ps (issue 9): with 100 renders
 * asked for at once, ps's /health keeps answering within the supervisor's probe timeout (2 s), the renders beyond
 * the bulkhead get 503 + Retry-After at once, the others 503 once their deadline passes, and a hung SVG server
 * does not hold up raster renders. SIGSTOP and SIGCONT go only to the pid of a child this test started itself
 * and still holds (its {@link Process}), checked alive just before.
 */
@Timeout(600)
class HungRendererTest {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final long DEADLINE_MILLIS = 5000;

    private StockCluster cluster;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> stopped = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // a short render deadline keeps the test short, and an SVG lane of 4 lets 10 requests fill it. is keeps its
        // shipped workers (one per core): its SVG renders wait on svg in a lane of their own, so rasters still pass
        cluster = StockCluster.prepare(Map.of("ImageServerRegistry.xml", StockCluster.javaEngineRegistry()));
        Path conf = cluster.base().resolve("conf");
        Files.writeString(conf.resolve("PlatformServer.conf"), Files.readString(conf.resolve("PlatformServer.conf"))
                .replace("isConnection.timeout=10000", "isConnection.timeout=" + DEADLINE_MILLIS)
                .replace("isConnection.maxSvgRenders=16", "isConnection.maxSvgRenders=4"));
        cluster.startAll();
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : stopped) {
            signal(p, "CONT");
        }
        cluster.close();
        assertTrue(cluster.nothingLeft());
    }

    @Test
    void aStoppedImageServerNeitherStarvesHealthNorQueuesRenders() throws Exception {
        long psPid = cluster.server("ps").process().pid();
        warm("/is/image/demo/photo?wid=64&cache=off");
        signal(cluster.server("is").process(), "STOP");

        ExecutorService clients = Executors.newFixedThreadPool(100);
        try {
            List<Future<long[]>> renders = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String url = "/is/image/demo/photo?wid=" + (100 + i) + "&cache=off";
                renders.add(clients.submit(() -> timed(url, Duration.ofSeconds(60))));
            }
            List<Long> healthMillis = probeHealthWhile(renders);
            List<long[]> answers = new ArrayList<>();
            for (Future<long[]> f : renders) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            // a render that reached the stopped is waits out its deadline; one refused by the bulkhead never does
            long quick503 = answers.stream().filter(a -> a[0] == 503 && a[1] < DEADLINE_MILLIS).count();
            long slowest = answers.stream().mapToLong(a -> a[1]).max().orElse(0);
            assertTrue(answers.stream().allMatch(a -> a[0] == 503), "every render 503 while is is stopped: " + statuses(answers));
            assertTrue(quick503 >= 100 - 16, "the excess is refused at once: " + quick503 + " before the deadline; " + statuses(answers));
            assertTrue(slowest < DEADLINE_MILLIS + 5000, "none waits beyond its deadline: slowest " + slowest + " ms");
            assertTrue(healthMillis.stream().allMatch(ms -> ms < PROBE_TIMEOUT.toMillis()), "/health within the probe timeout: " + healthMillis);
            assertEquals(200, get("/health", PROBE_TIMEOUT).statusCode());
        } finally {
            clients.shutdownNow();
        }
        signal(cluster.server("is").process(), "CONT");
        stopped.clear();
        assertEquals(200, get("/is/image/demo/photo?wid=65&cache=off", Duration.ofSeconds(60)).statusCode(), "renders again once it runs");
        assertEquals(psPid, cluster.server("ps").process().pid());
        assertTrue(cluster.server("ps").process().isAlive());
    }

    @Test
    void aStoppedSvgServerDoesNotHoldUpRasterRenders() throws Exception {
        warm("/is/image/demo/drawing?wid=64&fmt=png&cache=off");
        warm("/is/image/demo/photo?wid=64&cache=off");
        signal(cluster.server("svg").process(), "STOP");
        List<CompletableFuture<HttpResponse<Void>>> svgRenders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            svgRenders.add(http.sendAsync(request("/is/image/demo/drawing?fmt=png&cache=off&wid=" + (70 + i), Duration.ofSeconds(60)),
                    HttpResponse.BodyHandlers.discarding()));
        }
        Thread.sleep(500); // the SVG lane is full now
        for (int i = 0; i < 5; i++) {
            long[] raster = timed("/is/image/demo/photo?wid=" + (200 + i) + "&cache=off", Duration.ofSeconds(60));
            assertEquals(200, raster[0], "a JPEG render while svg hangs");
            assertTrue(raster[1] < DEADLINE_MILLIS, "and not held up until a deadline: " + raster[1] + " ms");
        }
        long[] another = timed("/is/image/demo/drawing?fmt=png&cache=off&wid=99", Duration.ofSeconds(60));
        assertEquals(503, another[0]);
        assertTrue(another[1] < DEADLINE_MILLIS, "an SVG render beyond its lane is refused at once: " + another[1] + " ms");
        for (CompletableFuture<HttpResponse<Void>> f : svgRenders) {
            assertEquals(503, f.get(60, TimeUnit.SECONDS).statusCode());
        }
    }

    /** The first renders of a cold JVM on a loaded machine may pass the short deadline: retried until one is 200. */
    private void warm(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            status = get(url, Duration.ofSeconds(60)).statusCode();
        }
        assertEquals(200, status, "warm-up " + url);
    }

    /** Polls /health every 100 ms until the renders are all answered; the time each probe took. */
    private List<Long> probeHealthWhile(List<? extends Future<?>> work) throws Exception {
        List<Long> millis = new ArrayList<>();
        while (work.stream().anyMatch(f -> !f.isDone())) {
            long[] health = timed("/health", Duration.ofSeconds(30));
            assertEquals(200, health[0]);
            millis.add(health[1]);
            Thread.sleep(100);
        }
        return millis;
    }

    private long[] timed(String url, Duration timeout) throws Exception {
        long started = System.nanoTime();
        HttpResponse<byte[]> r = get(url, timeout);
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (r.statusCode() == 503) {
            assertTrue(r.headers().firstValue("Retry-After").isPresent(), "503 carries Retry-After");
        }
        return new long[] {r.statusCode(), ms};
    }

    private HttpResponse<byte[]> get(String url, Duration timeout) throws Exception {
        return http.send(request(url, timeout), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String url, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(cluster.psUrl() + url)).timeout(timeout).GET().build();
    }

    private static String statuses(List<long[]> answers) {
        return answers.stream().map(a -> a[0] + "/" + a[1] + "ms").toList().toString();
    }

    /** kill -STOP|-CONT to a child of ours that is alive right now, never to a number read from elsewhere. */
    private void signal(Process child, String signal) throws Exception {
        assertTrue(child.isAlive(), "the child is alive");
        long pid = child.pid();
        assertTrue(pid > 1, "a real pid");
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor());
        if (signal.equals("STOP")) {
            stopped.add(child);
        }
    }
}
