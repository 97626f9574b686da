package org.imageserving.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the Platform Server answers, before it is written: status, body, ETag (MD5 of the body, as Adobe
 * does), client-cache lifetime in hours (0 = expire at once, negative = never), the access log's
 * CacheUse / ProcessingStatus values, and for a reply of the response cache its X-Cache value (HIT-LOCAL,
 * HIT-SHARED or MISS; null for replies the cache never holds).
 */
record Reply(int status, String contentType, byte[] body, String etag, double expirationHours, CacheUse cacheUse,
        int processingStatus, int retryAfterSeconds, String cacheLevel) {

    /** Adobe's %{CacheUse}r values that this server produces. */
    enum CacheUse { REUSED, CREATED, UPDATED, IGNORED, UNDEFINED }

    static Reply ok(String contentType, byte[] body, String etag, double expirationHours, CacheUse cacheUse) {
        return new Reply(200, contentType, body, etag == null ? md5(body) : etag, expirationHours, cacheUse, 0, 0, null);
    }

    /** This reply, marked with where the response cache found it (its X-Cache header). */
    Reply from(String level) {
        return new Reply(status, contentType, body, etag, expirationHours, cacheUse, processingStatus, retryAfterSeconds, level);
    }

    static Reply error(int status, String message, int processingStatus, int retryAfterSeconds) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        return new Reply(status, "text/plain; charset=UTF-8", body, null, 0, CacheUse.IGNORED, processingStatus, retryAfterSeconds,
                null);
    }

    static String md5(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
