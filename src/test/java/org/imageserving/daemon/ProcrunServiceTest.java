package org.imageserving.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Procrun's jvm mode, as its two threads call us: start blocks until stop, called from elsewhere, has run. */
class ProcrunServiceTest {
    @TempDir
    Path base;

    @Test
    void startBlocksUntilStopIsCalledFromAnotherThread() throws Exception {
        Files.createDirectories(base.resolve("conf"));
        TestWiring wiring = new TestWiring();
        CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
            try {
                ProcrunService.start(new String[0], flags -> TestWiring.service(wiring, base, flags));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        awaitFile(base.resolve("run/jmx.url"));
        assertThrows(TimeoutException.class, () -> started.get(1, TimeUnit.SECONDS), "start still blocks");

        ProcrunService.stop(new String[0]);
        started.get(120, TimeUnit.SECONDS);
        assertFalse(Files.exists(base.resolve("run/supervisor.pid")));
        wiring.assertNothingLeft();
        ProcrunService.stop(new String[0]); // idempotent, nothing running
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), file + " written");
    }
}
