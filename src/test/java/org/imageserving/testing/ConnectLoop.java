package org.imageserving.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Connects to a loopback port again and again while an action runs, counting the connections made and refused. */
public final class ConnectLoop {
    private final int port;
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    public ConnectLoop(int port) {
        this.port = port;
    }

    public int connected() {
        return connected.get();
    }

    public int refused() {
        return refused.get();
    }

    /** Runs {@code action} with the loop connecting beside it; the loop ends when the action does. */
    public <T> T during(Callable<T> action) throws Exception {
        AtomicBoolean connecting = new AtomicBoolean(true);
        Thread loop = new Thread(() -> {
            while (connecting.get()) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    connected.incrementAndGet();
                } catch (IOException e) {
                    refused.incrementAndGet();
                }
            }
        }, "test-connect-loop");
        loop.start();
        try {
            return action.call();
        } finally {
            connecting.set(false);
            loop.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
