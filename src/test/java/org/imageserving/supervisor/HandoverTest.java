package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.imageserving.process.ServerState;
import org.imageserving.testing.Ports;
import org.imageserving.testing.SupervisorTestCase;
import org.imageserving.testing.fixtures.Sleeper;
import org.junit.jupiter.api.Test;

/**
 * An operator's restart of a {@code <handover>} server: the new process starts beside the old one on the shared
 * port (SO_REUSEPORT), the old one stops only once the new one listens, the state stays RUNNING, and no connection
 * is refused; a new process that cannot listen leaves the old one serving and fails the restart.
 */
class HandoverTest extends SupervisorTestCase {
    @Test
    void aHandoverRestartRefusesNoConnectionAndStaysRunning() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("shared", Sleeper.class, "--port", "" + port, "--shared", "yes").tcp(port).handover().build());
        ServerControl server = h.server("shared");
        assertEquals(ServerState.RUNNING, await(server.start()));
        long old = server.pid();

        AtomicBoolean connecting = new AtomicBoolean(true);
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Thread client = new Thread(() -> {
            while (connecting.get()) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    connected.incrementAndGet();
                } catch (IOException e) {
                    refused.incrementAndGet();
                }
            }
        }, "test-connect-loop");
        client.start();
        try {
            assertEquals(ServerState.RUNNING, await(server.restart()));
        } finally {
            connecting.set(false);
            client.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertNotEquals(old, server.pid(), "a new process serves");
        assertFalse(alive(old), "the old one is gone once restart answers");
        assertEquals(-1, server.handoverPid());
        assertEquals(0, refused.get(), "no connection refused (" + connected.get() + " made)");
        assertTrue(connected.get() > 0);
        assertEquals(List.of(ServerState.STARTING, ServerState.RUNNING),
                h.recorder().of("shared").stream().map(e -> e.to()).toList(), "RUNNING throughout the handover");
        assertEquals(0, server.restartCount(), "an operator's restart is not counted");
    }

    @Test
    void aNewProcessThatCannotListenLeavesTheOldOneServing() throws Exception {
        int port = Ports.free();
        // without --shared the old process's socket has no SO_REUSEPORT: the new one cannot bind and exits 1
        h.supervisor(h.java("alone", Sleeper.class, "--port", "" + port).tcp(port).handover()
                .startTimeout(Duration.ofSeconds(30)).build());
        ServerControl server = h.server("alone");
        assertEquals(ServerState.RUNNING, await(server.start()));
        long old = server.pid();

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> server.restart().toCompletableFuture().get(60, TimeUnit.SECONDS));
        String why = failed.getCause().getMessage();
        assertTrue(why.contains("exited with code 1 before it was ready; pid " + old + " keeps serving"), why);
        assertEquals(old, server.pid(), "the old process serves on");
        assertEquals(ServerState.RUNNING, server.state());
        assertEquals(-1, server.handoverPid());
        assertEquals("restart failed: " + why, server.lastError());
        new Socket(InetAddress.getLoopbackAddress(), port).close();     // and still answers
    }
}
