package org.imageserving.platform.cache;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** The response cache's counts, for the install check and {@code ImageServing:type=Cache}. Lock-free. */
public final class CacheFigures implements CacheFiguresMXBean {

    public static final String OBJECT_NAME = "ImageServing:type=Cache";
    private static final Logger LOG = LogManager.getLogger(CacheFigures.class);
    private static final double SMOOTHING = 0.1;

    private final LongAdder localHits = new LongAdder();
    private final LongAdder localMisses = new LongAdder();
    private final LongAdder sharedHits = new LongAdder();
    private final LongAdder sharedMisses = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder sharedErrors = new LongAdder();
    private final LongAdder sharedCorrupt = new LongAdder();
    private final LongAdder sharedWrites = new LongAdder();
    private final LongAdder sharedDropped = new LongAdder();
    private final AtomicLong latencyBits = new AtomicLong(Double.doubleToLongBits(0));
    private volatile Supplier<String> state = () -> "OFF";
    private volatile String servers = "";

    void describe(Supplier<String> state, String servers) {
        this.state = state;
        this.servers = servers;
    }

    public void localHit() {
        localHits.increment();
    }

    public void localMiss() {
        localMisses.increment();
    }

    public void miss() {
        misses.increment();
    }

    void sharedHit() {
        sharedHits.increment();
    }

    void sharedMiss() {
        sharedMisses.increment();
    }

    void sharedError() {
        sharedErrors.increment();
    }

    void sharedCorrupt() {
        sharedCorrupt.increment();
    }

    void sharedWrite() {
        sharedWrites.increment();
    }

    void sharedDropped() {
        sharedDropped.increment();
    }

    void latency(long nanos) {
        double millis = nanos / 1e6;
        latencyBits.updateAndGet(bits -> {
            double old = Double.longBitsToDouble(bits);
            return Double.doubleToLongBits(old == 0 ? millis : old + SMOOTHING * (millis - old));
        });
    }

    @Override
    public String getState() {
        return state.get();
    }

    @Override
    public String getSharedServers() {
        return servers;
    }

    @Override
    public long getLocalHits() {
        return localHits.sum();
    }

    @Override
    public long getLocalMisses() {
        return localMisses.sum();
    }

    @Override
    public double getLocalHitRatio() {
        return ratio(getLocalHits(), getLocalMisses());
    }

    @Override
    public long getSharedHits() {
        return sharedHits.sum();
    }

    @Override
    public long getSharedMisses() {
        return sharedMisses.sum();
    }

    @Override
    public double getSharedHitRatio() {
        return ratio(getSharedHits(), getSharedMisses());
    }

    @Override
    public long getMisses() {
        return misses.sum();
    }

    @Override
    public double getHitRatio() {
        long hits = getLocalHits() + getSharedHits();
        return ratio(hits, getMisses());
    }

    @Override
    public long getSharedErrors() {
        return sharedErrors.sum();
    }

    @Override
    public long getSharedCorruptEntries() {
        return sharedCorrupt.sum();
    }

    @Override
    public long getSharedWrites() {
        return sharedWrites.sum();
    }

    @Override
    public long getSharedWritesDropped() {
        return sharedDropped.sum();
    }

    @Override
    public double getSharedLatencyMillis() {
        return Math.round(Double.longBitsToDouble(latencyBits.get()) * 1000) / 1000.0;
    }

    private static double ratio(long hits, long misses) {
        long all = hits + misses;
        return all == 0 ? 0 : Math.round(hits * 10_000.0 / all) / 10_000.0;
    }

    /**
     * Registers {@code ImageServing:type=Cache} in this JVM's platform MBean server. Nothing is opened for it: the
     * supervisor reaches it through its loopback agent, as it reads the heap.
     */
    public void publish() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
        } catch (JMException e) {
            LOG.warn("cannot publish the cache figures over JMX: {}", e.toString());
        }
    }
}
