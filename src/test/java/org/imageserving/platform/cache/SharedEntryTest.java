package org.imageserving.platform.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Nothing read from Redis is served unless it is exactly an entry of the key asked for. */
class SharedEntryTest {

    private static final String KEY = "a".repeat(64);
    private static final String OTHER = "b".repeat(64);

    private static SharedEntry entry(byte[] body) throws Exception {
        return new SharedEntry("image/jpeg", HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)), 40, 30, body);
    }

    @Test
    void anEntryComesBackAsItWasStored() throws Exception {
        byte[] body = "not really a jpeg".getBytes(StandardCharsets.US_ASCII);
        SharedEntry back = SharedEntry.decode(KEY, entry(body).encode(KEY), 1000).orElseThrow();
        assertArrayEquals(body, back.body());
        assertEquals("image/jpeg", back.contentType());
        assertEquals(entry(body).etag(), back.etag());
        assertEquals(40, back.width());
        assertEquals(30, back.height());
    }

    @Test
    void anythingElseIsAMiss() throws Exception {
        byte[] body = new byte[500];
        byte[] good = entry(body).encode(KEY);
        assertTrue(SharedEntry.decode(OTHER, good, 1000).isEmpty(), "another key's entry copied under this one");
        assertTrue(SharedEntry.decode(KEY, Arrays.copyOf(good, good.length - 1), 1000).isEmpty(), "cut short");
        assertTrue(SharedEntry.decode(KEY, Arrays.copyOf(good, good.length + 1), 1000).isEmpty(), "longer than it says");
        assertTrue(SharedEntry.decode(KEY, good, 499).isEmpty(), "a body over the largest entry");
        byte[] flipped = good.clone();
        flipped[flipped.length - 1] ^= 1;
        assertTrue(SharedEntry.decode(KEY, flipped, 1000).isEmpty(), "a body that is not what its ETag says");
        assertTrue(SharedEntry.decode(KEY, new byte[0], 1000).isEmpty(), "empty");
        assertTrue(SharedEntry.decode(KEY, "hello".getBytes(StandardCharsets.US_ASCII), 1000).isEmpty(), "no magic");
        byte[] noNewline = ("ISSC1\n" + "x".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
        assertTrue(SharedEntry.decode(KEY, noNewline, 10_000).isEmpty(), "a header without an end within 1 KiB");
        SharedEntry injected = new SharedEntry("image/jpeg\r\nSet-Cookie: a=b", entry(body).etag(), 1, 1, body);
        assertTrue(SharedEntry.decode(KEY, injected.encode(KEY), 1000).isEmpty(), "a content type carrying a header");
        SharedEntry html = new SharedEntry("text/html", entry(body).etag(), 1, 1, body);
        assertTrue(SharedEntry.decode(KEY, html.encode(KEY), 1000).isEmpty(), "not an image type");
        SharedEntry negative = new SharedEntry("image/png", entry(body).etag(), -1, 1, body);
        assertTrue(SharedEntry.decode(KEY, negative.encode(KEY), 1000).isEmpty(), "a negative width");
    }
}
