package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ImageServing start, stop and restart driving the real supervisor in the background, detached and under the
 * real jsvc, on an instance of three sleep servers ({@link SleepingRegistry}): the control script's side of start
 * and stop, whatever the daemon. ControlScriptIT runs the same with the stock servers.
 */
class ScriptStartStopIT {
    private static final Path JSVC = Path.of("/usr/bin/jsvc");

    @TempDir
    Path base;

    @AfterEach
    void nothingLeft() throws InterruptedException {
        new Script(base).run("stop");
        Leftovers.assertNone(base);
    }

    /** An instance of sleeping servers, Jolokia off; jsvc: the supervisor under /usr/bin/jsvc, else a detached JVM. */
    private Script instance(boolean jsvc) throws IOException {
        SleepingRegistry.write(Script.HOME, base, 0, Set.of());
        Files.createDirectories(base.resolve("bin"));
        return new Script(base).env("IMAGESERVING_JSVC", jsvc ? JSVC.toString() : "none");
    }

    @Test
    void detachedJavaStartStatusRestartStop() throws Exception {
        startStatusRestartStop(instance(false), "java");
    }

    @Test
    void jsvcStartStatusRestartStop() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JSVC), "jsvc is not installed (apt-get install jsvc)");
        startStatusRestartStop(instance(true), "jsvc");
    }

    private void startStatusRestartStop(Script script, String how) throws Exception {
        Script.Result start = script.run("start");
        assertEquals(0, start.code(), start.toString());
        List<String> lines = start.out().lines().toList();
        assertEquals("starting the supervisor (" + how + ")...", lines.get(0), start.toString());
        long supervisorPid = Long.parseLong(Files.readString(base.resolve("run/supervisor.pid")).strip());
        assertEquals("supervisor: started (pid " + supervisorPid + ")", lines.get(1), start.toString());
        for (String id : List.of("is", "svg", "ps")) {
            assertTrue(lines.stream().anyMatch(l -> l.matches(id + ": started \\(pid \\d+\\)")), id + " in " + start);
        }
        assertTrue(start.out().contains("\nID   STATE    PID"), "the status table follows: " + start);

        Script.Result again = script.run("start");
        assertEquals(0, again.code(), again.toString());
        assertEquals("ImageServing is already running (pid " + supervisorPid + ")\n", again.out());

        assertEquals(0, script.run("status").code());
        Script.Result restart = script.run("restart", "is");
        assertEquals(0, restart.code(), restart.toString());

        ProcessHandle supervisor = ProcessHandle.of(supervisorPid).orElseThrow();
        List<ProcessHandle> tree = new java.util.ArrayList<>(supervisor.descendants().toList());
        tree.add(supervisor);
        supervisor.parent().ifPresent(tree::add); // jsvc's controller, or init for the detached JVM (never gone)
        if ("java".equals(how)) {
            tree.remove(tree.size() - 1);
        }
        Script.Result stop = script.run("stop");
        assertEquals(0, stop.code(), stop.toString());
        assertTrue(stop.out().endsWith("ImageServing stopped\n"), stop.toString());
        assertEquals(List.of(), tree.stream().filter(ProcessHandle::isAlive).toList(), "stop returns once all is gone");
        assertFalse(Files.exists(base.resolve("run/supervisor.pid")), "the pid file goes with the supervisor");

        Script.Result stopAgain = script.run("stop");
        assertEquals(0, stopAgain.code(), stopAgain.toString());
        assertEquals("ImageServing is not running\n", stopAgain.out());
    }

    @Test
    void restartWithoutAnIdRestartsTheSupervisorToo() throws Exception {
        Script script = instance(false);
        assertEquals(0, script.run("start").code());
        String firstPid = Files.readString(base.resolve("run/supervisor.pid")).strip();
        Script.Result restart = script.run("restart");
        assertEquals(0, restart.code(), restart.toString());
        String secondPid = Files.readString(base.resolve("run/supervisor.pid")).strip();
        assertNotEquals(firstPid, secondPid);
        assertTrue(restart.out().startsWith("stopping the supervisor (pid " + firstPid + ";"), restart.toString());
    }

    @Test
    void aBadConfigurationStartsNothing() throws Exception {
        Script script = instance(false);
        Path registry = base.resolve("conf/SupervisorRegistry.xml");
        Files.writeString(registry, Files.readString(registry).replace("<tcpport>0</tcpport>", "<tcpport>-5</tcpport>"));
        Script.Result start = script.run("start");
        assertEquals(2, start.code(), start.toString());
        assertTrue(start.err().strip().lines().count() == 1 && start.err().contains("tcpport"), start.toString());
        assertFalse(Files.exists(base.resolve("run/supervisor.pid")), "nothing started");
        assertEquals(List.of(), Leftovers.of(base));
    }

    @Test
    void aStalePidFileIsExplainedAndReplaced() throws Exception {
        Script script = instance(false);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.createDirectories(base.resolve("run"));
        Files.writeString(base.resolve("run/supervisor.pid"), gone.pid() + "\n");
        Script.Result start = script.run("start");
        assertEquals(0, start.code(), start.toString());
        assertTrue(start.out().startsWith(base.resolve("run/supervisor.pid") + ": stale pid file: process " + gone.pid()
                + " is gone"), start.toString());
        assertNotEquals(Long.toString(gone.pid()), Files.readString(base.resolve("run/supervisor.pid")).strip());
    }

    @Test
    void aSupervisorThatDiesWhileStartingIsReportedWithItsLastWords() throws Exception {
        Script script = instance(false);
        Files.writeString(base.resolve("bin/setenv.sh"), "IMAGESERVING_SUPERVISOR_CLASS=org.example.NoSuchMain\n");
        Script.Result start = script.run(Duration.ofSeconds(120), "start");
        assertEquals(1, start.code(), start.toString());
        assertTrue(start.err().startsWith("the supervisor exited with code 1 while starting; the last lines of "
                + base.resolve("logs/supervisor.out") + ":\n"), start.toString());
        assertTrue(start.err().contains("org.example.NoSuchMain"), start.toString());
    }
}
