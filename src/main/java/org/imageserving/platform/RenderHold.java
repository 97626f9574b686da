package org.imageserving.platform;

import java.time.Duration;
import org.imageserving.platform.request.ImageServingException;
import org.imageserving.platform.request.ImageServingException.Kind;

/**
 * Holds a request to the Image Server that finds it unavailable — refused, cut off, or answering 503 because it
 * (or the SVG server behind it) is stopping or restarting — and tries again, so that a restart of {@code is} or
 * {@code svg} costs a client some latency, not an error. The hold is bounded (PlatformServer.conf
 * {@code isConnection.hold}): once it runs out the last failure stands, and the client gets 503 with Retry-After,
 * as it should while a server is really down. Other failures (not found, bad request, ...) pass through at once.
 */
final class RenderHold {
    /** First pause between tries; doubles up to {@link #LONGEST_PAUSE}. Short: a restarted server is often back within a second. */
    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(500);

    /** One try at the Image Server. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws ImageServingException;
    }

    private final long holdNanos;

    /** @param hold how long a request may wait in all for the Image Server to come back; zero turns holding off */
    RenderHold(Duration hold) {
        this.holdNanos = Math.max(0, hold.toNanos());
    }

    <T> T call(Call<T> call) throws ImageServingException {
        long deadline = 0;
        long pause = FIRST_PAUSE.toNanos();
        while (true) {
            try {
                return call.call();
            } catch (ImageServingException e) {
                if (e.kind() != Kind.UNAVAILABLE) {
                    throw e;
                }
                // the hold counts from the first sign of a restart, not from the request's arrival: time spent
                // queued for a busy Image Server is bounded by isConnection.timeout, not taken out of the hold
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + holdNanos;
                }
                if (now + pause > deadline) {
                    throw e;
                }
                sleep(pause, e);
                pause = Math.min(pause * 2, LONGEST_PAUSE.toNanos());
            }
        }
    }

    private static void sleep(long nanos, ImageServingException failure) throws ImageServingException {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
