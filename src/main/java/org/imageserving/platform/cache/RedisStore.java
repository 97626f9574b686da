package org.imageserving.platform.cache;

/**
 * The few Redis commands the shared level uses, each bounded by the caller's timeout. One implementation talks
 * to Redis ({@link LettuceStore}); the interface keeps the client library's types out of every other class, so
 * that ps loads it only when {@code sharedCache.url} is set.
 */
interface RedisStore extends AutoCloseable {

    /** Connects (once; a lost connection is a new store). */
    void connect() throws Exception;

    /** The first {@code maxBytes} bytes of the value under {@code key}; empty when there is none. */
    byte[] read(byte[] key, int maxBytes, long timeoutMillis) throws Exception;

    /** SET key value EX ttl. */
    void write(byte[] key, byte[] value, long ttlSeconds, long timeoutMillis) throws Exception;

    /** PING. */
    void ping(long timeoutMillis) throws Exception;

    /** INFO memory, for the eviction check at connect. */
    String memoryInfo(long timeoutMillis) throws Exception;

    /** Closes the connection (not the client's shared threads). */
    @Override
    void close();

    /** Makes stores that share one set of client threads; closing it ends those threads. */
    interface Factory extends AutoCloseable {
        RedisStore newStore();

        @Override
        void close();
    }
}
