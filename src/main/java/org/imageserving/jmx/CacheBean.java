package org.imageserving.jmx;

import java.util.Map;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import org.imageserving.supervisor.ServerControl;
import org.imageserving.supervisor.SupervisorControl;

/**
 * {@link CacheMXBean} in the supervisor: reads {@code ImageServing:type=Cache} from the JVM of the managed server
 * that publishes it (ps), through {@link ServerControl#childAttributes}, all attributes in one call. A read serves
 * every getter for a second, so that a Jolokia read of all attributes costs one round trip to the child.
 */
final class CacheBean implements CacheMXBean {
    static final ObjectName IN_CHILD = name("ImageServing:type=Cache");
    private static final String[] ATTRIBUTES = {"State", "SharedServers", "LocalHits", "LocalMisses", "LocalHitRatio",
        "SharedHits", "SharedMisses", "SharedHitRatio", "Misses", "HitRatio", "SharedErrors", "SharedCorruptEntries",
        "SharedWrites", "SharedWritesDropped", "SharedLatencyMillis"};
    private static final long FRESH_NANOS = 1_000_000_000L;

    private record Reading(long atNanos, String server, Map<String, Object> values) {}

    private final SupervisorControl supervisor;
    private volatile Reading last = new Reading(0, "", Map.of());

    CacheBean(SupervisorControl supervisor) {
        this.supervisor = supervisor;
    }

    private Reading read() {
        Reading reading = last;
        long now = System.nanoTime();
        if (reading.atNanos() != 0 && now - reading.atNanos() < FRESH_NANOS) {
            return reading;
        }
        Reading fresh = new Reading(now, "", Map.of());
        // the server that answered last time first, then the others
        for (ServerControl server : supervisor.servers()) {
            if (server.id().equals(reading.server()) && server.pid() > 0) {
                Map<String, Object> values = server.childAttributes(IN_CHILD, ATTRIBUTES);
                if (!values.isEmpty()) {
                    fresh = new Reading(now, server.id(), values);
                }
            }
        }
        for (ServerControl server : supervisor.servers()) {
            if (!fresh.server().isEmpty()) {
                break;
            }
            if (server.pid() > 0 && !server.id().equals(reading.server())) {
                Map<String, Object> values = server.childAttributes(IN_CHILD, ATTRIBUTES);
                if (!values.isEmpty()) {
                    fresh = new Reading(now, server.id(), values);
                }
            }
        }
        last = fresh;
        return fresh;
    }

    private long count(String name) {
        return read().values().get(name) instanceof Number n ? n.longValue() : 0;
    }

    private double ratio(String name) {
        return read().values().get(name) instanceof Number n ? n.doubleValue() : 0;
    }

    private String text(String name, String otherwise) {
        return read().values().get(name) instanceof String s ? s : otherwise;
    }

    @Override
    public String getServer() {
        return read().server();
    }

    @Override
    public String getState() {
        return text("State", "UNKNOWN");
    }

    @Override
    public String getSharedServers() {
        return text("SharedServers", "");
    }

    @Override
    public long getLocalHits() {
        return count("LocalHits");
    }

    @Override
    public long getLocalMisses() {
        return count("LocalMisses");
    }

    @Override
    public double getLocalHitRatio() {
        return ratio("LocalHitRatio");
    }

    @Override
    public long getSharedHits() {
        return count("SharedHits");
    }

    @Override
    public long getSharedMisses() {
        return count("SharedMisses");
    }

    @Override
    public double getSharedHitRatio() {
        return ratio("SharedHitRatio");
    }

    @Override
    public long getMisses() {
        return count("Misses");
    }

    @Override
    public double getHitRatio() {
        return ratio("HitRatio");
    }

    @Override
    public long getSharedErrors() {
        return count("SharedErrors");
    }

    @Override
    public long getSharedCorruptEntries() {
        return count("SharedCorruptEntries");
    }

    @Override
    public long getSharedWrites() {
        return count("SharedWrites");
    }

    @Override
    public long getSharedWritesDropped() {
        return count("SharedWritesDropped");
    }

    @Override
    public double getSharedLatencyMillis() {
        return ratio("SharedLatencyMillis");
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
