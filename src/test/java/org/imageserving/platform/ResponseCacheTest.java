package org.imageserving.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCacheTest {

    @TempDir
    Path folder;

    private static ResponseCache.Entry entry(int size) {
        return new ResponseCache.Entry(new byte[size], "image/jpeg", "etag" + size, 10, 20);
    }

    @Test
    void entriesSurviveARestartAndTheLeastRecentlyUsedGoFirst() throws Exception {
        ResponseCache cache = new ResponseCache(folder, 2_500, 100);
        cache.open();
        String a = ResponseCache.key("a");
        String b = ResponseCache.key("b");
        String c = ResponseCache.key("c");
        cache.put(a, entry(1000));
        cache.put(b, entry(1000));
        assertTrue(cache.get(a).isPresent(), "a is now more recent than b");
        cache.put(c, entry(1000));
        assertEquals(2, cache.entries(), "2.5 kB hold two 1 kB entries with their headers");
        assertFalse(cache.get(b).isPresent(), "b was the least recently used");
        ResponseCache.Entry hit = cache.get(c).orElseThrow();
        assertEquals("etag1000", hit.etag());
        assertArrayEquals(new byte[1000], hit.body());

        Files.createDirectories(folder.resolve("ab"));
        Files.writeString(folder.resolve("ab").resolve(".put123.tmp"), "half written");
        ResponseCache reopened = new ResponseCache(folder, 2_500, 1);
        reopened.open();
        assertEquals(1, reopened.entries(), "the entry limit applies to what was on disk");
        assertFalse(Files.exists(folder.resolve("ab").resolve(".put123.tmp")), "leftovers of a crash are removed");
    }

    @Test
    void aZeroSizeTurnsTheCacheOff() throws Exception {
        ResponseCache cache = new ResponseCache(folder.resolve("off"), 0, 100);
        cache.open();
        cache.put(ResponseCache.key("x"), entry(10));
        assertFalse(cache.get(ResponseCache.key("x")).isPresent());
        assertFalse(Files.exists(folder.resolve("off")));
    }

    @Test
    void aReplyLargerThanHalfTheCacheIsNotStoredAndEvictsNothing() throws Exception {
        ResponseCache cache = new ResponseCache(folder.resolve("small"), 2_000, 100);
        cache.open();
        String kept = ResponseCache.key("kept");
        cache.put(kept, entry(900));
        cache.put(ResponseCache.key("huge"), entry(1_001));
        assertFalse(cache.get(ResponseCache.key("huge")).isPresent(), "over cache.maxSize / 2: not stored");
        assertTrue(cache.get(kept).isPresent(), "and the entry already there stays");
        assertEquals(1, cache.entries());
    }
}
