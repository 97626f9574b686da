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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.imageserving.process.PidRecords;
import org.imageserving.process.ProcessTree;
import org.imageserving.process.ServerState;
import org.imageserving.process.ServerToken;
import org.imageserving.testing.Await;
import org.imageserving.testing.Leftovers;
import org.imageserving.testing.SupervisorTestCase;
import org.imageserving.testing.TestServers;
import org.imageserving.testing.fixtures.Forker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A supervisor that died without cleaning up left servers recorded under run/servers/. The next supervisor on
 * the same base kills them before it starts anything, so a server never runs twice; it leaves alone a pid
 * that has since been reused by someone else.
 */
@EnabledOnOs(OS.LINUX)
class SurvivorTest extends SupervisorTestCase {
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
        assertFalse(alive(grandchild), "and its grandchild");
        assertFalse(Files.exists(base.resolve("run/servers/svc.pid")));

        assertEquals(ServerState.RUNNING, await(h.server("svc").start()));
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
    void anOrphanedGroupOfOursIsKilled() throws Exception {
        // the group leader is gone, its child lives on in the group with our token: what a crash leaves
        String token = ServerToken.create();
        Process leader = leaveGroup(Map.of(Leftovers.MARKER_ENV, h.marker(), ServerToken.VARIABLE, token));
        long orphan = orphanOf(leader);
        new PidRecords(base.resolve("run/servers")).write(new PidRecords.Entry("gone", leader.pid(), leader.pid(),
                Instant.parse("2001-01-01T00:00:00Z"), token));
        assertTrue(alive(orphan));

        h.supervisor();
        assertFalse(alive(orphan));
        assertEquals(List.of(), Leftovers.marked(h.marker()));
    }

    @Test
    void aStaleRecordNamingAnUnrelatedGroupLeavesItAlone() throws Exception {
        // the recorded server and its group are long gone; the group id now names someone else's group whose
        // leader has exited too (the case that used to be killed on the number alone)
        Process leader = leaveGroup(Map.of(ServerToken.VARIABLE, ServerToken.create()));
        long stranger = orphanOf(leader);
        try {
            new PidRecords(base.resolve("run/servers")).write(new PidRecords.Entry("old", leader.pid(), leader.pid(),
                    Instant.parse("2001-01-01T00:00:00Z"), ServerToken.create()));
            h.supervisor();
            assertTrue(alive(stranger), "not ours: neither the start instant nor the token match");
            assertFalse(Files.exists(base.resolve("run/servers/old.pid")), "the stale record is gone");
        } finally {
            ProcessHandle.of(stranger).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aRecordNamingAnUnrelatedGroupLeaderLeavesItAndItsGroupAlone() throws Exception {
        Process stranger = new ProcessBuilder("setsid", "sh", "-c", "sleep 600 & wait").start();
        try {
            Await.until("the stranger's child", () -> stranger.toHandle().children().findAny().isPresent());
            long child = stranger.toHandle().children().findFirst().orElseThrow().pid();
            new PidRecords(base.resolve("run/servers")).write(new PidRecords.Entry("old", stranger.pid(), stranger.pid(),
                    null, null));
            h.supervisor();
            assertTrue(ProcessTree.isAlive(stranger.toHandle()), "no start instant and no token prove nothing");
            assertTrue(alive(child), "its group is not ours either");
        } finally {
            stranger.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            stranger.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void recordsOfPidOneZeroOrNegativeKillNothing() throws Exception {
        Path dir = base.resolve("run/servers");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("init.pid"), "id=init\npid=1\npgid=1\nstart=\ntoken=\n");
        Files.writeString(dir.resolve("zero.pid"), "id=zero\npid=0\npgid=0\nstart=\ntoken=\n");
        Files.writeString(dir.resolve("minus.pid"), "id=minus\npid=-1\npgid=-1\nstart=\ntoken=\n");
        Files.writeString(dir.resolve("junk.pid"), "id=junk\npid=12ab\npgid=\n");
        h.supervisor();
        assertTrue(alive(1) || ProcessHandle.of(1).isEmpty(), "pid 1 untouched");
        assertTrue(ProcessTree.isAlive(ProcessHandle.current()));
        assertFalse(Files.exists(dir.resolve("init.pid")));
    }

    /** {@code setsid sh -c 'sleep 600 & echo $!'} with this environment; the leader exits at once. */
    private static Process leaveGroup(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("setsid", "sh", "-c", "sleep 600 & echo $!");
        builder.environment().putAll(environment);
        Process leader = builder.start();
        leader.waitFor(10, TimeUnit.SECONDS);
        return leader;
    }

    private static long orphanOf(Process leader) throws Exception {
        return Long.parseLong(new BufferedReader(new InputStreamReader(leader.getInputStream())).readLine().trim());
    }
}
