package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.imageserving.process.ServerState;
import org.imageserving.testing.Harness;
import org.imageserving.testing.Ports;
import org.imageserving.testing.fixtures.HealthServer;
import org.imageserving.testing.fixtures.Sleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RUNNING means ready: a TCP connect, an HTTP 2xx, or having stayed up long enough. */
class ReadinessTest {
    @TempDir
    Path base;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(base);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void tcpReadinessWaitsForTheListener() throws Exception {
        int port = Ports.free();
        Supervisor supervisor = h.supervisor(
                h.java("tcp", Sleeper.class, "--port", "" + port, "--listen-after", "700").tcp(port).build());
        long started = System.nanoTime();
        ServerState state = supervisor.server("tcp").orElseThrow().start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(ServerState.RUNNING, state);
        assertTrue(tookMillis >= 700, "RUNNING only once the port listens, took " + tookMillis + " ms");
        assertTrue(h.recorder().into("tcp", ServerState.RUNNING).get(0).reason().contains("accepted a connection"));
    }

    @Test
    void httpReadinessWaitsFor2xx() throws Exception {
        int port = Ports.free();
        Supervisor supervisor = h.supervisor(
                h.java("http", HealthServer.class, "--port", "" + port, "--ready-after", "800").http(port).build());
        long started = System.nanoTime();
        ServerState state = supervisor.server("http").orElseThrow().start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(ServerState.RUNNING, state);
        assertTrue(tookMillis >= 800, "503 is not ready; took " + tookMillis + " ms");
    }

    @Test
    void uptimeReadinessWaitsTheGivenTime() throws Exception {
        Supervisor supervisor = h.supervisor(
                h.command("up", "sleep", "600").upFor(Duration.ofMillis(500)).build());
        long started = System.nanoTime();
        ServerState state = supervisor.server("up").orElseThrow().start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(ServerState.RUNNING, state);
        assertTrue(tookMillis >= 500, "took " + tookMillis + " ms");
    }

    @Test
    void notReadyInTimeIsAFailedStartAndTheTreeIsKilled() throws Exception {
        int port = Ports.free();
        Supervisor supervisor = h.supervisor(h.java("late", Sleeper.class).tcp(port)
                .startTimeout(Duration.ofSeconds(2)).backoff(1, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10))
                .build());
        ServerControl server = supervisor.server("late").orElseThrow();
        ServerState state = server.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(ServerState.FATAL, state);
        assertEquals("not ready within 2 s", server.lastError());
        assertEquals(-1, server.pid());
    }
}
