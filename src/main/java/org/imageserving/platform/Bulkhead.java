package org.imageserving.platform;

import java.util.concurrent.Semaphore;
import org.imageserving.platform.request.ImageServingException;
import org.imageserving.platform.request.ImageServingException.Kind;

/**
 * At most so many requests of one kind at once; one more is refused at once ({@link Kind#UNAVAILABLE}: 503 with
 * Retry-After) instead of waiting. A request thread therefore never queues behind a slow or hung dependency, and
 * the threads a bulkhead cannot take stay free for everything else (/health first of all).
 */
final class Bulkhead {

    /** A place taken; closing gives it back (once). */
    interface Place extends AutoCloseable {
        @Override
        void close();
    }

    private final String name;
    private final int size;
    private final Semaphore places;

    Bulkhead(String name, int size) {
        this.name = name;
        this.size = size;
        this.places = new Semaphore(size);
    }

    Place enter() throws ImageServingException {
        if (!places.tryAcquire()) {
            throw new ImageServingException(Kind.UNAVAILABLE, "busy: " + size + " " + name + " in flight");
        }
        boolean[] closed = {false};
        return () -> {
            if (!closed[0]) {
                closed[0] = true;
                places.release();
            }
        };
    }

    int inFlight() {
        return size - places.availablePermits();
    }

    int size() {
        return size;
    }
}
