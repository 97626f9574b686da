package org.imageserving.platform.cache;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.text.LogText;

/**
 * The second level of ps's response cache, on Redis, shared by every ps of a site: a render made on one host is
 * a hit on the others. Redis being down or slow never fails a request and never holds one longer than
 * {@code sharedCache.timeout}:
 *
 * <pre>
 *  DOWN --(background probe: new connection + PING answered)--> UP
 *  UP   --(sharedCache.failures errors or timeouts in a row)---> DOWN   (Redis is no longer asked: every lookup is a
 *                                                                         miss, every write is dropped)
 *  OFF: sharedCache.url empty; nothing is started.
 * </pre>
 *
 * It starts DOWN and the probe connects at once. Lookups run on the request's thread (one GETRANGE, so a value
 * larger than an entry can be is never read whole); writes run on one background thread from a queue bounded in
 * bytes, and a write that does not fit is dropped. Keys are {@code keyPrefix + "img:" + SHA-256}, never a URL.
 */
public final class SharedCache implements AutoCloseable {

    public enum State { OFF, UP, DOWN }

    private static final Logger LOG = LogManager.getLogger(SharedCache.class);
    private static final int WRITES_QUEUED = 1024;
    /** Whoever can write to Redis could fill the log: one warning a minute, the count in SharedCorruptEntries. */
    private static final long CORRUPT_WARNING_EVERY = TimeUnit.MINUTES.toNanos(1);

    private final SharedCacheConfig config;
    private final CacheFigures figures;
    /** Makes the client on the probe's thread: loading Lettuce and Netty costs ps's start-up nothing. */
    private final java.util.function.Supplier<RedisStore.Factory> makeStores;
    private RedisStore.Factory stores; // the probe's thread only, then close()
    private final ScheduledExecutorService probe;
    private final ThreadPoolExecutor writer;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean evictionChecked = new AtomicBoolean();
    private final AtomicLong lastCorruptWarning = new AtomicLong(System.nanoTime() - CORRUPT_WARNING_EVERY);
    private volatile RedisStore store;
    private volatile State state;
    private volatile String reason = "connecting";
    private volatile boolean closed;

    private SharedCache(SharedCacheConfig config, CacheFigures figures, java.util.function.Supplier<RedisStore.Factory> stores) {
        this.config = config;
        this.figures = figures;
        this.makeStores = stores;
        this.state = stores == null ? State.OFF : State.DOWN;
        if (stores == null) {
            probe = null;
            writer = null;
        } else {
            probe = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "shared-cache-probe"));
            writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(WRITES_QUEUED),
                    runnable -> daemon(runnable, "shared-cache-writer"));
        }
        figures.describe(() -> state.name(), config.enabled() ? config.servers() : "");
    }

    /** The level of this configuration: OFF when no URL is set (Redis' client is then never loaded). */
    public static SharedCache of(SharedCacheConfig config, CacheFigures figures) {
        if (!config.enabled()) {
            return new SharedCache(config, figures, null);
        }
        RedisCredentials credentials = RedisCredentials.read(config.passwordFile()); // a bad file stops the start here
        return with(config, figures, () -> LettuceStore.factory(config, credentials));
    }

    /** A level on the stores {@code stores} makes, its probe started. */
    static SharedCache with(SharedCacheConfig config, CacheFigures figures, java.util.function.Supplier<RedisStore.Factory> stores) {
        SharedCache cache = new SharedCache(config, figures, stores);
        cache.probe.scheduleWithFixedDelay(cache::probe, 0, config.retryMillis(), TimeUnit.MILLISECONDS);
        return cache;
    }

    public State state() {
        return state;
    }

    /** Why the level is DOWN ("" otherwise). */
    public String reason() {
        return state == State.DOWN ? reason : "";
    }

    public boolean enabled() {
        return state != State.OFF;
    }

    public SharedCacheConfig config() {
        return config;
    }

    /** The entry stored under {@code key}, when the level is UP and Redis answers in time with a value that passes the checks. */
    public Optional<SharedEntry> get(String key) {
        RedisStore current = store;
        if (state != State.UP || current == null) {
            if (state != State.OFF) {
                figures.sharedMiss();
            }
            return Optional.empty();
        }
        long start = System.nanoTime();
        byte[] value;
        try {
            value = current.read(redisKey(key), SharedEntry.maxValue(config.maxEntryBytes()), config.timeoutMillis());
        } catch (Exception e) {
            failed(current, e);
            figures.sharedMiss();
            return Optional.empty();
        }
        succeeded(start);
        if (value.length == 0) {
            figures.sharedMiss();
            return Optional.empty();
        }
        Optional<SharedEntry> entry = SharedEntry.decode(key, value, config.maxEntryBytes());
        if (entry.isEmpty()) {
            figures.sharedCorrupt();
            figures.sharedMiss();
            long now = System.nanoTime();
            long last = lastCorruptWarning.get();
            if (now - last >= CORRUPT_WARNING_EVERY && lastCorruptWarning.compareAndSet(last, now)) {
                LOG.warn("shared cache: the value under {}img:{} is not a valid entry ({} bytes); served as a miss "
                        + "(SharedCorruptEntries counts them; this is said once a minute)", LogText.escape(config.keyPrefix()), key,
                        value.length);
            }
            return Optional.empty();
        }
        figures.sharedHit();
        return entry;
    }

    /** Queues {@code entry} to be written under {@code key}; dropped when DOWN, too large or the queue is full. */
    public void put(String key, SharedEntry entry) {
        if (state == State.OFF) {
            return;
        }
        long size = entry.body().length;
        if (state != State.UP || size > config.maxEntryBytes()) {
            figures.sharedDropped();
            return;
        }
        if (queuedBytes.addAndGet(size) > config.writeQueueBytes()) {
            queuedBytes.addAndGet(-size);
            figures.sharedDropped();
            return;
        }
        try {
            writer.execute(() -> write(key, entry, size));
        } catch (RejectedExecutionException e) {
            queuedBytes.addAndGet(-size);
            figures.sharedDropped();
        }
    }

    private void write(String key, SharedEntry entry, long size) {
        try {
            RedisStore current = store;
            if (state != State.UP || current == null) {
                figures.sharedDropped();
                return;
            }
            long start = System.nanoTime();
            try {
                // off the request path: a large body may take longer than a lookup's bound
                current.write(redisKey(key), entry.encode(key), config.ttlSeconds(), Math.max(1000, 4 * config.timeoutMillis()));
                succeeded(start);
                figures.sharedWrite();
            } catch (Exception e) {
                failed(current, e);
                figures.sharedDropped();
            }
        } finally {
            queuedBytes.addAndGet(-size);
        }
    }

    private byte[] redisKey(String key) {
        return (config.keyPrefix() + "img:" + key).getBytes(StandardCharsets.US_ASCII);
    }

    private void succeeded(long startNanos) {
        figures.latency(System.nanoTime() - startNanos);
        failuresInARow.set(0);
    }

    private void failed(RedisStore failing, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        figures.sharedError();
        if (failuresInARow.incrementAndGet() >= config.failures()) {
            down(failing, describe(e));
        }
    }

    /** Opens the circuit: Redis is no longer asked until the probe has a new connection that answers. */
    private synchronized void down(RedisStore failing, String why) {
        if (state != State.UP || store != failing) {
            return;
        }
        reason = why;
        state = State.DOWN;
        store = null;
        failing.close();
        LOG.warn("shared cache DOWN ({}): {}; requests go on with the local cache and renders, retrying every {} ms",
                config.servers(), LogText.escape(why), config.retryMillis());
    }

    /** While DOWN: a new connection and a PING within the timeout bring the level UP. */
    private void probe() {
        if (state != State.DOWN) {
            return;
        }
        RedisStore fresh = null;
        try {
            if (stores == null) {
                stores = makeStores.get();
            }
            fresh = stores.newStore();
            fresh.connect();
            long start = System.nanoTime();
            fresh.ping(Math.max(1000, config.timeoutMillis()));
            figures.latency(System.nanoTime() - start);
            checkEviction(fresh);
            synchronized (this) {
                if (closed) {
                    fresh.close();
                    return;
                }
                failuresInARow.set(0);
                store = fresh;
                state = State.UP;
            }
            LOG.info("shared cache UP ({})", config.servers());
        } catch (Exception | LinkageError e) {
            if (fresh != null) {
                fresh.close();
            }
            String why = describe(e);
            if (!why.equals(reason)) {
                LOG.warn("shared cache DOWN ({}): {}; retrying every {} ms", config.servers(), LogText.escape(why), config.retryMillis());
            }
            reason = why;
        }
    }

    /** Once: a Redis without maxmemory grows until the host runs out; with noeviction, writes fail once it is full. */
    private void checkEviction(RedisStore fresh) {
        if (!evictionChecked.compareAndSet(false, true)) {
            return;
        }
        try {
            String info = fresh.memoryInfo(Math.max(1000, config.timeoutMillis()));
            String max = field(info, "maxmemory");
            String policy = field(info, "maxmemory_policy");
            if ("0".equals(max)) {
                LOG.warn("shared cache: Redis ({}) has no maxmemory: set maxmemory and maxmemory-policy allkeys-lru there, "
                        + "or it grows until the host runs out of memory", config.servers());
            } else if ("noeviction".equals(policy)) {
                LOG.warn("shared cache: Redis ({}) has maxmemory-policy noeviction: writes fail once it is full; "
                        + "set allkeys-lru (or volatile-lru)", config.servers());
            }
        } catch (Exception e) {
            LOG.debug("shared cache: INFO memory unanswered: {}", e.toString());
        }
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    private String describe(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "no answer within " + config.timeoutMillis() + " ms";
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause(); // the deepest says why: WRONGPASS, connection refused, …
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        if (probe == null) {
            return;
        }
        probe.shutdownNow();
        writer.shutdownNow();
        try {
            probe.awaitTermination(5, TimeUnit.SECONDS); // a connect under way ends within its own bound
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closed = true;
            state = State.DOWN;
            reason = "closed";
            store = null;
        }
        if (stores != null) {
            stores.close(); // the client closes its connections with it
        }
    }
}
