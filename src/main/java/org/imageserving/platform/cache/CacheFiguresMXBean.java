package org.imageserving.platform.cache;

/**
 * {@code ImageServing:type=Cache} in ps's own JVM: the two levels of the response cache. The supervisor reads it
 * through the loopback JMX agent it keeps in every child JVM and serves it as its own
 * {@code ImageServing:type=Cache} (JMX and Jolokia). Counts run since ps started.
 */
public interface CacheFiguresMXBean {

    /** The shared level: UP, DOWN (Redis unreachable or failing: not asked, probed in the background) or OFF. */
    String getState();

    /** The Redis node(s) asked, host:port[,host:port...]; "" when OFF. */
    String getSharedServers();

    long getLocalHits();

    /** Lookups the local disk cache could not answer (then the shared level is asked). */
    long getLocalMisses();

    double getLocalHitRatio();

    long getSharedHits();

    /** Lookups of the shared level that found nothing usable (errors and skipped lookups included). */
    long getSharedMisses();

    double getSharedHitRatio();

    /** Lookups neither level could answer, so rendered (X-Cache: MISS); cache=off and cache=update do not look up. */
    long getMisses();

    /** Hits of either level over all lookups. */
    double getHitRatio();

    /** Redis calls that failed or timed out. */
    long getSharedErrors();

    /** Values under our keys that failed the entry checks (served as a miss). */
    long getSharedCorruptEntries();

    long getSharedWrites();

    /** Writes not made: the queue was full, the level was DOWN, or the reply was over sharedCache.maxEntrySize. */
    long getSharedWritesDropped();

    /** Moving average of the Redis calls' latency, in milliseconds. */
    double getSharedLatencyMillis();
}
