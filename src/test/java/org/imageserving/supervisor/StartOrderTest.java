package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imageserving.process.ServerState;
import org.imageserving.testing.Harness;
import org.imageserving.testing.Ports;
import org.imageserving.testing.Recorder.Event;
import org.imageserving.testing.fixtures.Sleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** startAll goes group by group, each settled before the next; stopAll goes the other way. */
class StartOrderTest {
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
    void groupsStartInPriorityOrderAndSettleFirst() throws Exception {
        int portA = Ports.free();
        int portB = Ports.free();
        Supervisor supervisor = h.supervisor(
                h.java("late", Sleeper.class).priority(2).startDelay(Duration.ofMillis(400)).build(),
                h.java("a", Sleeper.class, "--port", "" + portA, "--listen-after", "600").tcp(portA).priority(1).build(),
                h.java("b", Sleeper.class, "--port", "" + portB).tcp(portB).priority(1).build());

        supervisor.startAll().get(120, TimeUnit.SECONDS);
        supervisor.servers().forEach(s -> assertEquals(ServerState.RUNNING, s.state(), s.id()));

        Event aReady = h.recorder().into("a", ServerState.RUNNING).get(0);
        Event bReady = h.recorder().into("b", ServerState.RUNNING).get(0);
        Event aLaunched = h.recorder().into("a", ServerState.STARTING).get(0);
        Event bLaunched = h.recorder().into("b", ServerState.STARTING).get(0);
        Event lateLaunched = h.recorder().into("late", ServerState.STARTING).get(0);
        assertTrue(bLaunched.nanos() < aReady.nanos() && aLaunched.nanos() < bReady.nanos(),
                "a group starts together: neither waits for the other to be ready");
        assertTrue(lateLaunched.millisSince(aReady) >= 400, "priority 2 waits for a, then its own startDelay");
        assertTrue(lateLaunched.millisSince(bReady) >= 400, "priority 2 waits for b, then its own startDelay");

        supervisor.stopAll().get(60, TimeUnit.SECONDS);
        Event lateStopped = h.recorder().into("late", ServerState.STOPPED).get(0);
        Event aStopping = h.recorder().into("a", ServerState.STOPPING).get(0);
        Event bStopping = h.recorder().into("b", ServerState.STOPPING).get(0);
        assertTrue(aStopping.nanos() >= lateStopped.nanos() && bStopping.nanos() >= lateStopped.nanos(),
                "priority 1 stops only after priority 2 is gone: " + h.recorder());
        supervisor.servers().forEach(s -> assertEquals(ServerState.STOPPED, s.state(), s.id()));
    }

    @Test
    void aFailedGroupDoesNotHoldUpTheNext() throws Exception {
        Supervisor supervisor = h.supervisor(
                h.command("broken", "sh", "-c", "exit 4").priority(1)
                        .backoff(2, Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(10)).build(),
                h.command("next", "sleep", "600").priority(2).build());
        supervisor.startAll().get(120, TimeUnit.SECONDS);
        assertEquals(ServerState.FATAL, h.server("broken").state());
        assertEquals(ServerState.RUNNING, h.server("next").state());
        List<Event> nextStarts = h.recorder().into("next", ServerState.STARTING);
        assertTrue(nextStarts.get(0).nanos() > h.recorder().into("broken", ServerState.FATAL).get(0).nanos());
    }

    @Test
    void restartAllStopsThenStartsEveryServer() throws Exception {
        Supervisor supervisor = h.supervisor(
                h.command("one", "sleep", "600").priority(1).build(),
                h.command("two", "sleep", "600").priority(2).build());
        supervisor.startAll().get(60, TimeUnit.SECONDS);
        long one = h.server("one").pid();
        long two = h.server("two").pid();
        supervisor.restartAll().get(60, TimeUnit.SECONDS);
        assertTrue(h.server("one").pid() != one && h.server("two").pid() != two);
        assertEquals(ServerState.RUNNING, h.server("one").state());
        assertEquals(ServerState.RUNNING, h.server("two").state());
    }
}
