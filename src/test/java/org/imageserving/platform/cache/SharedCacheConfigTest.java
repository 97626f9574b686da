package org.imageserving.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import org.imageserving.stock.UsageException;
import org.junit.jupiter.api.Test;

class SharedCacheConfigTest {

    private static SharedCacheConfig load(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return SharedCacheConfig.load(p, (key, fallback, min, max) -> {
            String v = p.getProperty(key);
            return v == null ? fallback : Long.parseLong(v);
        }, Path::of);
    }

    @Test
    void offUnlessAUrlIsSet() {
        SharedCacheConfig off = load();
        assertFalse(off.enabled());
        assertEquals(86_400, off.ttlSeconds());
        assertEquals(8_388_608, off.maxEntryBytes());
        assertEquals(250, off.timeoutMillis());
        assertEquals("imageserving:", off.keyPrefix());
    }

    @Test
    void oneNodeOrSeveralSeedsOfACluster() {
        SharedCacheConfig one = load("sharedCache.url", "redis://10.0.0.4:6379", "sharedCache.passwordFile", "conf/redis.password");
        assertTrue(one.enabled());
        assertFalse(one.cluster());
        assertEquals("10.0.0.4:6379", one.servers());
        assertEquals(Path.of("conf/redis.password"), one.passwordFile());
        SharedCacheConfig cluster = load("sharedCache.url", "redis://10.0.0.4:7000, redis://10.0.0.5:7001,redis://h3");
        assertTrue(cluster.cluster());
        assertEquals("10.0.0.4:7000,10.0.0.5:7001,h3:6379", cluster.servers());
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithOneLineThatDoesNotRepeatIt() {
        for (String url : new String[] {"redis://:s3cret@10.0.0.4:6379", "redis://user:s3cret@10.0.0.4", "redis://s3cret@h"}) {
            UsageException e = assertThrows(UsageException.class, () -> load("sharedCache.url", url));
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
            assertTrue(e.getMessage().startsWith("conf/PlatformServer.conf: sharedCache.url must not carry a user or password"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void anythingButRedisHostPortIsRefused() {
        for (String url : new String[] {"http://h:1", "redis://h:1/0?timeout=1", "redis:///x", "h:6379", "redis://h:1#x"}) {
            UsageException e = assertThrows(UsageException.class, () -> load("sharedCache.url", url), url);
            assertTrue(e.getMessage().contains("must be redis://host:port"), e.getMessage());
        }
        assertThrows(UsageException.class, () -> load("sharedCache.keyPrefix", "a b"));
    }
}
