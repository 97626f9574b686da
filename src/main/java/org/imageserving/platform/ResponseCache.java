package org.imageserving.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Platform Server's response cache on disk ({@code cache/is-response/}): one file per reply, named by
 * the SHA-256 of its key — the resolved render request plus the source file's size and modification time,
 * so a changed source is simply a different key. Least-recently-used entries are deleted beyond
 * {@code cache.maxSize} bytes or {@code cache.maxEntries} files. The index is rebuilt from the folder at
 * start (oldest first), so the cache survives restarts. A reply larger than {@link #maxEntryBytes()} (a
 * half of cache.maxSize, at most 16 MiB) is not stored, and a stored file larger than that is not read, so
 * neither the folder nor a read can hold more than the cache is sized for.
 */
final class ResponseCache {

    private static final Logger LOG = LogManager.getLogger(ResponseCache.class);
    private static final String MAGIC = "ISRC1";
    private static final long MAX_ENTRY_BYTES = 16L * 1024 * 1024;

    /** A cached reply: its body and what the headers need. */
    record Entry(byte[] body, String contentType, String etag, int width, int height) {}

    private final Path folder;
    private final long maxBytes;
    private final int maxEntries;
    private final LinkedHashMap<String, Long> index = new LinkedHashMap<>(1024, 0.75f, true);
    private long totalBytes;

    ResponseCache(Path folder, long maxBytes, int maxEntries) {
        this.folder = folder;
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
    }

    /** The largest entry stored: half the cache, at most 16 MiB (one huge reply must not empty the cache). */
    long maxEntryBytes() {
        return Math.min(MAX_ENTRY_BYTES, maxBytes / 2);
    }

    boolean enabled() {
        return maxBytes > 0 && maxEntries > 0;
    }

    /** Creates the folder and indexes what an earlier run left in it. */
    void open() throws IOException {
        if (!enabled()) {
            return;
        }
        Files.createDirectories(folder);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder, 2)) {
            files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        for (Path leftover : files.stream().filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
            Files.deleteIfExists(leftover); // a write cut short by a crash
        }
        files.removeIf(p -> p.getFileName().toString().length() != 64);
        files.sort((a, b) -> Long.compare(modified(a), modified(b)));
        synchronized (index) {
            for (Path file : files) {
                long size = size(file);
                index.put(file.getFileName().toString(), size);
                totalBytes += size;
            }
        }
        evict();
        LOG.info("response cache {}: {} entries, {} bytes", folder, index.size(), totalBytes);
    }

    static String key(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<Entry> get(String key) {
        if (!enabled()) {
            return Optional.empty();
        }
        synchronized (index) {
            if (index.get(key) == null) {
                return Optional.empty();
            }
        }
        try {
            Path file = file(key);
            if (Files.size(file) > maxEntryBytes() + 1024) {
                throw new IOException("larger than the largest entry (" + maxEntryBytes() + " bytes)");
            }
            return Optional.of(decode(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            forget(key);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cache entry {} unreadable ({}); dropping it", key, e.toString());
            forget(key);
            return Optional.empty();
        }
    }

    void put(String key, Entry entry) {
        if (!enabled() || entry.body().length > maxEntryBytes()) {
            return;
        }
        Path target = file(key);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".put", ".tmp");
            byte[] bytes = encode(entry);
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            synchronized (index) {
                Long old = index.put(key, (long) bytes.length);
                totalBytes += bytes.length - (old == null ? 0 : old);
            }
            evict();
        } catch (IOException e) {
            LOG.warn("cannot write cache entry {}: {}", target, e.toString());
        }
    }

    private void evict() {
        List<String> victims = new ArrayList<>();
        synchronized (index) {
            Iterator<Map.Entry<String, Long>> it = index.entrySet().iterator();
            while ((totalBytes > maxBytes || index.size() > maxEntries) && it.hasNext()) {
                Map.Entry<String, Long> eldest = it.next();
                totalBytes -= eldest.getValue();
                victims.add(eldest.getKey());
                it.remove();
            }
        }
        for (String victim : victims) {
            try {
                Files.deleteIfExists(file(victim));
            } catch (IOException e) {
                LOG.warn("cannot delete cache entry {}: {}", victim, e.toString());
            }
        }
    }

    private void forget(String key) {
        synchronized (index) {
            Long size = index.remove(key);
            if (size != null) {
                totalBytes -= size;
            }
        }
    }

    int entries() {
        synchronized (index) {
            return index.size();
        }
    }

    private Path file(String key) {
        return folder.resolve(key.substring(0, 2)).resolve(key);
    }

    private static byte[] encode(Entry e) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(e.body().length + 128);
        out.write((MAGIC + "\n" + e.contentType() + "\t" + e.etag() + "\t" + e.width() + "\t" + e.height() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(e.body());
        return out.toByteArray();
    }

    private static Entry decode(byte[] bytes) throws IOException {
        int first = indexOf(bytes, 0);
        int second = indexOf(bytes, first + 1);
        if (first < 0 || second < 0 || !new String(bytes, 0, first, StandardCharsets.UTF_8).equals(MAGIC)) {
            throw new IOException("not a cache entry");
        }
        String[] meta = new String(bytes, first + 1, second - first - 1, StandardCharsets.UTF_8).split("\t", -1);
        byte[] body = java.util.Arrays.copyOfRange(bytes, second + 1, bytes.length);
        return new Entry(body, meta[0], meta[1], Integer.parseInt(meta[2]), Integer.parseInt(meta[3]));
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < Math.min(bytes.length, from + 512); i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
