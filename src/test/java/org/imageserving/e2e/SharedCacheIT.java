package org.imageserving.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import org.imageserving.testing.Trees;
import org.imageserving.stock.StockCluster;
import org.imageserving.testing.Await;
import org.imageserving.testing.LoadedClasses;
import org.imageserving.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Two image hosts on one machine sharing one real {@code redis-server}: host 1 is the whole supervised stack
 * ({@link StockStack}), host 2 a second ps process in a base of its own (its own local cache, catalogs and copy of
 * the demo pictures, with other modification times) that renders through host 1's Image Server. A render on one is
 * HIT-SHARED on the other; a changed catalog record is a new render on both; Redis stopped under load fails no
 * request and the shared level comes back with Redis; the supervisor serves ps's figures as
 * {@code ImageServing:type=Cache} through Jolokia to the readonly account.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(900)
class SharedCacheIT {

    private static final String PASSWORD = "it-" + Long.toHexString(System.nanoTime()) + "-secret";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SQUARE = "photo-square\tphoto.jpg\tcrop=1000,0,2000,2000";
    private static final String WIDE = "photo-square\tphoto.jpg\tcrop=0,0,2000,1000";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private RedisServer redis;
    private StockStack stack;
    private StockCluster second;
    private int ps1;
    private int ps2;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(RedisServer.installed(), "redis-server is not installed (.ci/run installs Debian's redis-server)");
        redis = RedisServer.start(PASSWORD);
        stack = StockStack.start(this::shareCache);
        ps1 = stack.ports().ps();
        second = StockCluster.prepare(Map.of());
        shareCache(second.base());
        Path run = Files.createDirectories(second.base().resolve("run"));
        Files.copy(stack.base().resolve("run/render.key"), run.resolve("render.key"), StandardCopyOption.COPY_ATTRIBUTES);
        // new modification times: the key depends on the content only
        Trees.copy(stack.base().resolve("images/demo"), second.base().resolve("images/demo"));
        ps2 = second.start("ps", "org.imageserving.platform.PlatformServerMain", "256m", "--port", "0",
                "--image-server-port", Integer.toString(stack.ports().is()), "--bind", "127.0.0.1").port();
        Await.until("both ps UP on Redis", PATIENCE, () -> state(ps1).equals("UP") && state(ps2).equals("UP"), this::states);
    }

    /** A host's base: the shared level on the test's Redis, the password in a 0600 file, quick retries and reloads. */
    private void shareCache(Path base) throws IOException {
        Path password = base.resolve("conf/redis.password");
        Files.createFile(password, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(password, PASSWORD + "\n");
        Files.writeString(base.resolve("conf/PlatformServer.conf"), "\nsharedCache.url=" + redis.url()
                + "\nsharedCache.passwordFile=./conf/redis.password\nsharedCache.keyPrefix=it:\nsharedCache.retryInterval=300\n",
                StandardOpenOption.APPEND);
        Files.writeString(base.resolve("conf/catalog-service.conf"), "\ncatalog.refreshInterval=200\n", StandardOpenOption.APPEND);
    }

    @AfterAll
    void stop() throws Exception {
        // Redis before the stack: a Redis restarted by a test is a process the stack's leftover check would count
        try {
            if (second != null) {
                second.close();
            }
        } finally {
            try {
                if (redis != null) {
                    redis.close();
                }
            } finally {
                if (stack != null) {
                    stack.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void aRenderOnOneHostIsASharedHitOnTheOther() throws Exception {
        String url = "/is/image/demo/photo?wid=123&fmt=png";
        long keys = keys();
        HttpResponse<byte[]> rendered = get(ps1, url);
        assertEquals(200, rendered.statusCode());
        assertEquals("MISS", xCache(rendered));
        awaitKeys(keys + 1);

        HttpResponse<byte[]> shared = get(ps2, url);
        assertEquals("HIT-SHARED", xCache(shared), "rendered on host 1, found in Redis by host 2");
        assertArrayEquals(rendered.body(), shared.body());
        String etag = rendered.headers().firstValue("ETag").orElseThrow();
        assertEquals(etag, shared.headers().firstValue("ETag").orElseThrow(), "the same ETag on every host");
        assertEquals("HIT-LOCAL", xCache(get(ps2, url)), "a shared hit is copied to the local cache");
        HttpResponse<byte[]> notModified = get(ps2, url, "If-None-Match", etag);
        assertEquals(304, notModified.statusCode());
        assertEquals("HIT-LOCAL", xCache(notModified));
        HttpResponse<byte[]> otherHost = get(ps1, url, "If-None-Match", etag);
        assertEquals(304, otherHost.statusCode(), "host 1 validates host 2's ETag");

        // cache=off neither reads nor writes either level: host 1 has to render what host 2 rendered that way
        assertEquals("MISS", xCache(get(ps2, "/is/image/demo/photo?wid=124&fmt=png&cache=off")));
        keys = keys();
        assertEquals("MISS", xCache(get(ps2, "/is/image/demo/photo?wid=125&fmt=png")));
        awaitKeys(keys + 1); // one writer, in order: a write of wid=124 would have come first
        assertEquals(keys + 1, keys(), "only the wid=125 reply went to Redis");
        assertEquals("MISS", xCache(get(ps1, "/is/image/demo/photo?wid=124&fmt=png")));

        String props = new String(get(ps2, "/is/image/demo/photo?wid=124&req=props").body(), StandardCharsets.UTF_8);
        assertTrue(props.lines().anyMatch(l -> l.equals("sharedCache.state=UP")), props);
    }

    @Test
    @Order(2)
    void aChangedCatalogRecordIsANewRenderOnEveryHost() throws Exception {
        String url = "/is/image/demo/photo-square?wid=100";
        long keys = keys();
        HttpResponse<byte[]> square = get(ps1, url);
        assertEquals("MISS", xCache(square));
        assertEquals("100x100", size(square));
        awaitKeys(keys + 1);
        assertEquals("HIT-SHARED", xCache(get(ps2, url)));

        for (Path base : List.of(stack.base(), second.base())) {
            Path data = base.resolve("conf/catalog/demo.txt");
            String text = Files.readString(data);
            assertTrue(text.contains(SQUARE), "the demo catalog changed shape: update this test");
            Files.writeString(data, text.replace(SQUARE, WIDE));
        }
        HttpResponse<byte[]>[] wide = reply();
        Await.until("host 2 renders the changed record", PATIENCE, () -> {
            wide[0] = fetch(ps2, url);
            return !"HIT-LOCAL".equals(xCache(wide[0]));
        }, () -> xCache(wide[0]));
        assertEquals("MISS", xCache(wide[0]), "the old entry is not served from Redis either");
        assertEquals("100x50", size(wide[0]));
        awaitKeys(keys + 2);
        HttpResponse<byte[]>[] first = reply();
        Await.until("host 1 reloads the record", PATIENCE, () -> {
            first[0] = fetch(ps1, url);
            return !"HIT-LOCAL".equals(xCache(first[0]));
        }, () -> xCache(first[0]));
        assertEquals("HIT-SHARED", xCache(first[0]), "host 1 finds host 2's render of the new record");
        assertEquals("100x50", size(first[0]));
        assertEquals(wide[0].headers().firstValue("ETag"), first[0].headers().firstValue("ETag"));
        assertNotEquals(square.headers().firstValue("ETag"), first[0].headers().firstValue("ETag"));
    }

    @Test
    @Order(3)
    void theSupervisorServesTheCacheFiguresToTheReadonlyAccountThroughJolokia() throws Exception {
        String auth = Base64.getEncoder().encodeToString(("monitor:" + stack.password("monitor")).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports().jolokia()
                + "/jolokia/read/ImageServing:type=Cache")).header("Authorization", "Basic " + auth)
                .timeout(Duration.ofSeconds(30)).GET().build();
        String json = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(json.contains("\"status\":200"), json);
        assertTrue(json.contains("\"State\":\"UP\""), json);
        assertTrue(json.contains("\"Server\":\"ps\""), json);
        assertTrue(json.contains("\"SharedServers\":\"127.0.0.1:" + redis.port() + "\""), json);
        assertTrue(number(json, "SharedHits") >= 1, "host 1 had a shared hit: " + json);
        assertTrue(number(json, "LocalHits") >= 1, json);
        assertTrue(number(json, "Misses") >= 3, json);
        assertTrue(json.contains("\"SharedHitRatio\":0."), json);
        assertTrue(json.contains("\"SharedLatencyMillis\":"), json);
    }

    @Test
    @Order(4)
    void redisStoppedUnderLoadFailsNoRequestAndTheSharedLevelComesBack() throws Exception {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int port = c % 2 == 0 ? ps1 : ps2;
            Thread client = new Thread(() -> {
                while (running.get()) {
                    int status;
                    try {
                        status = get(port, "/is/image/demo/photo?wid=" + ThreadLocalRandom.current().nextInt(40, 400)).statusCode();
                    } catch (IOException e) {
                        status = -1;
                    } catch (InterruptedException e) {
                        return;
                    }
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
            }, "load-" + c);
            client.start();
            clients.add(client);
        }
        try {
            Await.until("load under way", PATIENCE, () -> count(statuses, 200) >= 20, statuses::toString);
            redis.stop();
            Await.until("both ps see Redis DOWN", PATIENCE, () -> state(ps1).equals("DOWN") && state(ps2).equals("DOWN"),
                    this::states);
            int before = count(statuses, 200);
            Await.until("requests answered while Redis is down", PATIENCE, () -> count(statuses, 200) >= before + 20,
                    statuses::toString);
            redis.start();
            Await.until("both ps UP again", PATIENCE, () -> state(ps1).equals("UP") && state(ps2).equals("UP"), this::states);
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join(120_000);
            }
        }
        assertEquals(java.util.Set.of(200), statuses.keySet(), "only 200s: " + statuses);

        String url = "/is/image/demo/photo?wid=777";
        assertEquals("MISS", xCache(get(ps1, url)));
        awaitKeys(1);
        assertEquals("HIT-SHARED", xCache(get(ps2, url)), "the shared level serves again");
    }

    @Test
    @Order(5)
    void onlyPsLoadsTheRedisClientNeverTheSupervisor() throws Exception {
        long ps = stack.server("ps").getPid();
        assertTrue(LoadedClasses.count(ps, "io.lettuce.") > 0, "ps with sharedCache.url set has loaded Lettuce");
        assertEquals(0, LoadedClasses.count(stack.supervisorPid(), "io.lettuce."), "the supervisor never loads it");
        assertEquals(0, LoadedClasses.count(stack.supervisorPid(), "io.netty."), "nor Netty");
    }

    // --- helpers ---

    private HttpResponse<byte[]> get(int port, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@link #get} for a polling lambda. */
    private HttpResponse<byte[]> fetch(int port, String path) {
        try {
            return get(port, path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String xCache(HttpResponse<byte[]> reply) {
        return reply == null ? "(none yet)" : reply.headers().firstValue("X-Cache").orElse("(no X-Cache)");
    }

    private static String size(HttpResponse<byte[]> reply) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(reply.body()));
        return image.getWidth() + "x" + image.getHeight();
    }

    /** sharedCache.state of a host's install check, or "?" while it does not answer. */
    private String state(int port) {
        try {
            String text = new String(get(port, "/is/image").body(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("(?m)^sharedCache\\.state=(\\w+)").matcher(text);
            return m.find() ? m.group(1) : "(none)";
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private String states() {
        return "ps1 " + state(ps1) + ", ps2 " + state(ps2) + "\n" + second.logs() + stack.diagnostics();
    }

    private long keys() throws IOException {
        return Long.parseLong(redis.call("DBSIZE"));
    }

    /** Writes go to Redis off the request's path: wait until they have landed. */
    private void awaitKeys(long atLeast) {
        Await.until(atLeast + " keys in Redis", PATIENCE, () -> {
            try {
                return keys() >= atLeast;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int count(Map<Integer, AtomicInteger> statuses, int status) {
        AtomicInteger n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    private static long number(String json, String attribute) {
        Matcher m = Pattern.compile("\"" + attribute + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), attribute + " in " + json);
        return Long.parseLong(m.group(1));
    }

    @SuppressWarnings("unchecked")
    private static HttpResponse<byte[]>[] reply() {
        return new HttpResponse[1];
    }
}
