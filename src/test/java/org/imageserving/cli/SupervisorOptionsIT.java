package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ImageServing run gives the supervisor's JVM the shipped defaults of bin/supervisor.options first, so that
 * JAVA_OPTS and IMAGESERVING_OPTS override them; IMAGESERVING_SUPERVISOR_OPTIONS=none leaves JVM defaults.
 * The supervisor is replaced (setenv.sh, IMAGESERVING_SUPERVISOR_CLASS) by {@link PrintJvmOptions}, which exits.
 */
class SupervisorOptionsIT {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path base;

    private Script script() throws IOException {
        Path bin = Files.createDirectories(base.resolve("bin"));
        Files.writeString(bin.resolve("setenv.sh"), "CLASSPATH='" + Script.HOME.resolve("target/test-classes") + "'\n"
                + "IMAGESERVING_SUPERVISOR_CLASS=org.imageserving.cli.PrintJvmOptions\n");
        return new Script(base);
    }

    @Test
    void theShippedDefaultsComeFirst() throws IOException {
        Script.Result result = script().run("run");
        assertEquals(0, result.code(), result::toString);
        List<String> args = result.out().lines().filter(line -> line.startsWith("arg ")).toList();
        assertTrue(args.contains("arg -Xmx32m"), result::toString);
        assertTrue(args.indexOf("arg -XX:+UseSerialGC") < args.indexOf("arg -Dimageserving.home=" + Script.HOME), result::toString);
        assertTrue(result.out().contains("MaxHeapSize " + 32 * MIB), result::toString);
        assertTrue(result.out().contains("UseSerialGC true"), result::toString);
    }

    @Test
    void theSiteOptionsWin() throws IOException {
        Script.Result result = script().env("IMAGESERVING_OPTS", "-Xmx48m").run("run");
        assertEquals(0, result.code(), result::toString);
        assertTrue(result.out().contains("MaxHeapSize " + 48 * MIB), result::toString);
    }

    @Test
    void noneLeavesTheJvmDefaults() throws IOException {
        Script.Result result = script().env("IMAGESERVING_SUPERVISOR_OPTIONS", "none").run("run");
        assertEquals(0, result.code(), result::toString);
        assertFalse(result.out().contains("arg -Xmx32m"), result::toString);
    }

    @Test
    void aMissingOptionsFileIsOneLineNamingIt() throws IOException {
        Path missing = base.resolve("no-such.options");
        Script.Result result = script().env("IMAGESERVING_SUPERVISOR_OPTIONS", missing.toString()).run("run");
        assertEquals(1, result.code(), result::toString);
        assertEquals("ImageServing: cannot read " + missing
                + ": restore it from the release, or set IMAGESERVING_SUPERVISOR_OPTIONS=none", result.err().strip());
    }
}
