package org.imageserving.platform.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.imageserving.testing.Await;
import org.imageserving.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shared level on a real three-node Redis Cluster: several seeds, keys spread over every node's slots. */
@Timeout(180)
class SharedCacheClusterTest {

    private static final String PASSWORD = "cluster-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;
    private final List<RedisServer> nodes = new ArrayList<>();
    private SharedCache cache;

    @AfterEach
    void close() throws Exception {
        if (cache != null) {
            cache.close();
        }
        for (RedisServer node : nodes) {
            node.close();
        }
    }

    @Test
    void entriesAreWrittenAndFoundOnEveryNodeOfACluster() throws Exception {
        assumeTrue(RedisServer.installed(), "redis-server is not installed (.ci/run installs Debian's redis-server)");
        nodes.addAll(RedisServer.startCluster(PASSWORD));
        Path file = dir.resolve("redis.password");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "default " + PASSWORD + "\n"); // the "username password" form
        List<URI> seeds = nodes.stream().map(n -> URI.create(n.url())).toList();
        SharedCacheConfig config = new SharedCacheConfig(seeds, file, "cl:", 600, 100_000, 500, 3, 200, 10_000_000);
        CacheFigures figures = new CacheFigures();
        cache = SharedCache.of(config, figures);
        Await.until("cluster level UP", Duration.ofSeconds(30), () -> cache.state() == SharedCache.State.UP, cache::reason);

        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(("k" + i).getBytes()));
            keys.add(key);
            byte[] body = ("body " + i).getBytes();
            cache.put(key, new SharedEntry("image/jpeg", HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)),
                    i, i, body));
        }
        Await.until("30 writes", Duration.ofSeconds(30), () -> figures.getSharedWrites() == 30, () -> figures.getSharedErrors() + " errors, " + cache.state() + " " + cache.reason());
        for (int i = 0; i < keys.size(); i++) {
            assertArrayEquals(("body " + i).getBytes(), cache.get(keys.get(i)).orElseThrow().body());
        }
        for (RedisServer node : nodes) {
            assertTrue(Long.parseLong(node.call("DBSIZE")) > 0, "node " + node.port() + " holds some of the 30 keys");
        }
        assertEquals(30, figures.getSharedHits());
        assertEquals(0, figures.getSharedErrors());
    }
}
