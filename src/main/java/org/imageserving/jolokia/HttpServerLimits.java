package org.imageserving.jolokia;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Limits of the JDK's HTTP server (com.sun.net.httpserver), which reads a request's headers on a pool thread,
 * blocking, with no timeout of its own: a dozen clients that never finish their headers would hold every thread.
 * The JDK offers the guards we need as system properties, read once when its first server is created, so they
 * are set here, before that, unless the operator has set them (then theirs win, and are logged):
 * <ul>
 * <li>{@code maxReqTime}: the headers and the body of a request must have arrived within {@value #MAX_REQUEST_SECONDS} s,
 *     else the connection is closed and its thread freed (answers may take as long as an operation needs);</li>
 * <li>{@code maxConnections}: at most {@value #MAX_CONNECTIONS} open connections, no more than the bridge has
 *     threads, so a request is never queued behind slow clients; beyond it a connection is closed at once;</li>
 * <li>{@code idleInterval}: an idle keep-alive connection is closed after {@value #IDLE_SECONDS} s;</li>
 * <li>{@code maxReqHeaderSize}: headers above {@value #MAX_HEADER_BYTES} bytes are answered 431.</li>
 * </ul>
 * We chose these over a guard of our own in front of the server: the JDK applies them where the blocking read
 * happens, which no filter can reach (filters run after the headers are read), and they cost no extra hop.
 * In the supervisor this server is Jolokia's alone.
 */
final class HttpServerLimits {
    static final int MAX_REQUEST_SECONDS = 5;
    static final int MAX_CONNECTIONS = 32;
    static final int IDLE_SECONDS = 10;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final Logger LOG = LogManager.getLogger(HttpServerLimits.class);

    private HttpServerLimits() {}

    static synchronized void apply() {
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        limits.put("sun.net.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
        limits.put("sun.net.httpserver.idleInterval", Integer.toString(IDLE_SECONDS));
        limits.put("sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_HEADER_BYTES));
        for (Map.Entry<String, String> limit : limits.entrySet()) {
            String set = System.getProperty(limit.getKey());
            if (set == null) {
                System.setProperty(limit.getKey(), limit.getValue());
            } else if (!set.equals(limit.getValue())) {
                LOG.info("Jolokia HTTP limit {}={} as set by the operator (default {})", limit.getKey(), set, limit.getValue());
            }
        }
    }
}
