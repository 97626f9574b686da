package org.imageserving.process;

import static org.imageserving.process.ServerState.BACKOFF;
import static org.imageserving.process.ServerState.EXITED;
import static org.imageserving.process.ServerState.FATAL;
import static org.imageserving.process.ServerState.RUNNING;
import static org.imageserving.process.ServerState.STARTING;
import static org.imageserving.process.ServerState.STOPPED;
import static org.imageserving.process.ServerState.STOPPING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class TransitionsTest {
    @Test
    void theTableAsDocumented() {
        assertEquals(EnumSet.of(STARTING), Transitions.from(STOPPED));
        assertEquals(EnumSet.of(RUNNING, BACKOFF, FATAL, STOPPING), Transitions.from(STARTING));
        assertEquals(EnumSet.of(EXITED, STOPPING), Transitions.from(RUNNING));
        assertEquals(EnumSet.of(STARTING, BACKOFF, FATAL, STOPPED), Transitions.from(EXITED));
        assertEquals(EnumSet.of(STARTING, STOPPED), Transitions.from(BACKOFF));
        assertEquals(EnumSet.of(STOPPED), Transitions.from(STOPPING));
        assertEquals(EnumSet.of(STARTING, STOPPED), Transitions.from(FATAL));
    }

    @Test
    void onlyAnOperatorsStartLeavesFatalForALiveState() {
        assertFalse(Transitions.allowed(FATAL, RUNNING));
        assertFalse(Transitions.allowed(FATAL, BACKOFF));
        assertTrue(Transitions.allowed(FATAL, STARTING));
    }

    @Test
    void noStateGoesToItself() {
        for (ServerState s : ServerState.values()) {
            assertFalse(Transitions.allowed(s, s), s.name());
        }
    }

    @Test
    void everyStateIsReachableAndEveryStateCanReachStopped() {
        EnumSet<ServerState> reached = EnumSet.of(STOPPED);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ServerState s : EnumSet.copyOf(reached)) {
                grew |= reached.addAll(Transitions.from(s));
            }
        }
        assertEquals(EnumSet.allOf(ServerState.class), reached);
        for (ServerState s : ServerState.values()) {
            assertTrue(s == STOPPED || Transitions.from(s).contains(STOPPED) || Transitions.from(s).contains(STOPPING),
                    s + " must be stoppable");
        }
    }
}
