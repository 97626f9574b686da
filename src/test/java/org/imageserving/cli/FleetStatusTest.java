package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.imageserving.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status --hosts} against hosts that are not our supervisors: real sockets on loopback that answer like a
 * Jolokia bridge, or with garbage, too much, too slowly, nothing at all, or a 401; and a port where nothing listens.
 * Each host gets its own line and the run its worst exit code, within the timeout; and the hosts are asked at
 * once. The real supervisors are in {@link FleetStatusIT}.
 */
class FleetStatusTest {
    static String answer(String psState, String lastError) {
        return "[{\"value\":{\"Uptime\":2573,\"Version\":\"1.0\",\"Pid\":25187,\"HeapUsed\":17682160,"
                + "\"ServerNames\":[\"is\",\"ps\"]},\"status\":200},"
                + "{\"value\":{\"ImageServing:type=Server,name=ps\":{\"State\":\"" + psState + "\",\"Pid\":13,\"Uptime\":1000,"
                + "\"RestartCount\":0,\"LastError\":\"" + lastError + "\"},"
                + "\"ImageServing:type=Server,name=is\":{\"State\":\"RUNNING\",\"Pid\":11,\"Uptime\":1000,\"RestartCount\":0}},"
                + "\"status\":200}]";
    }

    @TempDir
    Path dir;

    private final List<TinyServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() throws Exception {
        for (TinyServer server : servers) {
            server.close();
        }
    }

    private String serve(TinyServer.Handler handler) throws Exception {
        TinyServer server = new TinyServer(handler);
        servers.add(server);
        return server.jolokiaUrl();
    }

    private Path hostsFile(String... lines) throws Exception {
        Files.writeString(dir.resolve("monitor.password"), "monitor s3cret\n");
        return Files.writeString(dir.resolve("hosts"), "# name url user password-file\n" + String.join("\n", lines) + "\n");
    }

    private Cli.Result status(String... args) {
        List<String> all = new ArrayList<>(List.of("status"));
        all.addAll(List.of(args));
        return new Cli(dir, dir).run(all.toArray(new String[0]));
    }

    @Test
    void healthyHostsMakeOneTableWithTheHostColumnFirst() throws Exception {
        String a = serve(TinyServer.json(answer("RUNNING", "")));
        String b = serve(TinyServer.json(answer("RUNNING", "")));
        Path hosts = hostsFile("host1 " + a + " monitor monitor.password", "host2\t" + b + "   monitor  " + dir.resolve("monitor.password"));
        Cli.Result result = status("--hosts", hosts.toString());
        assertEquals(0, result.code(), result.toString());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).matches("HOST +ID +STATE +PID +UPTIME +HEAP +RESTARTS +LAST ERROR"), result.toString());
        assertTrue(lines.get(1).matches("host1 +is +RUNNING +11 .*"), result.toString());
        assertTrue(lines.get(2).matches("host1 +ps +RUNNING +13 .*"), result.toString());
        assertTrue(lines.get(3).startsWith("host2 "), result.toString());
        assertEquals("host1: supervisor: pid 25187, version 1.0, uptime 2s, heap 16.9 MiB", lines.get(5));
        assertTrue(lines.get(6).startsWith("host2: supervisor: pid 25187"), result.toString());
        assertEquals(7, lines.size(), result.toString());
    }

    @Test
    void theExitCodeIsTheWorstHostsAndADeadHostIsMarked() throws Exception {
        String fatal = serve(TinyServer.json(answer("FATAL", "exited with code 1")));
        String running = serve(TinyServer.json(answer("RUNNING", "")));
        String dead = "http://127.0.0.1:" + Ports.free() + "/jolokia/";
        Cli.Result notRunning = status("--hosts", hostsFile("up " + running + " monitor monitor.password",
                "down " + fatal + " monitor monitor.password").toString());
        assertEquals(3, notRunning.code(), notRunning.toString());
        assertTrue(notRunning.out().lines().anyMatch(l -> l.matches("down +ps +FATAL +13 .* exited with code 1")), notRunning.toString());

        Cli.Result unreachable = status("--hosts", hostsFile("up " + running + " monitor monitor.password",
                "down " + fatal + " monitor monitor.password", "gone " + dead + " monitor monitor.password").toString());
        assertEquals(4, unreachable.code(), unreachable.toString());
        assertTrue(unreachable.out().contains("\ngone: UNREACHABLE (Connection refused)\n"), unreachable.toString());
    }

    @Test
    void hostileHostsAreBoundedAndReportedEachOnItsLine() throws Exception {
        String garbage = serve(TinyServer.answering("SSH-2.0-OpenSSH_9.2\r\n"));
        String huge = serve(connection -> {
            TinyServer.readRequest(connection);
            OutputStream out = connection.getOutputStream();
            out.write("HTTP/1.0 200 OK\r\n\r\n[".getBytes(StandardCharsets.US_ASCII));
            byte[] mega = new byte[1 << 20];
            java.util.Arrays.fill(mega, (byte) ' ');
            for (int i = 0; i < 64; i++) {  // 64 MiB unless the client hangs up first
                out.write(mega);
            }
        });
        String nested = serve(TinyServer.json("[".repeat(100_000)));
        String notJson = serve(TinyServer.json("{\"value\": 12, \"status\": 200}"));
        String dripping = serve(connection -> {
            TinyServer.readRequest(connection);
            OutputStream out = connection.getOutputStream();
            for (int i = 0; i < 600; i++) { // a byte every 100 ms: never a read timeout, never an end
                out.write('H');
                out.flush();
                Thread.sleep(100);
            }
        });
        String silent = serve(connection -> Thread.sleep(60_000));
        String refusing = serve(TinyServer.answering("HTTP/1.0 401 Unauthorized\r\n\r\n"));
        Path hosts = hostsFile("garbage " + garbage + " monitor monitor.password",
                "huge " + huge + " monitor monitor.password",
                "nested " + nested + " monitor monitor.password",
                "notjson " + notJson + " monitor monitor.password",
                "dripping " + dripping + " monitor monitor.password",
                "silent " + silent + " monitor monitor.password",
                "refusing " + refusing + " monitor monitor.password",
                "nopassword " + refusing + " monitor no-such.password");
        Cli.Result result = status("--hosts", hosts.toString(), "--timeout", "1.5");
        assertEquals(4, result.code(), result.toString());
        List<String> lines = result.out().lines().toList();
        assertEquals(List.of(
                "garbage: ERROR (not an HTTP answer)",
                "huge: ERROR (answer larger than 1048576 bytes)",
                "nested: ERROR (not a Jolokia answer: JSON: nested deeper than 64 levels at offset 64)",
                "notjson: ERROR (not a Jolokia answer: JSON of another shape than the answers to two reads)",
                "dripping: UNREACHABLE (no answer within 1.5s)",
                "silent: UNREACHABLE (no answer within 1.5s)",
                "refusing: ERROR (login refused for user monitor: check the user and password file of this host)",
                "nopassword: ERROR (" + dir.resolve("no-such.password")
                        + " is missing: start the supervisor once (it creates it), or pass --user and --password-file)"),
                lines, result.toString());
    }

    /**
     * The hosts are asked at once: each of these three answers only once all three have connected, which a CLI
     * asking one host after the other never sees (it would wait on the first until its timeout).
     */
    @Test
    void hostsAreAskedInParallel() throws Exception {
        CountDownLatch allConnected = new CountDownLatch(3);
        TinyServer.Handler waitsForTheOthers = connection -> {
            TinyServer.readRequest(connection);
            allConnected.countDown();
            if (allConnected.await(30, TimeUnit.SECONDS)) {
                connection.getOutputStream().write(("HTTP/1.0 200 OK\r\n\r\n" + answer("RUNNING", "")).getBytes(StandardCharsets.UTF_8));
            }
        };
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            lines.add("h" + i + " " + serve(waitsForTheOthers) + " monitor monitor.password");
        }
        Cli.Result result = status("--hosts", hostsFile(lines.toArray(new String[0])).toString(), "--timeout", "30");
        assertEquals(0, result.code(), result.toString());
        assertEquals(3, result.out().lines().filter(l -> l.matches("h\\d: supervisor: .*")).count(), result.toString());
    }

    @Test
    void whatAHostSendsCannotDriveTheTerminal() throws Exception {
        String evil = serve(TinyServer.json(answer("RUNNING\\u001b]0;pwned\\u0007", "\\u001b[2J" + "x".repeat(5000))));
        Cli.Result result = status("--hosts", hostsFile("evil " + evil + " monitor monitor.password").toString());
        assertFalse(result.out().contains("\u001b"), result.toString());
        assertTrue(result.out().contains("RUNNING\\u001b]0;pwned\\u0007"), result.toString());
        assertTrue(result.out().lines().allMatch(l -> l.length() < 400), result.toString());
        assertEquals(3, result.code(), "a state that is not RUNNING: " + result);

        String c1 = serve(TinyServer.json(answer("RUNNING", "\u009b2J")));
        Cli.Result json = status("--hosts", hostsFile("c1 " + c1 + " monitor monitor.password").toString(), "--json");
        assertFalse(json.out().contains("\u009b"), json.toString());
        assertTrue(json.out().contains("\"LastError\":\"\\u009b2J\""), json.toString());
    }

    @Test
    void jsonHasOneObjectPerHostAndRepeatedUrlsAreAFleet() throws Exception {
        String a = serve(TinyServer.json(answer("RUNNING", "")));
        String dead = "http://127.0.0.1:" + Ports.free() + "/jolokia/";
        Files.writeString(dir.resolve("pw"), "s3cret\n");
        Cli.Result result = status("--url", a, "--url", dead, "--user", "monitor", "--password-file", dir.resolve("pw").toString(), "--json");
        assertEquals(4, result.code(), result.toString());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> hosts = (Map<String, Map<String, Object>>) MiniJson.parse(result.out());
        String first = a.substring("http://".length(), a.indexOf("/jolokia/"));
        String second = dead.substring("http://".length(), dead.indexOf("/jolokia/"));
        assertEquals(List.of(first, second), List.copyOf(hosts.keySet()));
        assertEquals(0L, hosts.get(first).get("exitCode"));
        assertEquals(a, hosts.get(first).get("url"));
        assertTrue(((Map<?, ?>) hosts.get(first).get("servers")).containsKey("ps"), result.toString());
        assertEquals(4L, hosts.get(second).get("exitCode"));
        assertEquals(true, hosts.get(second).get("unreachable"));
        assertEquals("Connection refused", hosts.get(second).get("error"));
    }

    @Test
    void badHostsFilesAreOneUsageLineAndAskNobody() throws Exception {
        String url = serve(TinyServer.json(answer("RUNNING", "")));
        Path hosts = hostsFile("host1 " + url + " monitor monitor.password", "host2 " + url + " monitor");
        Cli.Result fields = status("--hosts", hosts.toString());
        assertEquals(2, fields.code(), fields.toString());
        assertEquals(hosts + ":3: expected \"name jolokia-url user password-file\" (or \"name jolokia-url\"), found 3 fields\n",
                fields.err());
        assertEquals("", fields.out());

        Cli.Result https = status("--hosts", hostsFile("h https://127.0.0.1:1/jolokia/ monitor pw").toString());
        assertEquals(2, https.code(), https.toString());
        assertTrue(https.err().contains(":2: [https://127.0.0.1:1/jolokia/] is not an http:// Jolokia URL"), https.toString());

        Cli.Result account = status("--hosts", hostsFile("h http://admin:secret@127.0.0.1:1/jolokia/ monitor pw").toString());
        assertEquals(2, account.code(), account.toString());
        assertFalse(account.err().contains("secret"), "the password is not repeated: " + account);

        Cli.Result twice = status("--hosts", hostsFile("h " + url + " monitor pw", "h " + url + " monitor pw").toString());
        assertEquals(2, twice.code(), twice.toString());
        assertTrue(twice.err().startsWith("host [h] is named twice"), twice.toString());

        Cli.Result missing = status("--hosts", dir.resolve("nowhere").toString());
        assertEquals(2, missing.code(), missing.toString());
        assertTrue(missing.err().contains("no such hosts file"), missing.toString());

        Cli.Result badName = status("--hosts", hostsFile("h\u001b[2J " + url + " monitor pw").toString());
        assertEquals(2, badName.code(), badName.toString());
        assertFalse(badName.err().contains("\u001b"), badName.toString());
    }

    @Test
    void aListOfUrlsIsAFleetTooWithNamesOrHostAndPort() {
        Messages messages = Messages.forLocale(Locale.ROOT);
        List<FleetHost> hosts = FleetHosts.of("web1=http://127.0.0.1:18771/jolokia/, http://127.0.0.1:18772/jolokia/", List.of(), messages);
        assertEquals(List.of(new FleetHost("web1", "http://127.0.0.1:18771/jolokia/", null, null),
                new FleetHost("127.0.0.1:18772", "http://127.0.0.1:18772/jolokia/", null, null)), hosts);
        assertThrows(CliException.class, () -> FleetHosts.of("127.0.0.1:1", List.of(), messages));
    }

    @Test
    void severalUrlsAreForStatusOnlyAndTimeoutGoesWithHosts() {
        Cli.Result reload = new Cli(dir, dir).run("reload", "--url", "http://127.0.0.1:1/jolokia/", "--url", "http://127.0.0.1:2/jolokia/");
        assertEquals(2, reload.code(), reload.toString());
        assertTrue(reload.err().startsWith("--url names one supervisor"), reload.toString());
        Cli.Result timeout = status("--timeout", "3");
        assertEquals(2, timeout.code(), timeout.toString());
    }

    @Test
    void miniJsonRefusesDeepNestingInsteadOfOverflowingTheStack() {
        assertEquals(List.of(List.of()), MiniJson.parse("[[]]"));
        MiniJson.parse("[".repeat(64) + "]".repeat(64));
        IllegalArgumentException deep = assertThrows(IllegalArgumentException.class,
                () -> MiniJson.parse("[".repeat(65) + "]".repeat(65)));
        assertTrue(deep.getMessage().contains("nested deeper than 64"), deep.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{\"a\":".repeat(1_000_000)));
    }
}
