package org.imageserving.platform;

import java.util.Properties;

/**
 * The limits that keep the public port answering whatever arrives on it (conf/PlatformServer.conf, all keys
 * ours). Tomcat's connector limits, and the bulkheads in front of the Image Server and the file streams: each
 * holds at most so many requests at once, and the excess gets 503 + Retry-After at once instead of a thread.
 * Their sum stays below {@code http.maxThreads}, so the threads left over always answer /health, cache hits and
 * errors, whatever the Image Server or the SVG server does.
 *
 * @param maxThreads          http.maxThreads: Tomcat request threads
 * @param maxConnections      http.maxConnections: open connections; the rest wait in the accept queue
 * @param acceptCount         http.acceptCount: connections the OS queues beyond maxConnections
 * @param connectionTimeoutMillis http.connectionTimeout: the longest wait for the next bytes of a request (or a
 *                            client reading a reply); a client that sends nothing for this long is closed
 * @param keepAliveTimeoutMillis  http.keepAliveTimeout: how long an idle keep-alive connection stays open
 * @param maxKeepAliveRequests http.maxKeepAliveRequests: requests on one connection before it is closed
 * @param maxHeaderBytes      http.maxHttpHeaderSize: request line plus headers, bytes (over it: 400)
 * @param maxHeaderCount      http.maxHeaderCount: headers in a request (over it: 400)
 * @param connectTimeoutMillis isConnection.connectTimeout: connecting to the Image Server
 * @param maxRenders          isConnection.maxRenders: calls to the Image Server in flight for raster sources
 * @param maxSvgRenders       isConnection.maxSvgRenders: the same for SVG sources, a lane of their own so that a
 *                            hung SVG server cannot take the raster renders' places
 * @param maxContentStreams   staticContent.maxStreams: /is/content files being sent at once
 */
record PlatformLimits(
        int maxThreads,
        int maxConnections,
        int acceptCount,
        int connectionTimeoutMillis,
        int keepAliveTimeoutMillis,
        int maxKeepAliveRequests,
        int maxHeaderBytes,
        int maxHeaderCount,
        int connectTimeoutMillis,
        int maxRenders,
        int maxSvgRenders,
        int maxContentStreams) {

    private static final String FILE = "PlatformServer.conf";

    static PlatformLimits load(Properties ps) {
        PlatformLimits limits = new PlatformLimits(
                number(ps, "http.maxThreads", 64, 4, 10_000),
                number(ps, "http.maxConnections", 2048, 1, 100_000),
                number(ps, "http.acceptCount", 100, 1, 10_000),
                number(ps, "http.connectionTimeout", 10_000, 100, 600_000),
                number(ps, "http.keepAliveTimeout", 10_000, 100, 600_000),
                number(ps, "http.maxKeepAliveRequests", 100, -1, 100_000),
                number(ps, "http.maxHttpHeaderSize", 8192, 1024, 1_048_576),
                number(ps, "http.maxHeaderCount", 100, 1, 10_000),
                number(ps, "isConnection.connectTimeout", 1000, 50, 60_000),
                number(ps, "isConnection.maxRenders", 16, 1, 10_000),
                number(ps, "isConnection.maxSvgRenders", 16, 1, 10_000),
                number(ps, "staticContent.maxStreams", 16, 1, 10_000));
        int bulkheads = limits.maxRenders + limits.maxSvgRenders + limits.maxContentStreams;
        if (bulkheads >= limits.maxThreads) {
            throw new org.imageserving.stock.UsageException("conf/" + FILE + ": isConnection.maxRenders + isConnection.maxSvgRenders"
                    + " + staticContent.maxStreams [" + bulkheads + "] must stay below http.maxThreads [" + limits.maxThreads
                    + "], so that threads remain for /health");
        }
        return limits;
    }

    private static int number(Properties p, String key, int fallback, int min, int max) {
        return (int) PlatformConfig.number(p, FILE, key, fallback, min, max);
    }
}
