package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imageserving.process.PidRecords;
import org.imageserving.process.ProcessTree;
import org.imageserving.process.ServerState;
import org.imageserving.testing.Await;
import org.imageserving.testing.Harness;
import org.imageserving.testing.Leftovers;
import org.imageserving.testing.TestServers;
import org.imageserving.testing.fixtures.Forker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervisor that died without cleaning up left servers recorded under run/servers/. The next supervisor on
 * the same base kills them before it starts anything, so a server never runs twice; it leaves alone a pid
 * that has since been reused by someone else.
 */
@EnabledOnOs(OS.LINUX)
class SurvivorTest {
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

    /** A server as a dead supervisor would have left it: own session and group, with a grandchild, recorded. */
    private Process leaveSurvivor(String id) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Forker.class.getName(), "marker=" + h.marker());
        builder.environment().put(Leftovers.MARKER_ENV, h.marker());
        Process survivor = builder.start();
        String line = new BufferedReader(new InputStreamReader(survivor.getInputStream())).readLine();
        assertTrue(line.startsWith("grandchild "), line);
        new PidRecords(base.resolve("run/servers")).write(new PidRecords.Entry(id, survivor.pid(), survivor.pid(),
                survivor.toHandle().info().startInstant().orElseThrow()));
        return survivor;
    }

    @Test
    void aRecordedSurvivorIsKilledBeforeTheServerStartsAgain() throws Exception {
        Process survivor = leaveSurvivor("svc");
        long grandchild = Long.parseLong(ProcessHandle.of(survivor.pid()).orElseThrow().children()
                .findFirst().orElseThrow().pid() + "");
        assertEquals(2, Leftovers.marked(h.marker()).size());

        h.supervisor(TestServers.java(h.marker(), "svc", Forker.class).build());
        assertFalse(ProcessTree.isAlive(survivor.toHandle()), "the survivor was killed");
        assertFalse(ProcessHandle.of(grandchild).map(ProcessTree::isAlive).orElse(false), "and its grandchild");
        assertFalse(Files.exists(base.resolve("run/servers/svc.pid")));

        assertEquals(ServerState.RUNNING, h.server("svc").start().toCompletableFuture().get(60, TimeUnit.SECONDS));
        assertNotEquals(survivor.pid(), h.server("svc").pid());
        Await.until("one copy: the new server and its grandchild", () -> Leftovers.marked(h.marker()).size() == 2);
        assertTrue(Files.exists(base.resolve("run/servers/svc.pid")));
    }

    @Test
    void aReusedPidIsLeftAlone() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "600").start();
        try {
            new PidRecords(base.resolve("run/servers")).write(new PidRecords.Entry("old", stranger.pid(), stranger.pid(),
                    Instant.parse("2001-01-01T00:00:00Z")));
            h.supervisor();
            assertTrue(ProcessTree.isAlive(stranger.toHandle()), "not ours: another start instant");
            assertFalse(Files.exists(base.resolve("run/servers/old.pid")), "the stale record is gone");
        } finally {
            stranger.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anOrphanedGroupIsKilled() throws Exception {
        // the group leader is gone, its child lives on in the group: what a crash during a dead supervisor leaves
        ProcessBuilder builder = new ProcessBuilder("setsid", "sh", "-c", "sleep 600 & echo $!");
        builder.environment().put(Leftovers.MARKER_ENV, h.marker());
        Process leader = builder.start();
        long orphan = Long.parseLong(new BufferedReader(new InputStreamReader(leader.getInputStream())).readLine().trim());
        leader.waitFor(10, TimeUnit.SECONDS);
        new PidRecords(base.resolve("run/servers")).write(new PidRecords.Entry("gone", leader.pid(), leader.pid(),
                Instant.parse("2001-01-01T00:00:00Z")));
        assertTrue(ProcessHandle.of(orphan).map(ProcessTree::isAlive).orElse(false));

        h.supervisor();
        assertFalse(ProcessHandle.of(orphan).map(ProcessTree::isAlive).orElse(false));
        assertEquals(List.of(), Leftovers.marked(h.marker()));
    }
}
