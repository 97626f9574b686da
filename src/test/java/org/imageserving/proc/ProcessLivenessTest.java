package org.imageserving.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imageserving.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The one liveness rule, against real processes: a zombie is gone, a reused pid is another program. */
class ProcessLivenessTest {
    private final Path base = Path.of("/srv/imageserving-test-base");
    private Process process;

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aZombieIsGoneThoughTheJdkCallsItAlive() throws Exception {
        // sh forks a short sleep, then becomes a long one, which never reaps the short one: a zombie for 300 s
        process = new ProcessBuilder("sh", "-c", "sleep 0.1 & exec sleep 300").start();
        Await.until("the child of the exec'd sleep is a zombie", Duration.ofSeconds(30), () -> zombieChild().isPresent());
        ProcessHandle zombie = zombieChild().orElseThrow();
        assertTrue(zombie.isAlive(), "the JDK reports a zombie alive");
        assertFalse(ProcessLiveness.isAlive(zombie));
        assertEquals(ProcessLiveness.Standing.GONE, ProcessLiveness.supervisorOf(zombie.pid(), base).standing());
        assertFalse(ProcessLiveness.supervisorOf(zombie.pid(), base).supervisor());
        assertTrue(ProcessLiveness.isAlive(process.toHandle()));
    }

    @Test
    void aLiveProgramOfAnotherKindIsNotTheSupervisorAndAMarkedOneOfThisBaseIs() throws Exception {
        process = new ProcessBuilder("sh", "-c", "sleep 300", "org.imageserving.daemon.ForegroundMain",
                "-Dimageserving.base=" + base).start();
        ProcessLiveness.Verdict ours = ProcessLiveness.supervisorOf(process.pid(), base);
        assertEquals(ProcessLiveness.Standing.SUPERVISOR, ours.standing());
        assertEquals(ProcessLiveness.Standing.OTHER,
                ProcessLiveness.supervisorOf(process.pid(), Path.of("/srv/another-base")).standing(), "another base's");
        ProcessLiveness.Verdict jvm = ProcessLiveness.supervisorOf(ProcessHandle.current().pid(), base);
        assertEquals(ProcessLiveness.Standing.OTHER, jvm.standing(), "the test JVM names no class of ours first-hand: "
                + String.join(" ", jvm.arguments()));
        for (long never : new long[] {0, -1}) {
            assertEquals(ProcessLiveness.Standing.GONE, ProcessLiveness.supervisorOf(never, base).standing());
        }
    }

    @Test
    void aJsvcCommandLineNamesItsBaseOrNone() {
        String[] controller = {"/usr/bin/jsvc", "-Dimageserving.base=" + base, "org.imageserving.daemon.SupervisorDaemon"};
        assertTrue(ProcessLiveness.namesBase(controller, base));
        assertFalse(ProcessLiveness.namesBase(controller, Path.of("/srv/other")));
        assertFalse(ProcessLiveness.namesBase(new String[] {"/usr/bin/jsvc", "org.imageserving.daemon.SupervisorDaemon"}, base),
                "a controller that names no base is not ended as this base's");
    }

    private java.util.Optional<ProcessHandle> zombieChild() {
        List<ProcessHandle> children = process.toHandle().children().toList();
        return children.stream().filter(c -> ProcFs.stat(c.pid()).map(ProcFs.Stat::gone).orElse(false)).findFirst();
    }
}
