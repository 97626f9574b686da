package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.imageserving.process.Platform;
import org.imageserving.proc.ProcFs;
import org.imageserving.process.ProcessTree;
import org.imageserving.process.ServerState;
import org.imageserving.testing.Await;
import org.imageserving.testing.Leftovers;
import org.imageserving.testing.Ports;
import org.imageserving.testing.SupervisorTestCase;
import org.imageserving.testing.fixtures.Forker;
import org.imageserving.testing.fixtures.IgnoresTerm;
import org.junit.jupiter.api.Test;

/** Stop is graceful first, forced after stopTimeout, and always takes the whole tree. */
class StopTest extends SupervisorTestCase {
    @Test
    void aJvmThatIgnoresTermIsKilledAfterStopTimeout() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("stubborn", IgnoresTerm.class, "--port", "" + port).tcp(port)
                .stopTimeout(Duration.ofMillis(1500)).build());
        ServerControl s = h.server("stubborn");
        assertEquals(ServerState.RUNNING, await(s.start()));
        long pid = s.pid();

        long started = System.nanoTime();
        assertEquals(ServerState.STOPPED, await(s.stop()));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(tookMillis >= 1500, "waited the stop timeout first, took " + tookMillis + " ms");
        assertFalse(alive(pid), "killed");
        assertEquals("killed: did not stop within 1.5 s of SIGTERM",
                h.recorder().into("stubborn", ServerState.STOPPED).get(0).reason());
    }

    @Test
    void aShellThatTrapsTermIsKilledWithItsChildren() throws Exception {
        h.supervisor(h.command("trap", "sh", "-c", "trap '' TERM; sleep 600 & sleep 600 & wait; wait")
                .stopTimeout(Duration.ofMillis(500)).build());
        ServerControl s = h.server("trap");
        assertEquals(ServerState.RUNNING, await(s.start()));
        Await.until("two sleeps under the shell", () -> ProcessHandle.of(s.pid()).map(p -> p.children().count()).orElse(0L) == 2);
        List<ProcessHandle> children = ProcessHandle.of(s.pid()).orElseThrow().children().toList();

        assertEquals(ServerState.STOPPED, await(s.stop()));
        children.forEach(c -> assertFalse(ProcessTree.isAlive(c), "child " + c.pid() + " reaped"));
    }

    @Test
    void aGrandchildIsReapedOnStop() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("forker", Forker.class, "--port", "" + port).tcp(port).build());
        ServerControl s = h.server("forker");
        assertEquals(ServerState.RUNNING, await(s.start()));
        ProcessHandle grandchild = ProcessHandle.of(s.pid()).orElseThrow().children().findFirst().orElseThrow();
        assertTrue(grandchild.info().command().orElse("").endsWith("sleep"));

        assertEquals(ServerState.STOPPED, await(s.stop()));
        assertFalse(ProcessTree.isAlive(grandchild), "the JVM exited on SIGTERM; its sleep must not survive it");
        assertTrue(Leftovers.marked(h.marker()).isEmpty());
    }

    @Test
    void withoutProcessGroupsStopStillReapsTheDescendants() throws Exception {
        int port = Ports.free();
        h.supervisor(Platform.plain(), h.java("plain", Forker.class, "--port", "" + port).tcp(port).build());
        ServerControl s = h.server("plain");
        assertEquals(ServerState.RUNNING, await(s.start()));
        ProcessHandle server = ProcessHandle.of(s.pid()).orElseThrow();
        ProcessHandle grandchild = server.children().findFirst().orElseThrow();
        assertEquals(ProcFs.stat(h.server("plain").pid()).orElseThrow().pgrp(),
                ProcFs.stat(ProcessHandle.current().pid()).orElseThrow().pgrp(), "no group of its own");

        assertEquals(ServerState.STOPPED, await(s.stop()));
        assertFalse(ProcessTree.isAlive(grandchild), "found through descendants() before the server went");
    }

    @Test
    void aGrandchildIsReapedWhenTheServerCrashes() throws Exception {
        int port = Ports.free();
        h.supervisor(h.java("orphaner", Forker.class, "--port", "" + port, "--exit-after", "1500").tcp(port)
                .restart(org.imageserving.config.ServerSpec.RestartPolicy.Mode.NEVER, java.util.Set.of(0)).build());
        ServerControl s = h.server("orphaner");
        assertEquals(ServerState.RUNNING, await(s.start()));
        ProcessHandle grandchild = ProcessHandle.of(s.pid()).orElseThrow().children().findFirst().orElseThrow();

        h.awaitState("orphaner", ServerState.EXITED);
        assertFalse(ProcessTree.isAlive(grandchild), "re-parented, but still in the server's process group: killed");
        assertEquals(3, s.lastExitCode());
    }
}
