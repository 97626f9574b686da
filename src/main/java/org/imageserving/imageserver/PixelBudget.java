package org.imageserving.imageserver;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.imageserving.imageserver.RenderException.Kind;

/**
 * The heap the renders in flight may hold, in kilobytes, so that concurrent large requests queue instead
 * of ending in an OutOfMemoryError. A render reserves its estimate before decoding and releases it when
 * done; a request that could never fit is refused outright (413), one that must wait too long is told
 * to come back (503).
 */
final class PixelBudget {

    /** The share of the maximum heap the Image Server gives to pixels. */
    static final double HEAP_FRACTION = 0.6;

    private final Semaphore kilobytes;
    private final int total;

    /** A budget of {@code fraction} of the JVM's maximum heap. */
    PixelBudget(double fraction) {
        this.total = (int) Math.min(Integer.MAX_VALUE, (long) (Runtime.getRuntime().maxMemory() * fraction / 1024));
        this.kilobytes = new Semaphore(total, true);
    }

    long totalBytes() {
        return total * 1024L;
    }

    long availableBytes() {
        return kilobytes.availablePermits() * 1024L;
    }

    /** A held reservation; closing it gives the memory back. */
    interface Reservation extends AutoCloseable {
        @Override
        void close();
    }

    Reservation reserve(long bytes, long waitMillis) throws RenderException {
        int kb = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (bytes + 1023) / 1024));
        if (kb > total) {
            throw new RenderException(Kind.TOO_LARGE, "request needs about " + bytes / (1024 * 1024)
                    + " MB of pixels, more than the Image Server's budget of " + totalBytes() / (1024 * 1024) + " MB");
        }
        try {
            if (!kilobytes.tryAcquire(kb, waitMillis, TimeUnit.MILLISECONDS)) {
                throw new RenderException(Kind.BUSY, "Image Server busy: no memory for this request within " + waitMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException(Kind.BUSY, "interrupted while waiting for memory");
        }
        return () -> kilobytes.release(kb);
    }
}
