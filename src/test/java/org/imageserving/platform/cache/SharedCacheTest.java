package org.imageserving.platform.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.imageserving.testing.Await;
import org.imageserving.testing.RedisServer;
import org.imageserving.stock.UsageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shared level against a real redis-server: entries, checks, the circuit, and a Redis stopped, paused, back. */
@Timeout(180)
class SharedCacheTest {

    private static final String PASSWORD = "test-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;
    private RedisServer redis;
    private SharedCache cache;
    private final CacheFigures figures = new CacheFigures();

    @BeforeEach
    void redis() throws Exception {
        assumeTrue(RedisServer.installed(), "redis-server is not installed (.ci/run installs Debian's redis-server)");
        redis = RedisServer.start(PASSWORD);
    }

    @AfterEach
    void close() throws Exception {
        if (cache != null) {
            cache.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private SharedCacheConfig config(String password) throws Exception {
        Path file = dir.resolve("redis.password");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n");
        return new SharedCacheConfig(List.of(java.net.URI.create(redis.url())), file, "test:", 3600, 10_000, 250, 3, 200,
                1_000_000);
    }

    private SharedCache open(String password) throws Exception {
        cache = SharedCache.of(config(password), figures);
        return cache;
    }

    private static String key(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
    }

    private static SharedEntry entry(int size) throws Exception {
        byte[] body = new byte[size];
        new java.util.Random(size).nextBytes(body);
        return new SharedEntry("image/png", HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)), 7, 9, body);
    }

    private void awaitUp() {
        Await.until("shared cache UP", Duration.ofSeconds(30), () -> cache.state() == SharedCache.State.UP, cache::reason);
    }

    @Test
    void aWrittenEntryIsReadBackUnderTheKeyPrefixWithItsTtl() throws Exception {
        open(PASSWORD);
        awaitUp();
        String key = key("a");
        assertTrue(cache.get(key).isEmpty());
        SharedEntry stored = entry(5000);
        cache.put(key, stored);
        Await.until("written", Duration.ofSeconds(10), () -> figures.getSharedWrites() == 1);
        SharedEntry back = cache.get(key).orElseThrow();
        assertArrayEquals(stored.body(), back.body());
        assertEquals(stored.etag(), back.etag());
        long ttl = Long.parseLong(redis.call("TTL", "test:img:" + key));
        assertTrue(ttl > 3500 && ttl <= 3600, "TTL " + ttl);
        assertEquals("test:img:" + key, redis.call("KEYS", "*"), "keys are the prefix and a hash, nothing else");
        cache.put(key("big"), entry(10_001));
        assertEquals(1, figures.getSharedWritesDropped(), "over maxEntrySize: not written");
        assertEquals(1, figures.getSharedHits());
        assertEquals(1, figures.getSharedMisses());
    }

    @Test
    void whateverElseSitsUnderAKeyIsAMissAndIsNeverReadWhole() throws Exception {
        open(PASSWORD);
        awaitUp();
        String key = key("b");
        redis.call("SET", "test:img:" + key, "ISSC1\n" + key + "\timage/png\t" + "0".repeat(32) + "\t1\t1\t3\nabc");
        assertTrue(cache.get(key).isEmpty(), "a body that is not what its ETag says");
        String huge = key("huge");
        redis.call("SET", "test:img:" + huge, "x".repeat(5_000_000));
        assertTrue(cache.get(huge).isEmpty());
        assertEquals(2, figures.getSharedCorruptEntries());
        assertEquals(SharedCache.State.UP, cache.state(), "a bad value is no Redis failure");
        // the huge value was read with GETRANGE up to the largest entry: bounded, whatever is stored
        assertEquals(0, figures.getSharedErrors());
    }

    @Test
    void aWrongPasswordLeavesTheLevelDownWithTheReason() throws Exception {
        open("not-the-password");
        Await.until("a reason", Duration.ofSeconds(30), () -> !cache.reason().equals("connecting"), cache::reason);
        assertEquals(SharedCache.State.DOWN, cache.state());
        assertTrue(cache.reason().contains("WRONGPASS") || cache.reason().toLowerCase().contains("auth"), cache.reason());
        assertTrue(cache.get(key("c")).isEmpty());
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws Exception {
        SharedCacheConfig config = config(PASSWORD);
        Files.setPosixFilePermissions(config.passwordFile(), PosixFilePermissions.fromString("rw-r--r--"));
        UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class, () -> SharedCache.of(config, figures));
        assertTrue(e.getMessage().contains("may be read by any user"), e.getMessage());
    }

    @Test
    void aStoppedRedisOpensTheCircuitAndARestartedOneClosesIt() throws Exception {
        open(PASSWORD);
        awaitUp();
        String key = key("d");
        cache.put(key, entry(100));
        Await.until("written", Duration.ofSeconds(10), () -> figures.getSharedWrites() == 1);
        redis.stop();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            assertTrue(cache.get(key).isEmpty());
            assertTrue(System.nanoTime() - start < Duration.ofMillis(1000).toNanos(), "bounded by the timeout");
        }
        assertEquals(SharedCache.State.DOWN, cache.state(), "3 errors in a row open the circuit");
        long errors = figures.getSharedErrors();
        assertTrue(cache.get(key).isEmpty());
        assertEquals(errors, figures.getSharedErrors(), "a DOWN level is not asked");
        redis.start();
        awaitUp();
        cache.put(key, entry(100));
        Await.until("written again", Duration.ofSeconds(10), () -> figures.getSharedWrites() == 2);
        assertTrue(cache.get(key).isPresent(), "hits again");
    }

    @Test
    void aRedisThatAcceptsAndDoesNotAnswerCostsEachRequestAtMostTheTimeout() throws Exception {
        open(PASSWORD);
        awaitUp();
        String key = key("e");
        redis.pause();
        try {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                Optional<SharedEntry> hit = cache.get(key);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(hit.isEmpty());
                assertTrue(millis < 250 + 500, "bounded by sharedCache.timeout (250 ms): " + millis + " ms");
            }
            assertEquals(SharedCache.State.DOWN, cache.state());
            long start = System.nanoTime();
            cache.get(key);
            assertTrue(System.nanoTime() - start < Duration.ofMillis(50).toNanos(), "DOWN: answered at once");
        } finally {
            redis.resume();
        }
        awaitUp();
    }
}
