package org.imageserving.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imageserving.proc.ProcFs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/daemon.sh run by root (as jsvc installs are) runs and loads only what root alone can change, and writes
 * its pid and output files only where root alone can write. The real script on a copy of the install; jsvc is a
 * stand-in script that records its arguments (what it would run is the point, not jsvc), and setenv.sh leaves a
 * mark when it is sourced, so a refusal is seen to come before root executes anything.
 */
@EnabledOnOs(OS.LINUX)
class DaemonScriptAsRootTest {
    private static final int NOBODY = 65534;

    @TempDir
    Path dir;
    private Path home;
    private Path base;
    private Path jsvcArgs;
    private Path sourced;

    @BeforeEach
    void install() throws Exception {
        assumeTrue(ProcFs.ids(ProcessHandle.current().pid()).map(ids -> ids.uid() == 0).orElse(false), "needs root");
        home = dir.resolve("home");
        base = dir.resolve("base");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.createDirectories(base.resolve("bin"));
        Files.copy(Path.of("bin/daemon.sh"), home.resolve("bin/daemon.sh"));
        for (String shipped : List.of("supervisor.options", "supervisor.classpath", "supervisor-jars.sh")) {
            Files.copy(Path.of("bin", shipped), home.resolve("bin").resolve(shipped));
        }
        Files.writeString(home.resolve("lib/imageserving.jar"), "");
        jsvcArgs = dir.resolve("jsvc.args");
        sourced = dir.resolve("setenv.sourced");
        Path jsvc = Files.writeString(home.resolve("bin/jsvc"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + jsvcArgs + "'\n");
        Files.writeString(base.resolve("bin/setenv.sh"), "touch '" + sourced + "'\n");
        for (Path p : List.of(home.resolve("bin/daemon.sh"), jsvc)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aRootOwnedInstallStarts() throws Exception {
        Result r = daemon("start");
        assertEquals(0, r.exit, r.err);
        assertTrue(Files.exists(sourced));
        List<String> args = Files.readAllLines(jsvcArgs);
        assertEquals(base.resolve("run/supervisor.pid").toString(), args.get(args.indexOf("-pidfile") + 1), args.toString());
    }

    @Test
    void droppingToAServiceAccountKeepsRootsPidAndOutputFilesOutOfItsDirectories() throws Exception {
        Path daemonDir = dir.resolve("daemon");
        Result r = daemon("start", "IMAGESERVING_USER=nobody", "IMAGESERVING_DAEMON_DIR=" + daemonDir);
        assertEquals(0, r.exit, r.err);
        List<String> args = Files.readAllLines(jsvcArgs);
        assertTrue(args.get(args.indexOf("-pidfile") + 1).startsWith(daemonDir + "/supervisor-"), args.toString());
        assertTrue(args.get(args.indexOf("-outfile") + 1).startsWith(daemonDir + "/supervisor-"), args.toString());
        assertEquals("nobody", args.get(args.indexOf("-user") + 1));
    }

    @Test
    void aSetenvOthersCanWriteIsNeverSourced() throws Exception {
        Path setenv = base.resolve("bin/setenv.sh");
        Files.setPosixFilePermissions(setenv, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertRefused(daemon("start"), setenv + " is writable by others (mode 666)");
    }

    @Test
    void aSetenvOfAnotherUserIsNeverSourced() throws Exception {
        Path setenv = base.resolve("bin/setenv.sh");
        Files.setAttribute(setenv, "unix:uid", NOBODY);
        assertRefused(daemon("start"), setenv + " belongs to uid " + NOBODY + ", not root");
    }

    @Test
    void aDirectoryAboveTheScriptThatOthersCanWriteIsRefused() throws Exception {
        Files.setPosixFilePermissions(home.resolve("bin"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertRefused(daemon("start"), home.resolve("bin") + " is writable by others (mode 777)");
    }

    @Test
    void aJarOfTheServiceAccountIsNeverLoaded() throws Exception {
        Files.setAttribute(home.resolve("lib/imageserving.jar"), "unix:uid", NOBODY);
        assertRefusedBeforeJsvc(daemon("start"), home.resolve("lib/imageserving.jar") + " belongs to uid " + NOBODY);
    }

    @Test
    void aRunDirectoryOfAnotherUserGetsNoPidFileFromRoot() throws Exception {
        Files.createDirectories(base.resolve("run"));
        Files.setAttribute(base.resolve("run"), "unix:uid", NOBODY);
        assertRefusedBeforeJsvc(daemon("start"), base.resolve("run") + " belongs to uid " + NOBODY);
    }

    /** Refused with one line, before root sourced setenv.sh or ran jsvc. */
    private void assertRefused(Result r, String expected) throws Exception {
        assertRefusedBeforeJsvc(r, expected);
        assertFalse(Files.exists(sourced), "setenv.sh was not sourced");
    }

    private void assertRefusedBeforeJsvc(Result r, String expected) throws Exception {
        assertEquals(1, r.exit, r.err);
        assertEquals(1, r.err.strip().lines().count(), "one line: " + r.err);
        assertTrue(r.err.startsWith("daemon.sh: refusing to run as root: " + expected), r.err);
        assertFalse(Files.exists(jsvcArgs), "jsvc was not run");
    }

    private record Result(int exit, String err) {}

    private Result daemon(String command, String... env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/daemon.sh").toString(), command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(k -> k.startsWith("IMAGESERVING_"));
        builder.environment().put("IMAGESERVING_HOME", home.toString());
        builder.environment().put("IMAGESERVING_BASE", base.toString());
        builder.environment().put("IMAGESERVING_JSVC", home.resolve("bin/jsvc").toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        for (String e : env) {
            builder.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        Process p = builder.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), err);
    }
}
