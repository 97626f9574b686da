package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stale pid files, told apart with real processes: a dead pid, a live stranger, a live supervisor. */
class PidFileTest {
    @TempDir
    Path base;

    private Process process;

    @AfterEach
    void endProcess() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the test process did not end");
        }
    }

    @Test
    void noFileMeansNotRunning() {
        PidFile pid = PidFile.read(run(), base);
        assertEquals(PidFile.Kind.ABSENT, pid.kind());
        assertFalse(pid.running());
        assertFalse(pid.stale());
    }

    @Test
    void aFileWithoutAPidIsStale() throws IOException {
        write("not a pid\n");
        PidFile pid = PidFile.read(run(), base);
        assertEquals(PidFile.Kind.GARBAGE, pid.kind());
        assertTrue(pid.explainStale(Messages.forLocale(Locale.ROOT)).contains("holds no pid"));
        pid.removeIfStale();
        assertFalse(Files.exists(run().resolve("supervisor.pid")));
    }

    @Test
    void aDeadPidIsStale() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertTrue(ended.waitFor(30, TimeUnit.SECONDS));
        write(ended.pid() + "\n");
        PidFile pid = PidFile.read(run(), base);
        assertEquals(PidFile.Kind.GONE, pid.kind());
        assertTrue(pid.explainStale(Messages.forLocale(Locale.ROOT)).contains("process " + ended.pid() + " is gone"));
        pid.removeIfStale();
        assertFalse(Files.exists(run().resolve("supervisor.pid")));
    }

    @Test
    void aPidReusedByAnotherProgramIsStaleAndNamesIt() throws Exception {
        process = new ProcessBuilder("sleep", "300").start();
        write(Long.toString(process.pid()));
        PidFile pid = PidFile.read(run(), base);
        assertEquals(PidFile.Kind.REUSED, pid.kind());
        String line = pid.explainStale(Messages.forLocale(Locale.ROOT));
        assertTrue(line.contains("now belongs to another program") && line.contains("sleep 300"), line);
        pid.removeIfStale();
        assertFalse(Files.exists(run().resolve("supervisor.pid")));
        assertTrue(process.isAlive(), "a stale pid file is removed, its process is left alone");
    }

    @Test
    void aLiveImageServingProcessOfThisBaseIsRunning() throws Exception {
        process = new ProcessBuilder("sh", "-c", "sleep 300", "org.imageserving.daemon.ForegroundMain",
                "-Dimageserving.base=" + base).start();
        write(Long.toString(process.pid()));
        PidFile pid = PidFile.read(run(), base);
        assertEquals(PidFile.Kind.RUNNING, pid.kind());
        assertTrue(pid.running());
        assertEquals(process.pid(), pid.pid());
        assertFalse(pid.underJsvc());
    }

    @Test
    void theSupervisorOfAnotherBaseIsNotThisOne() {
        String[] ours = {"java", "-Dimageserving.base=" + base, "org.imageserving.daemon.ForegroundMain"};
        String[] theirs = {"java", "-Dimageserving.base=/srv/other", "org.imageserving.daemon.ForegroundMain"};
        String[] unmarked = {"java", "-Dimageserving.base=" + base, "com.example.Main"};
        assertTrue(PidFile.isSupervisorOf(ours, base));
        assertFalse(PidFile.isSupervisorOf(theirs, base));
        assertFalse(PidFile.isSupervisorOf(unmarked, base));
        assertTrue(PidFile.isSupervisorOf(new String[] {"/usr/bin/jsvc", "org.imageserving.daemon.SupervisorDaemon"}, base),
                "a launcher that does not name its base is taken at its class name");
    }

    private Path run() {
        return base.resolve("run");
    }

    private void write(String text) throws IOException {
        Files.createDirectories(run());
        Files.writeString(run().resolve("supervisor.pid"), text);
    }
}
