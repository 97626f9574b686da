package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real bin/ImageServing (after `mvn package`): usage, status, and restart of one server, over real RMI. */
class ScriptStatusIT {
    @TempDir
    Path base;

    private SupervisorProcess supervisor;

    @AfterEach
    void cleanUp() throws Exception {
        if (supervisor != null) {
            supervisor.close();
        }
        Leftovers.assertNone(base);
    }

    private Script script() {
        return new Script(base);
    }

    /** The real supervisor from the installed jars (the test classes only for its fixtures); {@code failing}: FATAL ids. */
    private void startSupervisor(String... failing) throws Exception {
        String classPath = Script.HOME.resolve("target/test-classes") + java.io.File.pathSeparator
                + Script.HOME.resolve("lib") + java.io.File.separator + "*";
        supervisor = SupervisorProcess.startWithClassPath(classPath, base, failing);
    }

    @Test
    void statusWhenNothingRunsSaysSoInOneLineAndExitsThree() {
        Script.Result status = script().run("status");
        assertEquals(3, status.code(), status.toString());
        assertEquals("ImageServing is not running (no supervisor for " + base + "); start it with: ImageServing start\n",
                status.out());
        assertEquals("", status.err());
        Script.Result json = script().run("status", "--json");
        assertEquals(3, json.code());
        assertEquals("", json.out(), "stdout of --json holds JSON or nothing");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        Script.Result unknownCommand = script().run("statu");
        assertEquals(2, unknownCommand.code(), unknownCommand.toString());
        assertTrue(unknownCommand.err().startsWith("unknown argument: statu\ndid you mean: status"), unknownCommand.toString());
        assertEquals(2, script().run("status", "--jsn").code());
        assertEquals(2, script().run("restart", "a", "b").code());
        Script.Result nothing = script().run();
        assertEquals(2, nothing.code());
        assertTrue(nothing.err().startsWith("Usage: ImageServing"), nothing.toString());
    }

    @Test
    void statusAgainstASupervisorPrintsTheTableAndJson() throws Exception {
        startSupervisor("ps");
        Script.Result table = script().run("status");
        assertEquals(3, table.code(), "ps is FATAL: " + table);
        List<String> lines = table.out().lines().toList();
        assertEquals(5, lines.size(), table.toString());
        assertTrue(lines.get(1).matches("is +RUNNING +\\d+ +\\d+s +[\\d.]+ (KiB|MiB) \\(rss\\) +0"), table.toString());
        assertTrue(lines.get(3).matches("ps +FATAL +- +- +- +2 +exited with code 1 three times in a row within 30 s of starting"), table.toString());
        assertTrue(lines.get(4).matches("supervisor: pid " + supervisor.pid() + ", version \\S+, uptime .*"), table.toString());

        Script.Result running = script().run("status", "svg");
        assertEquals(0, running.code(), running.toString());

        Script.Result json = script().run("status", "--json");
        assertTrue(json.out().startsWith("{\"supervisor\":{\"Pid\":" + supervisor.pid() + ","), json.toString());
        assertTrue(json.out().contains("\"ps\":{\"Id\":\"ps\",\"Description\":\"test server ps\",\"State\":\"FATAL\","
                + "\"Pid\":-1,\"HandoverPid\":-1,\"Uptime\":0,\"HeapUsed\":-1,\"HeapUsedKind\":\"heap\",\"RenderEngine\":\"\",\"RestartCount\":2,\"LastExitCode\":1,"
                + "\"LastError\":\"exited with code 1 three times in a row within 30 s of starting\"}}}"), json.toString());
    }

    @Test
    void unknownServerIdIsAUsageErrorListingTheKnownOnes() throws Exception {
        startSupervisor();
        Script.Result restart = script().run("restart", "web");
        assertEquals(2, restart.code(), restart.toString());
        assertEquals("unknown server [web]: the known servers are is, svg, ps\n", restart.err());
        assertEquals(2, script().run("status", "web").code());
    }

    @Test
    void restartOfOneServerChangesItsPidOnly() throws Exception {
        startSupervisor();
        Map<String, Long> before = pids();
        Script.Result restart = script().run("restart", "svg");
        assertEquals(0, restart.code(), restart.toString());
        Map<String, Long> after = pids();
        assertEquals("svg: restarted (pid " + after.get("svg") + ")\n", restart.out());
        assertNotEquals(before.get("svg"), after.get("svg"));
        assertEquals(before.get("is"), after.get("is"));
        assertEquals(before.get("ps"), after.get("ps"));
    }

    @Test
    void aSupervisorThatDoesNotAnswerIsUnknownAfterTheResponseTimeout() throws Exception {
        startSupervisor();
        supervisor.freeze();
        Script.Result status = script().env("IMAGESERVING_CLI_OPTS", "-D" + StatusQuery.RESPONSE_TIMEOUT_PROPERTY + "=1000")
                .run("status");
        assertEquals(4, status.code(), status.toString());
        assertTrue(status.err().startsWith("cannot talk to the supervisor at service:jmx:rmi:"), status.toString());
        assertTrue(status.err().contains("timed out"), status.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "C.UTF-8     | ImageServing is not running (no supervisor for  | Exit codes:",
        "fr_FR.UTF-8 | ImageServing n’est pas démarré (aucun superviseur pour  | Codes de sortie :",
        "es_ES.UTF-8 | ImageServing no está en ejecución (no hay supervisor para  | Códigos de salida:",
        "nl_NL.UTF-8 | ImageServing draait niet (geen supervisor voor  | Afsluitcodes:"})
    void everyLanguageThroughTheRealScript(String lang, String notRunning, String exitCodesHeading) {
        Script localized = script().env("LANG", lang);
        Script.Result status = localized.run("status");
        assertEquals(3, status.code(), status.toString());
        assertTrue(status.out().startsWith(notRunning.strip()) && status.out().contains(" " + base + ")"), status.toString());
        Script.Result help = localized.run("restart", "--help");
        assertEquals(0, help.code(), help.toString());
        assertTrue(help.out().contains("\n" + exitCodesHeading + "\n  0   "), help.toString());
        Script.Result usage = localized.env("LC_ALL", lang).run("restart", "a", "b");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains(" b\n"), usage.toString());
    }

    @Test
    void versionAndCompletion() {
        Script.Result version = script().run("version");
        assertEquals(0, version.code(), version.toString());
        assertTrue(version.out().matches("(?s)ImageServing \\S+\nJava 17.*"), version.toString());
        Script.Result completion = script().run("completion");
        assertEquals(0, completion.code(), completion.toString());
        assertTrue(completion.out().contains("complete -F _complete_ImageServing"), "a bash completion script");
        assertTrue(completion.out().contains("restart"), "with the commands");
    }

    @Test
    void theScriptFindsItsHomeThroughASymlink() throws IOException {
        Path link = Files.createSymbolicLink(base.resolve("is-ctl"), Script.HOME.resolve("bin/ImageServing"));
        Script.Result status = new Script(link, base).run("status");
        assertEquals(3, status.code(), status.toString());
        assertTrue(status.out().startsWith("ImageServing is not running"), status.toString());
    }

    @Test
    void aMissingLibOrJavaIsExplainedWithTheFix() throws IOException {
        Path home = Files.createDirectories(base.resolve("install/bin"));
        Files.copy(Script.HOME.resolve("bin/ImageServing"), home.resolve("ImageServing"));
        Script bare = new Script(home.resolve("ImageServing"), base);
        Script.Result noLib = bare.run("start");
        assertEquals(1, noLib.code(), noLib.toString());
        assertTrue(noLib.err().matches("ImageServing: \\S+/lib/imageserving.jar is missing: run `mvn package` first \\(in .*\\)\n"),
                noLib.toString());
        assertEquals(4, bare.run("status").code(), "status cannot tell: unknown");

        Script.Result noJava = script().env("JAVA_HOME", base.resolve("no-such-java").toString()).run("status");
        assertEquals(4, noJava.code(), noJava.toString());
        assertTrue(noJava.err().startsWith("ImageServing: JAVA_HOME=" + base.resolve("no-such-java") + " has no bin/java"),
                noJava.toString());
    }

    private Map<String, Long> pids() {
        return StatusJson.pids(script().run("status", "--json").out(), 3);
    }
}
