package org.imageserving.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imageserving.process.ServerState;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 through the real supervisor: `is` hung by SIGSTOP (sent to the pid its MBean names, once that pid is
 * proven to be the Image Server below this stack's supervisor) while 100 image requests arrive. ps's /health keeps
 * answering within the supervisor's probe timeout (2 s), so ps is not restarted (Pid and RestartCount unchanged);
 * the renders beyond ps's bulkhead get 503 + Retry-After at once, the rest 503 at their deadline; nothing runs out
 * of memory. SIGCONT goes back to the same process only if it is still the one stopped.
 */
class HungImageServerIT extends StockStackTestCase {

    private static final long PROBE_TIMEOUT_MILLIS = 2000;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aStoppedImageServerDoesNotGetPsRestarted() throws Exception {
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int warm = 0;
        while (warm != 200 && System.nanoTime() < warmUntil) { // a cold render on a loaded machine may pass the deadline
            warm = stack.ps().get("/is/image/demo/photo?wid=64&cache=off").status();
        }
        assertEquals(200, warm, "warm");
        long psPid = stack.server("ps").getPid();
        long psRestarts = stack.server("ps").getRestartCount();
        ProcessHandle is = provenImageServer(stack.server("is").getPid());
        Optional<Instant> isStarted = is.info().startInstant();
        signal(is, "STOP");
        ExecutorService clients = Executors.newFixedThreadPool(100);
        List<long[]> answers = new ArrayList<>();
        List<Long> health = new ArrayList<>();
        try {
            List<Future<long[]>> renders = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String url = "/is/image/demo/photo?wid=" + (100 + i) + "&cache=off";
                renders.add(clients.submit(() -> timed(url, Duration.ofSeconds(60))));
            }
            while (renders.stream().anyMatch(f -> !f.isDone())) {
                long[] h = timed("/health", Duration.ofSeconds(30));
                assertEquals(200, h[0], "ps /health");
                health.add(h[1]);
                Thread.sleep(200);
            }
            for (Future<long[]> f : renders) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
            if (is.isAlive() && is.info().startInstant().equals(isStarted)) {
                signal(is, "CONT"); // still the process we stopped (the supervisor may have replaced it meanwhile)
            }
        }
        // a render that reached the stopped is waits out ps's 10 s deadline; one refused by the bulkhead never does
        long quick = answers.stream().filter(a -> a[0] == 503 && a[1] < 5000).count();
        assertTrue(answers.stream().allMatch(a -> a[0] == 503), "503 for every render while is is stopped: "
                + answers.stream().map(a -> a[0] + "/" + a[1] + "ms").toList());
        assertTrue(quick >= 100 - 16, "the renders beyond the bulkhead are refused at once: " + quick + " within 5 s");
        assertTrue(health.stream().allMatch(ms -> ms < PROBE_TIMEOUT_MILLIS), "/health within the probe timeout: " + health);
        assertEquals(psPid, stack.server("ps").getPid(), "ps not restarted");
        assertEquals(psRestarts, stack.server("ps").getRestartCount());
        assertEquals(ServerState.RUNNING, stack.server("ps").getState());
        assertFalse(anyLogHolds("OutOfMemoryError"), "no OutOfMemoryError in any log" + stack.diagnostics());
    }

    /** The pid the MBean names, accepted only if it is alive, below this stack's supervisor, and the Image Server. */
    private ProcessHandle provenImageServer(long pid) {
        assertTrue(pid > 1, "a real pid: " + pid);
        assertTrue(stack.tree().contains(pid), pid + " is below this stack's supervisor");
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(pid + " is gone"));
        assertTrue(handle.info().commandLine().orElse("").contains("org.imageserving.imageserver.ImageServerMain"),
                pid + " runs the Image Server: " + handle.info().commandLine().orElse("?"));
        return handle;
    }

    private static void signal(ProcessHandle process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }

    private long[] timed(String url, Duration timeout) throws Exception {
        long started = System.nanoTime();
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ports().ps() + url))
                .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 503) {
            assertTrue(r.headers().firstValue("Retry-After").isPresent(), "503 carries Retry-After");
        }
        return new long[] {r.statusCode(), (System.nanoTime() - started) / 1_000_000};
    }

    private boolean anyLogHolds(String text) throws Exception {
        try (Stream<Path> logs = Files.list(stack.base().resolve("logs"))) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                if (Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }
}
