package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.imageserving.config.ServerSpec.RestartPolicy.Mode;
import org.imageserving.process.ServerState;
import org.imageserving.testing.Await;
import org.imageserving.testing.Harness;
import org.imageserving.testing.Recorder.Event;
import org.imageserving.testing.fixtures.ExitAfter;
import org.imageserving.testing.fixtures.Sleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes are restarted with growing delays, a stable run resets them, a crash loop ends FATAL. */
class RestartPolicyTest {
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
    void crashLoopBacksOffThenGoesFatalWhileTheOtherServerRunsOn() throws Exception {
        Supervisor supervisor = h.supervisor(
                h.java("crash", ExitAfter.class, "--code", "1", "--after", "100").upFor(Duration.ofMillis(50))
                        .backoff(4, Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(30)).build(),
                h.command("steady", "sleep", "600").build());
        h.server("steady").start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        long steadyPid = h.server("steady").pid();

        // start answers at the first RUNNING; the crashes come after
        assertEquals(ServerState.RUNNING, h.server("crash").start().toCompletableFuture().get(60, TimeUnit.SECONDS));
        h.awaitState("crash", ServerState.FATAL);
        ServerControl crash = h.server("crash");
        assertEquals("exited with code 1 four times in a row within 30 s of starting", crash.lastError());
        assertEquals(1, crash.lastExitCode());
        assertEquals(-1, crash.pid());
        assertEquals(4, h.recorder().count("crash", ServerState.STARTING), "four launches, then FATAL");
        // delays between a failure and the next launch: 500, 1000, 2000 ms (backoffInitial × 2^(n-1))
        List<Event> events = h.recorder().of("crash");
        List<Long> waits = new java.util.ArrayList<>();
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).from() == ServerState.BACKOFF && events.get(i).to() == ServerState.STARTING) {
                waits.add(events.get(i).millisSince(events.get(i - 1)));
            }
        }
        assertEquals(3, waits.size(), events.toString());
        assertTrue(waits.get(0) >= 500 && waits.get(1) >= 1000 && waits.get(2) >= 2000, "waits " + waits);
        assertTrue(waits.get(2) > waits.get(0), "growing: " + waits);

        assertEquals(ServerState.RUNNING, h.server("steady").state(), "a crash loop never affects another server");
        assertEquals(steadyPid, h.server("steady").pid());

        // only an operator's start leaves FATAL, with a fresh count: four more launches before FATAL again
        crash.start();
        Await.until("crash to leave FATAL", () -> h.recorder().count("crash", ServerState.STARTING) == 5);
        h.awaitState("crash", ServerState.FATAL);
        assertEquals(8, h.recorder().count("crash", ServerState.STARTING));
    }

    @Test
    void aStableRunResetsTheCountAndRestartsAtOnce() throws Exception {
        // each run lasts 1.2 s, longer than stableAfter 0.5 s: restarted at once every time, never FATAL
        h.supervisor(h.java("stable", ExitAfter.class, "--code", "2", "--after", "1200").upFor(Duration.ofMillis(100))
                .backoff(2, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(500)).build());
        h.server("stable").start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        Await.until("three crashes", () -> h.recorder().count("stable", ServerState.EXITED) >= 3);

        List<Event> events = h.recorder().of("stable");
        assertEquals(0, h.recorder().count("stable", ServerState.BACKOFF), events.toString());
        assertEquals(0, h.recorder().count("stable", ServerState.FATAL), events.toString());
        for (Event exited : h.recorder().into("stable", ServerState.EXITED)) {
            int i = events.indexOf(exited);
            if (i + 1 < events.size()) {
                Event next = events.get(i + 1);
                assertEquals(ServerState.STARTING, next.to(), "restarted straight from EXITED");
                assertTrue(next.millisSince(exited) < 4000, "at once, not after the 5 s backoff");
            }
        }
        assertTrue(h.server("stable").restartCount() >= 3);
        assertEquals(2, h.server("stable").lastExitCode());
    }

    @Test
    void firstCrashAfterAStableRunRestartsAtOnceThenBackoffGrows() throws Exception {
        // stable for 1 s, then a crash loop: EXITED -> STARTING at once, then BACKOFF
        h.supervisor(h.command("flaky", "sh", "-c",
                        "if [ -e flag ]; then sleep 0.05; exit 3; else touch flag; sleep 1; exit 3; fi")
                .workingDirectory(base).upFor(Duration.ofMillis(20))
                .backoff(3, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(500)).build());
        assertEquals(ServerState.RUNNING, h.server("flaky").start().toCompletableFuture().get(60, TimeUnit.SECONDS));
        h.awaitState("flaky", ServerState.FATAL);
        List<ServerState> path = h.recorder().of("flaky").stream().map(Event::to).toList();
        // first run: RUNNING then EXITED then STARTING at once; afterwards each run dies within 50 ms of launch:
        // some before readiness (STARTING -> BACKOFF), all counted as failures, 3 of them -> FATAL
        assertEquals(List.of(ServerState.STARTING, ServerState.RUNNING, ServerState.EXITED, ServerState.STARTING),
                path.subList(0, 4), path.toString());
        assertEquals(ServerState.FATAL, path.get(path.size() - 1));
        assertEquals(4, path.stream().filter(s -> s == ServerState.STARTING).count(), path.toString());
    }

    @Test
    void expectedExitStaysExitedUnderUnexpectedPolicy() throws Exception {
        h.supervisor(h.command("oneshot", "sh", "-c", "sleep 0.3; exit 0").upFor(Duration.ofMillis(50))
                .restart(Mode.UNEXPECTED, Set.of(0)).build());
        h.server("oneshot").start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        h.awaitState("oneshot", ServerState.EXITED);
        assertEquals(0, h.server("oneshot").lastExitCode());
        assertEquals("", h.server("oneshot").lastError(), "an expected exit is no error");
        assertEquals(1, h.recorder().count("oneshot", ServerState.STARTING));
    }

    @Test
    void neverPolicyLeavesACrashExited() throws Exception {
        h.supervisor(h.command("never", "sh", "-c", "sleep 0.3; exit 7").upFor(Duration.ofMillis(50))
                .restart(Mode.NEVER, Set.of(0)).build());
        h.server("never").start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        h.awaitState("never", ServerState.EXITED);
        assertEquals(7, h.server("never").lastExitCode());
        assertTrue(h.server("never").lastError().startsWith("exited with code 7"), h.server("never").lastError());
        assertEquals(1, h.recorder().count("never", ServerState.STARTING));
    }

    @Test
    void alwaysPolicyRestartsAnExpectedExit() throws Exception {
        h.supervisor(h.command("always", "sh", "-c", "sleep 0.2; exit 0").upFor(Duration.ofMillis(50))
                .restart(Mode.ALWAYS, Set.of(0)).backoff(0, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(10))
                .build());
        h.server("always").start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        Await.until("restarts", () -> h.recorder().count("always", ServerState.STARTING) >= 3);
    }

    @Test
    void launchFailureIsFatalAtOnce() throws Exception {
        h.supervisor(h.command("missing", "no-such-program-here").build(),
                h.java("fine", Sleeper.class).build());
        assertEquals(ServerState.FATAL, h.server("missing").start().toCompletableFuture().get(60, TimeUnit.SECONDS));
        assertEquals("cannot launch: executable [no-such-program-here] not found on PATH", h.server("missing").lastError());
    }
}
