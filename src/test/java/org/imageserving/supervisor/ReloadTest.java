package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imageserving.config.ServerSpec;
import org.imageserving.process.ServerState;
import org.imageserving.testing.Ports;
import org.imageserving.testing.SupervisorTestCase;
import org.imageserving.testing.fixtures.Sleeper;
import org.junit.jupiter.api.Test;

/** reload applies only the difference: added servers start, removed ones stop, changed ones restart, others keep their pid. */
class ReloadTest extends SupervisorTestCase {
    @Test
    void reloadStartsAddedStopsRemovedRestartsChangedAndLeavesTheRestAlone() throws Exception {
        ServerSpec kept = sleeper("kept").build();
        ServerSpec changing = h.command("changing", "sleep", "600").build();
        ServerSpec removed = h.command("removed", "sleep", "600").build();
        Supervisor supervisor = h.supervisor(kept, changing, removed);
        supervisor.startAll().get(60, TimeUnit.SECONDS);
        long keptPid = h.server("kept").pid();
        long changingPid = h.server("changing").pid();
        long removedPid = h.server("removed").pid();

        ServerSpec changed = h.command("changing", "sleep", "600").stopTimeout(Duration.ofSeconds(3)).build();
        ServerSpec added = h.command("added", "sleep", "600").build();
        Reloaded reloaded = supervisor.reload(h.config(kept, changed, added)).get(60, TimeUnit.SECONDS);

        assertEquals(List.of("changed changing: stopTimeout 10s -> 3s", "added added", "removed removed"), reloaded.lines());
        assertEquals(List.of("added"), reloaded.added());
        assertEquals(List.of("removed"), reloaded.removed());
        assertEquals(List.of("changing"), reloaded.changed());
        assertEquals(keptPid, h.server("kept").pid(), "an unchanged server keeps its process");
        assertEquals(ServerState.RUNNING, h.server("kept").state());
        assertNotEquals(changingPid, h.server("changing").pid(), "a changed server runs in a new process");
        assertEquals(ServerState.RUNNING, h.server("changing").state());
        assertEquals(Duration.ofSeconds(3), h.server("changing").spec().stopTimeout(), "with the new settings");
        assertFalse(alive(changingPid));
        assertTrue(supervisor.server("removed").isEmpty(), "a removed server is gone");
        assertFalse(alive(removedPid));
        assertEquals(ServerState.RUNNING, h.server("added").state());
        assertEquals(List.of("kept", "changing", "added"), supervisor.servers().stream().map(ServerControl::id).toList(),
                "in the new file's order");

        Reloaded again = supervisor.reload(h.config(kept, changed, added)).get(60, TimeUnit.SECONDS);
        assertEquals(List.of(), again.lines(), "the same file again: no change");
        assertEquals(keptPid, h.server("kept").pid());
    }

    private org.imageserving.testing.TestServers.Builder sleeper(String id) {
        int port = Ports.free();
        return h.java(id, Sleeper.class, "--port", "" + port).tcp(port);
    }
}
