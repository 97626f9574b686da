package org.imageserving.platform.cache;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import org.imageserving.stock.UsageException;

/**
 * The {@code sharedCache.*} keys of conf/PlatformServer.conf: the second cache level on Redis, off while
 * {@code sharedCache.url} is empty (the default). Several comma-separated seeds mean a Redis Cluster.
 *
 * @param seeds             the Redis nodes, each {@code redis://host:port} (or {@code rediss://} for TLS); empty = off
 * @param passwordFile      first line "password" or "username password"; null = no AUTH. Never in the URL
 * @param keyPrefix         put before every key, so that several sites (or a site and other users) share one Redis
 * @param ttlSeconds        how long an entry lives in Redis
 * @param maxEntryBytes     the largest reply stored in Redis; larger ones stay in the local cache only
 * @param timeoutMillis     the bound of any Redis call made while a request waits
 * @param failures          errors in a row that open the circuit (state DOWN: Redis is no longer asked)
 * @param retryMillis       how often a DOWN level is probed (reconnect and PING) in the background
 * @param writeQueueBytes   bodies waiting to be written to Redis, at most; a write that does not fit is dropped
 */
public record SharedCacheConfig(List<URI> seeds, Path passwordFile, String keyPrefix, long ttlSeconds, int maxEntryBytes,
        long timeoutMillis, int failures, long retryMillis, long writeQueueBytes) {

    static final String FILE = "conf/PlatformServer.conf";

    public static final SharedCacheConfig OFF = new SharedCacheConfig(List.of(), null, "imageserving:", 86_400, 8_388_608,
            250, 3, 5_000, 16_777_216);

    public boolean enabled() {
        return !seeds.isEmpty();
    }

    /** More than one seed: a Redis Cluster. */
    public boolean cluster() {
        return seeds.size() > 1;
    }

    /** The seeds as {@code host:port,...}: safe to show, they carry no credential. */
    public String servers() {
        List<String> parts = new ArrayList<>();
        for (URI seed : seeds) {
            parts.add(seed.getHost() + ":" + port(seed));
        }
        return String.join(",", parts);
    }

    static int port(URI seed) {
        return seed.getPort() < 0 ? 6379 : seed.getPort();
    }

    /**
     * Reads the keys.
     *
     * @param number  reads a whole number key within bounds, with the file's own one-line error
     * @param resolve turns a configured path into one under the base
     */
    public static SharedCacheConfig load(Properties p, NumberReader number, Function<String, Path> resolve) {
        String url = p.getProperty("sharedCache.url", "").trim();
        String passwordFile = p.getProperty("sharedCache.passwordFile", "").trim();
        String prefix = p.getProperty("sharedCache.keyPrefix", OFF.keyPrefix()).trim();
        if (!prefix.matches("[A-Za-z0-9:._{}-]{0,64}")) {
            throw new UsageException(FILE + ": sharedCache.keyPrefix [" + prefix
                    + "] must be at most 64 letters, digits or : . _ - { }");
        }
        return new SharedCacheConfig(seeds(url), passwordFile.isEmpty() ? null : resolve.apply(passwordFile), prefix,
                number.read("sharedCache.ttl", OFF.ttlSeconds(), 1, 31_536_000),
                (int) number.read("sharedCache.maxEntrySize", OFF.maxEntryBytes(), 1, 67_108_864),
                number.read("sharedCache.timeout", OFF.timeoutMillis(), 10, 10_000),
                (int) number.read("sharedCache.failures", OFF.failures(), 1, 1000),
                number.read("sharedCache.retryInterval", OFF.retryMillis(), 100, 600_000),
                number.read("sharedCache.writeQueueSize", OFF.writeQueueBytes(), 0, 1_073_741_824));
    }

    /** Each seed is {@code redis://host[:port]} or {@code rediss://host[:port]}: nothing else, and never a user or password. */
    static List<URI> seeds(String url) {
        List<URI> seeds = new ArrayList<>();
        if (url.isEmpty()) {
            return seeds;
        }
        for (String part : url.split(",")) {
            String seed = part.trim();
            if (seed.indexOf('@') >= 0) {
                // not echoed: what stands before '@' is a credential
                throw new UsageException(FILE + ": sharedCache.url must not carry a user or password (it shows in logs "
                        + "and on the install check); put them in the file named by sharedCache.passwordFile");
            }
            seeds.add(seed(seed));
        }
        return List.copyOf(seeds);
    }

    private static URI seed(String seed) {
        URI uri;
        try {
            uri = new URI(seed);
        } catch (URISyntaxException e) {
            throw bad(seed);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw bad(seed);
        }
        return uri;
    }

    private static UsageException bad(String seed) {
        return new UsageException(FILE + ": sharedCache.url [" + seed.replaceAll("[^\\x21-\\x7e]", "?")
                + "] must be redis://host:port (or rediss://), several separated by commas for a Redis Cluster");
    }

    /** A whole-number key of the file, within bounds. */
    @FunctionalInterface
    public interface NumberReader {
        long read(String key, long fallback, long min, long max);
    }
}
