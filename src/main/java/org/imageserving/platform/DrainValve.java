package org.imageserving.platform;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * The old ps's last moments in a handover. Its listening socket is closed, but clients still hold kept-alive
 * connections to it; were Tomcat stopped with them open, a request sent on one as its host is unmapped gets Tomcat's
 * 400, and one sent as the socket closes gets no answer at all. So while draining, every answer says
 * {@code Connection: close} (Tomcat then closes the connection after it), and the stop waits until the clients have
 * left for the new ps, or for the drain's bound: a client that sends nothing keeps its connection until then.
 */
final class DrainValve extends ValveBase {
    private static final Duration POLL = Duration.ofMillis(20);

    private volatile boolean draining;

    DrainValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (draining) {
            response.setHeader("Connection", "close");
        }
        getNext().invoke(request, response);
    }

    /** Closes each connection after its next answer; returns once {@code openConnections} is 0 or after {@code bound}. */
    void drain(LongSupplier openConnections, Duration bound) {
        draining = true;
        long deadline = System.nanoTime() + bound.toNanos();
        while (openConnections.getAsLong() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
