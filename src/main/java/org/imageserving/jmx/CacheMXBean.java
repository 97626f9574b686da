package org.imageserving.jmx;

/**
 * {@code ImageServing:type=Cache}: the Platform Server's response cache, both levels (local disk, and the level on
 * Redis shared by a site's hosts), as ps reports it from its own JVM. Read through the loopback JMX agent the
 * supervisor keeps in each child; every attribute comes from one read, at most a second old.
 */
@Description("The Platform Server's response cache: the local disk level and the shared level on Redis, with hit "
        + "ratios per level, errors and Redis latency, read from the server that publishes them (ps)")
public interface CacheMXBean {

    @Description("Id of the managed server these figures come from (ps); empty when no running server publishes them")
    String getServer();

    @Description("The shared level: UP, DOWN (Redis unreachable or failing: not asked, retried in the background), "
            + "OFF (sharedCache.url empty), or UNKNOWN when no running server publishes the figures")
    String getState();

    @Description("The Redis node(s) of the shared level, host:port[,host:port...]; empty when OFF")
    String getSharedServers();

    @Description("Replies found in the local disk cache")
    long getLocalHits();

    @Description("Lookups the local disk cache could not answer")
    long getLocalMisses();

    @Description("LocalHits / (LocalHits + LocalMisses), 0 to 1")
    double getLocalHitRatio();

    @Description("Replies found in the shared level (Redis), then copied to the local cache")
    long getSharedHits();

    @Description("Lookups of the shared level that found no usable entry (including those skipped while DOWN)")
    long getSharedMisses();

    @Description("SharedHits / (SharedHits + SharedMisses), 0 to 1")
    double getSharedHitRatio();

    @Description("Lookups neither level could answer: rendered (X-Cache: MISS)")
    long getMisses();

    @Description("Hits of either level over all lookups, 0 to 1")
    double getHitRatio();

    @Description("Redis calls that failed or timed out")
    long getSharedErrors();

    @Description("Values under the cache's keys in Redis that failed the entry checks, served as misses")
    long getSharedCorruptEntries();

    @Description("Replies written to Redis")
    long getSharedWrites();

    @Description("Writes to Redis not made: queue full, level DOWN, or reply over sharedCache.maxEntrySize")
    long getSharedWritesDropped();

    @Description("Moving average of the Redis calls' latency")
    @Units("ms")
    double getSharedLatencyMillis();
}
