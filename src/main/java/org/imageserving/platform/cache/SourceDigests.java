package org.imageserving.platform.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a source file is, for the cache key: the SHA-256 of its bytes. Size and modification time alone would
 * differ between hosts that hold the same file (copied, synced, generated on each), and the shared level needs
 * the same key for the same reply on every host. Each digest is remembered for the file's size and modification
 * time, so a file is read once until it changes; the memory holds at most {@value #REMEMBERED} files.
 */
public final class SourceDigests {

    private static final int REMEMBERED = 20_000;

    private record Known(long size, long modified, String digest) {}

    private final ConcurrentHashMap<Path, Known> known = new ConcurrentHashMap<>();

    /** {@code sha256:<hex>}, or {@code unreadable} when the file cannot be read (the render then fails anyway). */
    public String of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            long size = attributes.size();
            long modified = attributes.lastModifiedTime().toMillis();
            Known k = known.get(file);
            if (k != null && k.size() == size && k.modified() == modified) {
                return k.digest();
            }
            String digest = "sha256:" + digest(file);
            if (known.size() >= REMEMBERED) {
                known.clear();
            }
            known.put(file, new Known(size, modified, digest));
            return digest;
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static String digest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65_536];
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
