package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.imageserving.process.ServerState;
import org.imageserving.testing.Await;
import org.imageserving.testing.Ports;
import org.imageserving.testing.Recorder;
import org.imageserving.testing.SupervisorTestCase;
import org.imageserving.testing.fixtures.ExitAfter;
import org.imageserving.testing.fixtures.Sleeper;
import org.junit.jupiter.api.Test;

/** start/stop/restart are idempotent, settle before they answer, and restart makes a new process. */
class ControlTest extends SupervisorTestCase {
    @Test
    void startAndStopAreIdempotent() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("s", Sleeper.class, "--port", "" + port).tcp(port).build());
        ServerControl s = h.server("s");

        assertEquals(ServerState.STOPPED, await(s.stop()), "stop of a stopped server is a no-op");
        assertEquals(ServerState.RUNNING, await(s.start()));
        long pid = s.pid();
        assertTrue(pid > 0);
        assertTrue(Files.exists(base.resolve("run/servers/s.pid")), "pid recorded while running");

        assertEquals(ServerState.RUNNING, await(s.start()), "already running is success");
        assertEquals(pid, s.pid(), "and starts nothing new");
        assertEquals(1, h.recorder().count("s", ServerState.STARTING));

        // two stops at once both answer STOPPED once the process is gone
        CompletionStage<ServerState> first = s.stop();
        CompletionStage<ServerState> second = s.stop();
        assertEquals(ServerState.STOPPED, await(first));
        assertEquals(ServerState.STOPPED, await(second));
        assertFalse(alive(pid));
        assertEquals(-1, s.pid());
        assertEquals(0, s.uptimeMillis());
        assertFalse(Files.exists(base.resolve("run/servers/s.pid")), "record removed once the tree is gone");
        assertEquals(ServerState.STOPPED, await(s.stop()));
    }

    @Test
    void restartMakesANewProcessButOnlyACrashCounts() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("r", Sleeper.class, "--port", "" + port).tcp(port).build());
        ServerControl r = h.server("r");
        assertEquals(ServerState.RUNNING, await(r.start()));
        long before = r.pid();

        assertEquals(ServerState.RUNNING, await(r.restart()));
        long after = r.pid();
        assertNotEquals(before, after);
        assertFalse(alive(before), "old process gone");
        assertEquals(0, r.restartCount(), "an operator's restart is not counted (RestartCount is systemd's NRestarts)");
        assertEquals(
                java.util.List.of(ServerState.STARTING, ServerState.RUNNING, ServerState.STOPPING, ServerState.STOPPED,
                        ServerState.STARTING, ServerState.RUNNING),
                h.recorder().of("r").stream().map(e -> e.to()).toList());

        // a crash is: the supervisor restarts the server on its own
        ProcessHandle.of(after).ifPresent(ProcessHandle::destroyForcibly);
        Await.until("r RUNNING again in a new process", Await.PATIENCE, () -> r.state() == ServerState.RUNNING && r.pid() > 0
                && r.pid() != after, () -> r.state() + " pid " + r.pid() + " " + h.recorder().of("r"));
        assertEquals(1, r.restartCount(), "the restart after the crash is counted");

        // restart of a stopped server just starts it
        assertEquals(ServerState.STOPPED, await(r.stop()));
        assertEquals(ServerState.RUNNING, await(r.restart()));
        assertEquals(1, r.restartCount());
    }

    @Test
    void startDuringStopStartsAgainAfterTheStop() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("x", Sleeper.class, "--port", "" + port).tcp(port).build());
        ServerControl x = h.server("x");
        assertEquals(ServerState.RUNNING, await(x.start()));
        CompletionStage<ServerState> stop = x.stop();
        CompletionStage<ServerState> start = x.start();
        assertEquals(ServerState.STOPPED, await(stop));
        assertEquals(ServerState.RUNNING, await(start));
    }

    @Test
    void aStopAfterARestartWinsTheStartIsCalledOff() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("y", Sleeper.class, "--port", "" + port).tcp(port).build());
        ServerControl y = h.server("y");
        assertEquals(ServerState.RUNNING, await(y.start()));
        // the restart's start waits for its stop; the stop asked meanwhile is the last word
        CompletionStage<ServerState> restart = y.restart();
        CompletionStage<ServerState> stop = y.stop();
        assertEquals(ServerState.STOPPED, await(stop));
        assertEquals(ServerState.STOPPED, await(restart));
        assertEquals(ServerState.STOPPED, y.state());
        assertEquals(1, h.recorder().count("y", ServerState.STARTING), h.recorder().of("y").toString());
    }

    @Test
    void aStopInBackoffCallsOffTheNextTryAtOnce() throws Exception {
        // exits before it has been up long enough: STARTING -> BACKOFF, with a next try a minute away
        h.supervisor(h.java("b", ExitAfter.class, "--code", "1", "--after", "100").upFor(Duration.ofSeconds(5))
                .backoff(5, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1)).build());
        ServerControl b = h.server("b");
        CompletionStage<ServerState> start = b.start();
        h.awaitState("b", ServerState.BACKOFF);

        // as in supervisord: nothing to signal, so STOPPED at once (no STOPPING), and the waiting start hears it
        assertEquals(ServerState.STOPPED, await(b.stop()));
        assertEquals(ServerState.STOPPED, await(start));
        Recorder.Event last = h.recorder().of("b").get(h.recorder().of("b").size() - 1);
        assertEquals(ServerState.BACKOFF, last.from(), h.recorder().of("b").toString());
        assertEquals(ServerState.STOPPED, last.to());
        assertEquals("stop requested", last.reason());
        assertEquals(-1, b.pid());
    }

    @Test
    void closeStopsEverything() throws Exception {
        int port = Ports.free();
        Supervisor supervisor = h.supervisor(
                h.java("a", Sleeper.class, "--port", "" + port).tcp(port).build(),
                h.command("b", "sleep", "600").build());
        supervisor.startAll().get(60, TimeUnit.SECONDS);
        long a = h.server("a").pid();
        long b = h.server("b").pid();
        supervisor.close();
        assertFalse(alive(a));
        assertFalse(alive(b));
        assertEquals(ServerState.STOPPED, h.server("a").state());
        supervisor.close();     // idempotent
    }
}
