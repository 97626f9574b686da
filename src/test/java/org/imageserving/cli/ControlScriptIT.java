package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imageserving.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the real bin/ImageServing against the real supervisor (org.imageserving.daemon.*), detached and
 * under jsvc, on an instance of three `sleep` servers (no stock ports are touched); everything here is the
 * control script's contract from DESIGN.md.
 */
class ControlScriptIT {
    private static final Path JSVC = Path.of("/usr/bin/jsvc");

    @TempDir
    Path base;

    @AfterEach
    void nothingLeft() throws InterruptedException {
        if (Files.exists(base.resolve("run/supervisor.pid"))) {
            new Script(base).run("stop");
        }
        Leftovers.assertNone(base);
    }

    /** conf/SupervisorRegistry.xml: any free JMX port, Jolokia on a free port, three sleeping servers. */
    private Script instance(boolean jsvc, String stopTimeout) throws IOException {
        Path conf = Files.createDirectories(base.resolve("conf"));
        StringBuilder xml = new StringBuilder("<config>\n  <tcpport>0</tcpport>\n  <jolokiaPort>")
                .append(Ports.free()).append("</jolokiaPort>\n");
        for (String id : List.of("is", "svg", "ps")) {
            xml.append("  <server id=\"").append(id).append("\">\n")
                    .append("    <description>sleeping ").append(id).append("</description>\n")
                    .append("    <command>sleep</command>\n")
                    .append("    <arguments><argument>100000</argument></arguments>\n")
                    .append("    <startPriority>").append(id.equals("ps") ? 2 : 1).append("</startPriority>\n")
                    .append("    <stopTimeout>").append(stopTimeout).append("</stopTimeout>\n")
                    .append("    <ready><uptime seconds=\"1\"/></ready>\n")
                    .append("  </server>\n");
        }
        Files.writeString(conf.resolve("SupervisorRegistry.xml"), xml.append("</config>\n"));
        for (String shipped : List.of("jolokia-access.xml", "logging.properties")) {
            Path file = Script.HOME.resolve("conf").resolve(shipped);
            if (Files.exists(file)) {
                Files.copy(file, conf.resolve(shipped));
            }
        }
        return new Script(base).env("IMAGESERVING_JSVC", jsvc ? JSVC.toString() : "none");
    }

    @Test
    void detachedJava() throws Exception {
        lifecycle(instance(false, "5"), "java");
    }

    @Test
    void underJsvc() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JSVC), "jsvc is not installed (apt-get install jsvc)");
        lifecycle(instance(true, "5"), "jsvc");
    }

    /**
     * After a SIGKILL of the JVM, jsvc's controller sleeps and would start a supervisor again within 60 s, even
     * after a stop. {@code stop} ends it: nothing of the base is left that could come back.
     */
    @Test
    void stopEndsTheJsvcControllerOfAKilledSupervisor() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JSVC), "jsvc is not installed (apt-get install jsvc)");
        Script script = instance(true, "5");
        Script.Result start = script.run("start");
        assertEquals(0, start.code(), start.toString());
        long jvm = Long.parseLong(Files.readString(base.resolve("run/supervisor.pid")).strip());
        ProcessHandle supervisor = ProcessHandle.of(jvm).orElseThrow();
        long controller = supervisor.parent().orElseThrow().pid();
        supervisor.destroyForcibly();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (ProcessHandle.of(jvm).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);       // until jsvc's controller has reaped it and gone to sleep
        }
        assertTrue(ProcessHandle.of(controller).map(ProcessHandle::isAlive).orElse(false), "the controller sleeps");

        Script.Result stop = script.run("stop");
        assertEquals(0, stop.code(), stop.toString());
        assertTrue(stop.out().contains("ended jsvc controller " + controller + " of this base"), stop.toString());
        // SIGKILLed, perhaps a zombie until its new parent reaps it: gone all the same
        org.imageserving.testing.Await.until("nothing left to come back",
                () -> !ProcessHandle.of(controller).map(org.imageserving.process.ProcessTree::isAlive).orElse(false));
    }

    private void lifecycle(Script script, String how) throws Exception {
        Script.Result start = script.run("start");
        assertEquals(0, start.code(), start.toString());
        assertTrue(start.out().startsWith("starting the supervisor (" + how + ")...\n"), start.toString());
        for (String id : List.of("is", "svg", "ps")) {
            assertTrue(start.out().lines().anyMatch(l -> l.matches(id + ": started \\(pid \\d+\\)")), id + ": " + start);
        }

        Script.Result twice = script.run("start");
        assertEquals(0, twice.code(), twice.toString());
        assertTrue(twice.out().startsWith("ImageServing is already running (pid "), twice.toString());

        Script.Result status = script.run("status");
        assertEquals(0, status.code(), status.toString());
        assertEquals(5, status.out().lines().count(), status.toString());

        Map<String, Long> before = pids(script);
        Script.Result restart = script.run("restart", "svg");
        assertEquals(0, restart.code(), restart.toString());
        Map<String, Long> after = pids(script);
        assertEquals("svg: restarted (pid " + after.get("svg") + ")\n", restart.out());
        assertNotEquals(before.get("svg"), after.get("svg"));
        assertEquals(before.get("is"), after.get("is"));
        assertEquals(before.get("ps"), after.get("ps"));

        jsonAgreesWithJolokia(script);
        statusReadsTheSameThroughJolokiaAndJmx(script);

        long supervisorPid = Long.parseLong(Files.readString(base.resolve("run/supervisor.pid")).strip());
        ProcessHandle supervisor = ProcessHandle.of(supervisorPid).orElseThrow();
        List<ProcessHandle> tree = new ArrayList<>(supervisor.descendants().toList());
        tree.add(supervisor);
        Script.Result stop = script.run("stop");
        assertEquals(0, stop.code(), stop.toString());
        assertEquals(List.of(), tree.stream().filter(ProcessHandle::isAlive).toList(), "stop returns once all is gone");
        assertEquals(0, script.run("stop").code(), "stop is idempotent");
        assertEquals(3, script.run("status").code());
    }

    /** status --json names the fields as a Jolokia read of the same MBean does, with the same values for fixed ones. */
    private void jsonAgreesWithJolokia(Script script) throws Exception {
        Path jolokiaUrl = base.resolve("run/jolokia.url");
        if (!Files.exists(jolokiaUrl)) {
            return; // Jolokia off in this build: the RMI side has been checked already
        }
        String password = null;
        for (String line : Files.readAllLines(base.resolve("conf/jmxremote.password"))) {
            String[] fields = Credentials.fields(line.strip());
            if (fields.length == 2 && fields[0].equals("admin")) {
                password = fields[1];
            }
        }
        String body = "{\"type\":\"read\",\"mbean\":\"ImageServing:type=Server,name=svg\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(Files.readString(jolokiaUrl).strip()))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        String jolokia = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(jolokia.contains("\"status\":200"), jolokia);
        String json = script.run("status", "svg", "--json").out();
        assertEquals(fieldNames(jolokia.substring(jolokia.indexOf("\"value\":{"))), fieldNames(json.substring(json.indexOf("\"svg\":{"))),
                "status --json and Jolokia name the same attributes");
        for (String fixed : List.of("\"Id\":\"svg\"", "\"Description\":\"sleeping svg\"", "\"State\":\"RUNNING\"")) {
            assertTrue(jolokia.contains(fixed) && json.contains(fixed), fixed + " in both:\n" + jolokia + "\n" + json);
        }
    }

    /**
     * status reads through Jolokia when the instance has it on; through JMX/RMI for a service:jmx URL. Both see the
     * same servers, states and pids; and with run/jmx.url spoiled, status still works through Jolokia.
     */
    private void statusReadsTheSameThroughJolokiaAndJmx(Script script) throws Exception {
        Path jolokiaUrl = base.resolve("run/jolokia.url");
        if (!Files.exists(jolokiaUrl)) {
            return;
        }
        Path jmxUrl = base.resolve("run/jmx.url");
        String jmx = Files.readString(jmxUrl).strip();
        Script.Result viaJmx = script.run("status", "--url", jmx);
        Script.Result viaExplicitJolokia = script.run("status", "--url", Files.readString(jolokiaUrl).strip());
        Files.writeString(jmxUrl, JmxTarget.urlForPort(Ports.free()));
        try {
            Script.Result viaJolokia = script.run("status");
            assertEquals(0, viaJolokia.code(), "status goes through Jolokia, not the spoiled jmx.url: " + viaJolokia);
            assertEquals(columns(viaJmx.out()), columns(viaJolokia.out()));
            assertEquals(columns(viaJmx.out()), columns(viaExplicitJolokia.out()));
        } finally {
            Files.writeString(jmxUrl, jmx + "\n");
        }
    }

    /** ID, STATE and PID of each server line: what does not move between two reads. */
    private static List<String> columns(String table) {
        return table.lines().skip(1).filter(l -> !l.startsWith("supervisor:"))
                .map(l -> String.join(" ", java.util.Arrays.asList(l.split(" +")).subList(0, 3))).toList();
    }

    private static TreeSet<String> fieldNames(String objectAndAfter) {
        String object = objectAndAfter.substring(objectAndAfter.indexOf('{') + 1, objectAndAfter.indexOf('}'));
        TreeSet<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\"(\\w+)\":").matcher(object);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void aBadConfigurationStartsNothing() throws Exception {
        Script script = instance(false, "-5");
        Script.Result start = script.run("start");
        assertEquals(2, start.code(), start.toString());
        assertEquals(1, start.err().strip().lines().count(), "one line: " + start);
        assertTrue(start.err().contains("stopTimeout"), start.toString());
        assertFalse(Files.exists(base.resolve("run/supervisor.pid")));
        assertEquals(List.of(), Leftovers.of(base));
    }

    @Test
    void aKilledSupervisorIsExplainedAndANewStartRunsNoSecondCopy() throws Exception {
        Script script = instance(false, "5");
        assertEquals(0, script.run("start").code());
        Map<String, Long> first = pids(script);
        long supervisorPid = Long.parseLong(Files.readString(base.resolve("run/supervisor.pid")).strip());
        ProcessHandle killed = ProcessHandle.of(supervisorPid).orElseThrow();
        killed.destroyForcibly();
        assertEquals(List.of(), Leftovers.awaitGone(List.of(killed), java.time.Duration.ofSeconds(30)));

        Script.Result status = script.run("status");
        assertEquals(3, status.code(), status.toString());
        assertTrue(status.out().contains("stale pid file: process " + supervisorPid + " is gone"), status.toString());

        Script.Result start = script.run("start");
        assertEquals(0, start.code(), start.toString());
        for (long old : first.values()) {
            assertFalse(ProcessHandle.of(old).map(ProcessHandle::isAlive).orElse(false),
                    "server pid " + old + " of the killed supervisor is not running beside the new ones");
        }
    }

    private Map<String, Long> pids(Script script) {
        return StatusJson.pids(script.run("status", "--json").out(), 3);
    }
}
