package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.imageserving.process.ServerState;
import org.imageserving.testing.Await;
import org.imageserving.testing.Harness;
import org.imageserving.testing.Ports;
import org.imageserving.testing.fixtures.Sleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uptime and memory are live readings of the current process, never estimates. */
class MetricsTest {
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
    void uptimeGrowsAndRestartsWithTheProcess() throws Exception {
        h.supervisor(h.command("up", "sleep", "600").build());
        ServerControl s = h.server("up");
        assertEquals(0, s.uptimeMillis());
        s.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        long first = s.uptimeMillis();
        assertTrue(first >= 300, "ready after 300 ms up: " + first);
        Await.until("uptime to grow", () -> s.uptimeMillis() > first + 1500);
        long beforeRestart = s.uptimeMillis();

        s.restart().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertTrue(s.uptimeMillis() < beforeRestart, "a new process, a new uptime: " + s.uptimeMillis());
        s.stop().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(0, s.uptimeMillis());
    }

    @Test
    void heapOfAJvmComesFromTheChildItself() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("jvm", Sleeper.class, "--port", "" + port).tcp(port).build());
        ServerControl s = h.server("jvm");
        assertEquals(MemoryReading.UNKNOWN, s.memory(), "no process, no reading");
        assertEquals(ServerState.RUNNING, s.start().toCompletableFuture().get(60, TimeUnit.SECONDS));

        MemoryReading first = s.memory();
        assertEquals(MemoryReading.Kind.HEAP, first.kind());
        assertTrue(first.bytes() > 0 && first.bytes() < 48L * 1024 * 1024, "heap within -Xmx48m: " + first);
        for (int i = 0; i < 5; i++) {
            MemoryReading again = s.memory();      // through the connection kept open
            assertEquals(MemoryReading.Kind.HEAP, again.kind());
            assertTrue(again.bytes() > 0);
        }

        s.restart().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(MemoryReading.Kind.HEAP, s.memory().kind(), "reattaches to the new process");
    }

    @Test
    void residentMemoryOfACommand() throws Exception {
        h.supervisor(h.command("cmd", "sleep", "600").build());
        ServerControl s = h.server("cmd");
        s.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        MemoryReading reading = s.memory();
        assertEquals(MemoryReading.Kind.RESIDENT, reading.kind());
        assertTrue(reading.bytes() > 0 && reading.bytes() < 64L * 1024 * 1024, reading.toString());
    }
}
