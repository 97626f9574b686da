package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imageserving.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ImageServing status --hosts} against two real supervisors, each on a base of its own with its own free
 * JMX and Jolokia ports (three sleeping servers each, started by the real {@code bin/ImageServing start}), plus a
 * URL where nothing listens: one table of both hosts' servers, the dead one marked, the exit code the worst of
 * them; with the accounts of the hosts file (each base's own monitor password).
 */
class FleetStatusIT {
    @TempDir
    Path host1;

    @TempDir
    Path host2;

    @TempDir
    Path client;

    @AfterEach
    void nothingLeft() throws InterruptedException {
        for (Path base : List.of(host1, host2)) {
            if (Files.exists(base.resolve("run/supervisor.pid"))) {
                new Script(base).run("stop");
            }
        }
        Leftovers.assertNone(host1);
        Leftovers.assertNone(host2);
    }

    @Test
    void oneTableForTheFleetAndTheWorstExitCode() throws Exception {
        Script first = instance(host1);
        Script second = instance(host2);
        assertEquals(0, first.run("start").code());
        assertEquals(0, second.run("start").code());
        String dead = "http://127.0.0.1:" + Ports.free() + "/jolokia/";
        Path hosts = Files.writeString(client.resolve("hosts"), "# name   jolokia-url   user   password-file\n"
                + "host1 " + jolokiaUrl(host1) + " monitor " + host1.resolve("conf/jmxremote.password") + "\n"
                + "host2 " + jolokiaUrl(host2) + " monitor " + host2.resolve("conf/jmxremote.password") + "\n");
        Script fleet = new Script(client);

        Script.Result up = fleet.run("status", "--hosts", hosts.toString());
        assertEquals(0, up.code(), up.toString());
        Map<String, Long> pids1 = StatusJson.pids(first.run("status", "--json").out(), 3);
        Map<String, Long> pids2 = StatusJson.pids(second.run("status", "--json").out(), 3);
        List<String> lines = up.out().lines().toList();
        assertTrue(lines.get(0).startsWith("HOST "), up.toString());
        for (String id : List.of("is", "svg", "ps")) {
            assertTrue(lines.stream().anyMatch(l -> l.matches("host1 +" + id + " +RUNNING +" + pids1.get(id) + " .*")), id + "\n" + up);
            assertTrue(lines.stream().anyMatch(l -> l.matches("host2 +" + id + " +RUNNING +" + pids2.get(id) + " .*")), id + "\n" + up);
        }
        assertTrue(lines.get(7).startsWith("host1: supervisor: pid " + Files.readString(host1.resolve("run/supervisor.pid")).strip()),
                up.toString());
        assertTrue(lines.get(8).startsWith("host2: supervisor: pid " + Files.readString(host2.resolve("run/supervisor.pid")).strip()),
                up.toString());

        Files.writeString(hosts, "host3 " + dead + " monitor " + host1.resolve("conf/jmxremote.password") + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        Script.Result oneDead = fleet.run("status", "--hosts", hosts.toString());
        assertEquals(4, oneDead.code(), oneDead.toString());
        assertTrue(oneDead.out().endsWith("host3: UNREACHABLE (Connection refused)\n"), oneDead.toString());
        assertEquals(6, oneDead.out().lines().filter(l -> l.matches("host[12] .* RUNNING .*")).count(), oneDead.toString());

        assertEquals(0, second.run("stop", "svg").code());
        Script.Result svgStopped = fleet.run("status", "--hosts", hosts.toString().concat(""), "--json");
        assertEquals(4, svgStopped.code(), svgStopped.toString());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> json = (Map<String, Map<String, Object>>) MiniJson.parse(svgStopped.out());
        assertEquals(List.of("host1", "host2", "host3"), List.copyOf(json.keySet()));
        assertEquals(0L, json.get("host1").get("exitCode"));
        assertEquals(3L, json.get("host2").get("exitCode"));
        assertEquals("STOPPED", ((Map<?, ?>) ((Map<?, ?>) json.get("host2").get("servers")).get("svg")).get("State"));
        assertEquals(4L, json.get("host3").get("exitCode"));

        Files.writeString(hosts, String.join("\n", Files.readAllLines(hosts).subList(0, 3)) + "\n");
        Script.Result notRunning = fleet.run("status", "svg", "--hosts", hosts.toString());
        assertEquals(3, notRunning.code(), "the worst of 0 and 3: " + notRunning);
        assertTrue(notRunning.out().lines().anyMatch(l -> l.matches("host2 +svg +STOPPED .*")), notRunning.toString());
        assertEquals(2, notRunning.out().lines().filter(l -> l.matches("host[12] +svg .*")).count(), "only svg: " + notRunning);

        Path wrongPassword = Files.writeString(client.resolve("wrong.password"), "monitor not-the-password\n");
        Files.writeString(hosts, "host1 " + jolokiaUrl(host1) + " monitor " + wrongPassword + "\n");
        Script.Result refused = fleet.run("status", "--hosts", hosts.toString());
        assertEquals(4, refused.code(), refused.toString());
        assertEquals("host1: ERROR (login refused for user monitor: check the user and password file of this host)\n", refused.out());
    }

    private static String jolokiaUrl(Path base) throws IOException {
        return Files.readString(base.resolve("run/jolokia.url")).strip();
    }

    /** conf/SupervisorRegistry.xml: any free JMX port, Jolokia on a free port, three sleeping servers. */
    private static Script instance(Path base) throws IOException {
        Path conf = Files.createDirectories(base.resolve("conf"));
        StringBuilder xml = new StringBuilder("<config>\n  <tcpport>0</tcpport>\n  <jolokiaPort>")
                .append(Ports.free()).append("</jolokiaPort>\n");
        for (String id : List.of("is", "svg", "ps")) {
            xml.append("  <server id=\"").append(id).append("\">\n")
                    .append("    <command>sleep</command>\n")
                    .append("    <arguments><argument>100000</argument></arguments>\n")
                    .append("    <stopTimeout>5</stopTimeout>\n")
                    .append("    <ready><uptime seconds=\"1\"/></ready>\n")
                    .append("  </server>\n");
        }
        Files.writeString(conf.resolve("SupervisorRegistry.xml"), xml.append("</config>\n"));
        for (String shipped : List.of("jolokia-access.xml", "logging.properties")) {
            Files.copy(Script.HOME.resolve("conf").resolve(shipped), conf.resolve(shipped));
        }
        return new Script(base).env("IMAGESERVING_JSVC", "none");
    }
}
