package org.imageserving.cli;

/**
 * The rate bound of {@code playlog}: a token bucket filled at {@code perSecond} up to {@code burst} tokens; each
 * request takes one, waiting for it when the bucket is empty. Whatever the server's speed, over any span of t
 * seconds at most {@code burst + perSecond × t} requests leave. The clock is a seam, so the bound is tested
 * without sleeping.
 */
final class TokenBucket {
    /** Time, and waiting for it. */
    interface Clock {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    private final double perNano;
    private final double burst;
    private final Clock clock;
    private double tokens;
    private long filledAt;

    TokenBucket(double perSecond, double burst, Clock clock) {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("rate " + perSecond + "/s, burst " + burst);
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.filledAt = clock.nanoTime();
    }

    /** The burst for a rate: a tenth of a second's worth, at least one request. */
    static double burstFor(double perSecond) {
        return Math.max(1, Math.floor(perSecond / 10));
    }

    void acquire() throws InterruptedException {
        while (true) {
            long now = clock.nanoTime();
            tokens = Math.min(burst, tokens + (now - filledAt) * perNano);
            filledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return;
            }
            clock.sleepNanos(Math.max(1, (long) Math.ceil((1 - tokens) / perNano)));
        }
    }
}
