package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imageserving.install.Version;
import org.imageserving.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control commands (status, start, stop, restart of one server, stop of the whole service), run in-process
 * against the real supervisor in a JVM of its own ({@link SupervisorProcess}), over the real RMI wire.
 */
class ControlCommandsTest {
    @TempDir
    Path base;

    private SupervisorProcess supervisor;

    @AfterEach
    void stopSupervisor() throws Exception {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    private Cli cli() {
        return new Cli(base, base);
    }

    @Test
    void statusPrintsOneLinePerServerAndTheSupervisor() throws Exception {
        supervisor = SupervisorProcess.start(base);
        Cli.Result status = cli().run("status");
        assertEquals(0, status.code(), status.toString());
        List<String> lines = status.out().lines().toList();
        assertEquals(5, lines.size(), status.toString());
        assertTrue(lines.get(0).matches("ID +STATE +PID +UPTIME +HEAP +RESTARTS +LAST ERROR"), lines.get(0));
        for (int i = 1; i <= 3; i++) {
            assertTrue(lines.get(i).matches("(is|svg|ps) +RUNNING +\\d+ +\\d+s +[\\d.]+ (KiB|MiB) \\(rss\\) +0"), lines.get(i));
        }
        assertTrue(lines.get(4).startsWith("supervisor: pid " + supervisor.pid() + ", version " + Version.current() + ", uptime "), lines.get(4));
    }

    @Test
    void statusExitsThreeWhenAServerIsNotRunningAndShowsWhy() throws Exception {
        supervisor = SupervisorProcess.start(base, "svg");
        Cli.Result all = cli().run("status");
        assertEquals(3, all.code(), all.toString());
        assertTrue(all.out().lines().anyMatch(l -> l.matches("svg +FATAL +- +- +- +2 +exited with code 1 three times in a row within 30 s of starting")),
                all.toString());
        assertEquals(3, cli().run("status", "svg").code());
        Cli.Result running = cli().run("status", "is");
        assertEquals(0, running.code(), running.toString());
        assertEquals(3, running.out().lines().count(), "header, is, supervisor: " + running);
    }

    @Test
    void statusJsonUsesTheMBeanAttributeNames() throws Exception {
        supervisor = SupervisorProcess.start(base);
        Cli.Result json = cli().run("status", "--json");
        assertEquals(0, json.code(), json.toString());
        String text = json.out().strip();
        assertTrue(text.startsWith("{\"supervisor\":{\"Pid\":" + supervisor.pid() + ",\"Version\":\"" + Version.current() + "\",\"Uptime\":"), text);
        assertTrue(text.contains("\"ServerNames\":[\"is\",\"svg\",\"ps\"]},\"servers\":{\"is\":{\"Id\":\"is\",\"Description\":"), text);
        Matcher server = Pattern.compile("\"svg\":\\{\"Id\":\"svg\",\"Description\":\"[^\"]*\",\"State\":\"RUNNING\",\"Pid\":\\d+,\"HandoverPid\":-1,"
                + "\"Uptime\":\\d+,\"HeapUsed\":\\d+,\"HeapUsedKind\":\"resident\",\"RenderEngine\":\"\",\"RestartCount\":0,\"LastExitCode\":-1,"
                + "\"LastError\":\"\"}").matcher(text);
        assertTrue(server.find(), text);
        assertTrue(cli().run("status", "svg", "--json").out().contains("\"servers\":{\"svg\":{"));
    }

    @Test
    void unknownServerIdsAreUsageErrorsThatListTheKnownOnes() throws Exception {
        supervisor = SupervisorProcess.start(base);
        for (String verb : List.of("status", "restart", "stop", "start")) {
            Cli.Result result = cli().run(verb, "nope");
            assertEquals(2, result.code(), verb + ": " + result);
            assertEquals("unknown server [nope]: the known servers are is, svg, ps", result.err().strip(), verb);
        }
    }

    @Test
    void restartingOneServerChangesItsPidAndNoOtherOne() throws Exception {
        supervisor = SupervisorProcess.start(base);
        Map<String, Long> before = pids();
        Cli.Result restart = cli().run("restart", "svg");
        assertEquals(0, restart.code(), restart.toString());
        Map<String, Long> after = pids();
        assertEquals("svg: restarted (pid " + after.get("svg") + ")", restart.out().strip());
        assertNotEquals(before.get("svg"), after.get("svg"));
        assertEquals(before.get("is"), after.get("is"));
        assertEquals(before.get("ps"), after.get("ps"));
        assertFalse(ProcessHandle.of(before.get("svg")).map(ProcessHandle::isAlive).orElse(false), "the old svg is gone");
    }

    @Test
    void startAndStopOfOneServerAreIdempotent() throws Exception {
        supervisor = SupervisorProcess.start(base);
        assertEquals("ps: stopped", cli().run("stop", "ps").out().strip());
        Cli.Result again = cli().run("stop", "ps");
        assertEquals(0, again.code());
        assertEquals("ps: already stopped (STOPPED)", again.out().strip());
        assertTrue(cli().run("start", "ps").out().strip().matches("ps: started \\(pid \\d+\\)"));
        assertTrue(cli().run("start", "ps").out().strip().matches("ps: already started \\(pid \\d+\\)"));
    }

    @Test
    void stopOfAFatalServerAsksTheSupervisorWhichMakesItStopped() throws Exception {
        supervisor = SupervisorProcess.start(base, "svg");
        Cli.Result stop = cli().run("stop", "svg");
        assertEquals(0, stop.code(), stop.toString());
        assertEquals("svg: stopped", stop.out().strip(), "FATAL -> STOPPED is a change, as the MBean's stop() makes it");
        assertTrue(cli().run("status", "svg").out().lines().anyMatch(l -> l.matches("svg +STOPPED .*")));
        assertEquals("svg: already stopped (STOPPED)", cli().run("stop", "svg").out().strip());

        Cli.Result start = cli().run("start", "svg");
        assertEquals(1, start.code(), start.toString());
        assertEquals("svg: ERROR (FATAL: exited with code 1 three times in a row within 30 s of starting)",
                start.out().strip(), "the supervisor's answer, with its last error");
    }

    @Test
    void theReadOnlyUserMayLookButNotTouch() throws Exception {
        supervisor = SupervisorProcess.start(base);
        Cli monitor = cli().env("IMAGESERVING_JMX_USER", "monitor");
        assertEquals(0, monitor.run("status").code());
        Cli.Result denied = monitor.run("restart", "svg");
        assertEquals(4, denied.code(), denied.toString());
        assertTrue(denied.err().startsWith("svg: ERROR (access denied: user monitor may only read"), denied.toString());
    }

    @Test
    void aWrongPasswordIsRefusedInOneLine() throws Exception {
        supervisor = SupervisorProcess.start(base);
        // status logs in as the readonly user
        Path wrong = Files.writeString(base.resolve("wrong"), "monitor not-the-password\n");
        Cli.Result refused = cli().run("status", "--password-file", wrong.toString());
        assertEquals(4, refused.code(), refused.toString());
        assertTrue(refused.err().strip().matches("the supervisor at \\S+ refused the login of user monitor: .*"), refused.toString());
    }

    @Test
    void stopEndsTheSupervisorAndEveryChildThenIsIdempotent() throws Exception {
        supervisor = SupervisorProcess.start(base);
        Map<String, Long> servers = pids();
        supervisor.snapshotTree();
        List<ProcessHandle> tree = supervisor.handle().descendants().toList();
        assertTrue(tree.stream().map(ProcessHandle::pid).toList().containsAll(servers.values()),
                "the three servers (and the guardian) are below the supervisor: " + tree);
        Cli.Result stop = cli().run("stop");
        assertEquals(0, stop.code(), stop.toString());
        assertTrue(stop.out().endsWith("ImageServing stopped\n"), stop.toString());
        assertFalse(supervisor.handle().isAlive());
        assertTrue(tree.stream().noneMatch(ProcessHandle::isAlive));
        Cli.Result again = cli().run("stop");
        assertEquals(0, again.code());
        assertEquals("ImageServing is not running", again.out().strip());
        Cli.Result status = cli().run("status");
        assertEquals(3, status.code());
        assertTrue(status.out().startsWith("ImageServing is not running (no supervisor for "), status.toString());
    }

    @Test
    void aKilledSupervisorLeavesAStalePidFileThatIsExplained() throws Exception {
        supervisor = SupervisorProcess.start(base);
        long pid = supervisor.pid();
        supervisor.kill();
        Cli.Result status = cli().run("status");
        assertEquals(3, status.code(), status.toString());
        assertTrue(status.out().contains("stale pid file: process " + pid + " is gone"), status.toString());
        assertTrue(Files.exists(base.resolve("run/supervisor.pid")), "status explains, it does not clean up");
        Cli.Result stop = cli().run("stop");
        assertEquals(0, stop.code());
        assertFalse(Files.exists(base.resolve("run/supervisor.pid")), "stop clears a stale pid file");
    }

    @Test
    void aRunningSupervisorThatDoesNotAnswerIsUnknown() throws Exception {
        supervisor = SupervisorProcess.start(base);
        int closedPort = Ports.free();
        Files.writeString(base.resolve("run/jmx.url"), JmxTarget.urlForPort(closedPort));
        Cli.Result status = cli().run("status");
        assertEquals(4, status.code(), status.toString());
        assertTrue(status.err().contains("the supervisor (pid " + supervisor.pid() + ") is running but does not answer"),
                status.toString());
    }

    @Test
    void anExplicitUrlWhereNothingListensIsNotRunning() {
        int closedPort = Ports.free();
        Path password = base.resolve("pw");
        Cli.Result status = cli().env("IMAGESERVING_JMX_USER", "admin").run("status", "--url", JmxTarget.urlForPort(closedPort),
                "--password-file", write(password, "secret").toString());
        assertEquals(3, status.code(), status.toString());
        assertTrue(status.err().startsWith("nothing answers at service:jmx:rmi:///jndi/rmi://127.0.0.1:" + closedPort),
                status.toString());
    }

    private Map<String, Long> pids() {
        return StatusJson.pids(cli().run("status", "--json").out(), 3);
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
