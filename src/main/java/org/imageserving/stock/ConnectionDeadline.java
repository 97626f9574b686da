package org.imageserving.stock;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * The time by which a connection must have made progress in its current phase (idle between requests, reading a
 * request head or body, writing a reply), or be closed by {@link LoopbackHttpServer}'s timeout sweep. A socket read
 * timeout alone would not do: it bounds each read, not the whole head, so a client sending one byte a second would
 * hold its thread for ever; and writes have no timeout at all. While a handler renders there is no deadline here
 * (renders bound their own time).
 */
final class ConnectionDeadline {

    private static final long NONE = Long.MAX_VALUE;

    private final Socket socket;
    private volatile long deadline = NONE;
    private volatile String phase = "idle";

    ConnectionDeadline(Socket socket) {
        this.socket = socket;
    }

    /** From now on the connection has {@code time} for {@code what}. */
    void expect(String what, Duration time) {
        phase = what;
        deadline = System.nanoTime() + time.toNanos();
    }

    /** The handler is working: no deadline until the next {@link #expect}. */
    void clear() {
        deadline = NONE;
    }

    /** Closes the socket when its deadline has passed; returns the phase it was in then, else null. */
    String closeIfLate(long now) {
        long d = deadline;
        if (d == NONE || now - d < 0) {
            return null;
        }
        try {
            socket.close(); // unblocks the connection's thread, whatever it is reading or writing
        } catch (IOException e) {
            // closed already
        }
        return phase;
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
