package org.imageserving.platform.cache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One reply as stored in Redis, and the checks it must pass before it is served: whatever sits under our key
 * may have been written by anyone who can reach the Redis server, or cut short, so nothing in it is trusted.
 *
 * <pre>
 * ISSC1\n
 * key \t content-type \t etag \t width \t height \t body-length \n     (at most 1 KiB)
 * body
 * </pre>
 *
 * A value is served only when the magic, the key (the entry is the one asked for, not another one copied under
 * its name), the content type (an image type, no header injection), the sizes, the body length (exactly what
 * follows) and the ETag (the MD5 of the body, as ps computes it) all hold; anything else is a miss.
 */
public record SharedEntry(String contentType, String etag, int width, int height, byte[] body) {

    static final int MAX_HEADER = 1024;
    private static final byte[] MAGIC = "ISSC1\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern CONTENT_TYPE = Pattern.compile("(image|application)/[a-z0-9.+-]{1,40}");
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    public byte[] encode(String key) {
        byte[] header = (key + "\t" + contentType + "\t" + etag + "\t" + width + "\t" + height + "\t" + body.length + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAGIC.length + header.length + body.length);
        out.writeBytes(MAGIC);
        out.writeBytes(header);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The largest value an entry of {@code maxBody} body bytes can have: what is read from Redis at most. */
    static int maxValue(int maxBody) {
        return MAGIC.length + MAX_HEADER + maxBody;
    }

    /** The entry stored under {@code key}, or empty when {@code value} is not one that passes every check. */
    public static Optional<SharedEntry> decode(String key, byte[] value, int maxBody) {
        if (value == null || value.length < MAGIC.length || !Arrays.equals(value, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        int end = -1;
        for (int i = MAGIC.length; i < Math.min(value.length, MAGIC.length + MAX_HEADER); i++) {
            if (value[i] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return Optional.empty();
        }
        String[] f = new String(value, MAGIC.length, end - MAGIC.length, StandardCharsets.US_ASCII).split("\t", -1);
        if (f.length != 6 || !KEY.matcher(f[0]).matches() || !f[0].equals(key) || !CONTENT_TYPE.matcher(f[1]).matches()
                || !MD5_HEX.matcher(f[2]).matches()) {
            return Optional.empty();
        }
        int width = number(f[3], 65_535);
        int height = number(f[4], 65_535);
        int length = number(f[5], maxBody);
        if (width < 0 || height < 0 || length < 0 || value.length - end - 1 != length) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOfRange(value, end + 1, value.length);
        if (!md5(body).equals(f[2])) {
            return Optional.empty();
        }
        return Optional.of(new SharedEntry(f[1], f[2], width, height, body));
    }

    /** A whole number from 0 to max written in at most 9 digits, else -1. */
    private static int number(String text, int max) {
        if (text.isEmpty() || text.length() > 9) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        int n = Integer.parseInt(text);
        return n <= max ? n : -1;
    }

    private static String md5(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
