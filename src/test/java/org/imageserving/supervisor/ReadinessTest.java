package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.imageserving.process.ServerState;
import org.imageserving.testing.Ports;
import org.imageserving.testing.SupervisorTestCase;
import org.imageserving.testing.fixtures.HealthServer;
import org.imageserving.testing.fixtures.Sleeper;
import org.junit.jupiter.api.Test;

/** RUNNING means ready: a TCP connect, an HTTP 2xx, or having stayed up long enough. */
class ReadinessTest extends SupervisorTestCase {
    @Test
    void tcpReadinessWaitsForTheListener() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("tcp", Sleeper.class, "--port", "" + port, "--listen-after", "700").tcp(port).build());
        long tookMillis = millisUntilRunning("tcp");
        assertTrue(tookMillis >= 700, "RUNNING only once the port listens, took " + tookMillis + " ms");
        assertTrue(h.recorder().into("tcp", ServerState.RUNNING).get(0).reason().contains("accepted a connection"));
    }

    @Test
    void httpReadinessWaitsFor2xx() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("http", HealthServer.class, "--port", "" + port, "--ready-after", "800").http(port).build());
        long tookMillis = millisUntilRunning("http");
        assertTrue(tookMillis >= 800, "503 is not ready; took " + tookMillis + " ms");
    }

    @Test
    void uptimeReadinessWaitsTheGivenTime() throws Exception {
        h.supervisor(h.command("up", "sleep", "600").upFor(Duration.ofMillis(500)).build());
        long tookMillis = millisUntilRunning("up");
        assertTrue(tookMillis >= 500, "took " + tookMillis + " ms");
    }

    @Test
    void notReadyInTimeIsAFailedStartAndTheTreeIsKilled() throws Exception {
        int port = Ports.free();
        Supervisor supervisor = h.supervisor(h.java("late", Sleeper.class).tcp(port)
                .startTimeout(Duration.ofSeconds(2)).backoff(1, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10))
                .build());
        ServerControl server = supervisor.server("late").orElseThrow();
        ServerState state = await(server.start());
        assertEquals(ServerState.FATAL, state);
        assertEquals("not ready within 2 s", server.lastError());
        assertEquals(-1, server.pid());
    }

    /** Starts the server and answers how long it took to settle, which must be in RUNNING. */
    private long millisUntilRunning(String id) throws Exception {
        long started = System.nanoTime();
        ServerState state = await(h.server(id).start());
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(ServerState.RUNNING, state);
        return tookMillis;
    }
}
