package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.imageserving.process.ProcessTree;
import org.imageserving.process.ServerState;
import org.imageserving.testing.Await;
import org.imageserving.testing.Harness;
import org.imageserving.testing.Ports;
import org.imageserving.testing.fixtures.HealthServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hung server (alive, not answering its health check) is killed and restarted, and that counts as a failure. */
class HealthTest {
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
    void aHangIsKilledAndRestarted() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("hang", HealthServer.class, "--port", "" + port, "--hang-after", "1500").http(port)
                .health(Duration.ofMillis(200), Duration.ofMillis(300), 3)
                .backoff(5, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1)).build());
        ServerControl s = h.server("hang");
        assertEquals(ServerState.RUNNING, s.start().toCompletableFuture().get(60, TimeUnit.SECONDS));
        long first = s.pid();

        Await.until("a restart after the hang", Await.PATIENCE, () -> h.recorder().count("hang", ServerState.RUNNING) >= 2,
                () -> h.recorder().of("hang").toString());
        assertNotEquals(first, s.pid());
        assertFalse(alive(first), "the hung process is gone");
        var exited = h.recorder().into("hang", ServerState.EXITED).get(0);
        assertTrue(exited.reason().startsWith("stopped answering its health check"), exited.reason());
        // a hang counts as a failure even after a run longer than stableAfter: BACKOFF, not an instant restart
        var events = h.recorder().of("hang");
        assertEquals(ServerState.BACKOFF, events.get(events.indexOf(exited) + 1).to(), events.toString());
        assertEquals(1, s.restartCount());
    }

    @Test
    void aHealthyServerIsLeftAlone() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("ok", HealthServer.class, "--port", "" + port).http(port)
                .health(Duration.ofMillis(100), Duration.ofSeconds(2), 2).build());
        ServerControl s = h.server("ok");
        assertEquals(ServerState.RUNNING, s.start().toCompletableFuture().get(60, TimeUnit.SECONDS));
        long pid = s.pid();
        long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        Await.until("1.5 s of health checks", () -> System.nanoTime() - until > 0);
        assertEquals(ServerState.RUNNING, s.state());
        assertEquals(pid, s.pid());
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessTree::isAlive).orElse(false);
    }
}
