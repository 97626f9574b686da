package org.imageserving.platform.cache;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.api.async.RedisServerAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@link RedisStore} on Lettuce: one node ({@link RedisClient}) or a Redis Cluster ({@link RedisClusterClient},
 * several seeds), with byte keys and values. On one node Lettuce's own reconnection is off and commands sent while
 * disconnected fail at once: the {@link SharedCache} circuit decides when Redis is asked again, and makes a new
 * connection then (a cluster's node connections come and go on their own, see below). Every call is bounded twice: the caller never waits longer than its timeout for a future and
 * cancels it then, and Lettuce cancels any command still pending after the connect timeout.
 */
final class LettuceStore implements RedisStore {

    private final AbstractRedisClient client;
    private StatefulConnection<byte[], byte[]> connection;
    private RedisStringAsyncCommands<byte[], byte[]> strings;
    private BaseRedisAsyncCommands<byte[], byte[]> base;
    private RedisServerAsyncCommands<byte[], byte[]> server;

    private LettuceStore(AbstractRedisClient client) {
        this.client = client;
    }

    /**
     * Stores of one configuration: one client and its threads for the life of ps, each store a new connection of it.
     * (A client per attempt would hand its threads back on every failed reconnect, and Lettuce then shuts the shared
     * event loops down under the next one.)
     */
    static RedisStore.Factory factory(SharedCacheConfig config, RedisCredentials credentials) {
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        AbstractRedisClient client = client(resources, config, credentials);
        return new RedisStore.Factory() {
            @Override
            public RedisStore newStore() {
                return new LettuceStore(client);
            }

            @Override
            public void close() {
                client.shutdown(0, 2, TimeUnit.SECONDS);
                resources.shutdown(0, 2, TimeUnit.SECONDS);
            }
        };
    }

    private static AbstractRedisClient client(ClientResources resources, SharedCacheConfig config, RedisCredentials credentials) {
        // Connecting (TCP, TLS, HELLO, AUTH) happens on the probe's thread, off any request: it gets the longer bound.
        // Commands of a request are bounded by the caller (sharedCache.timeout), which cancels them.
        Duration connect = Duration.ofMillis(Math.max(2000, config.timeoutMillis()));
        SocketOptions socket = SocketOptions.builder().connectTimeout(connect).keepAlive(true).build();
        List<RedisURI> uris = new ArrayList<>();
        for (URI seed : config.seeds()) {
            RedisURI.Builder b = RedisURI.builder().withHost(seed.getHost()).withPort(SharedCacheConfig.port(seed))
                    .withSsl(seed.getScheme().equalsIgnoreCase("rediss")).withTimeout(connect);
            if (credentials != null) {
                if (credentials.user() == null) {
                    b.withPassword(credentials.password());
                } else {
                    b.withAuthentication(credentials.user(), credentials.password());
                }
            }
            uris.add(b.build());
        }
        if (config.cluster()) {
            RedisClusterClient cluster = RedisClusterClient.create(resources, uris);
            // A cluster connection opens its node connections lazily, and a command sent while one is still
            // connecting must wait for it: accepted, in a short queue, and bounded all the same by the caller's timeout.
            cluster.setOptions(ClusterClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS).requestQueueSize(64)
                    .timeoutOptions(TimeoutOptions.enabled()).socketOptions(socket)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers().build())
                    .build());
            return cluster;
        }
        RedisClient single = RedisClient.create(resources, uris.get(0));
        single.setOptions(ClientOptions.builder().autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).requestQueueSize(1024)
                .timeoutOptions(TimeoutOptions.enabled()).socketOptions(socket).build());
        return single;
    }

    @Override
    public synchronized void connect() {
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<byte[], byte[]> c = cluster.connect(ByteArrayCodec.INSTANCE);
            connection = c;
            strings = c.async();
            base = c.async();
            server = c.async();
        } else {
            StatefulRedisConnection<byte[], byte[]> c = ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
            connection = c;
            strings = c.async();
            base = c.async();
            server = c.async();
        }
    }

    @Override
    public byte[] read(byte[] key, int maxBytes, long timeoutMillis) throws Exception {
        byte[] value = await(strings.getrange(key, 0, maxBytes - 1L), timeoutMillis);
        return value == null ? new byte[0] : value;
    }

    @Override
    public void write(byte[] key, byte[] value, long ttlSeconds, long timeoutMillis) throws Exception {
        await(strings.set(key, value, SetArgs.Builder.ex(ttlSeconds)), timeoutMillis);
    }

    @Override
    public void ping(long timeoutMillis) throws Exception {
        await(base.ping(), timeoutMillis);
    }

    @Override
    public String memoryInfo(long timeoutMillis) throws Exception {
        return await(server.info("memory"), timeoutMillis);
    }

    private static <T> T await(Future<T> future, long timeoutMillis) throws Exception {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** Closes this store's connection; the client and its threads stay for the next one. */
    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.closeAsync();
            connection = null;
        }
    }
}
