package org.imageserving.jolokia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imageserving.jmx.security.Accounts;
import org.imageserving.testing.SleepingServers;
import org.imageserving.process.ServerState;
import org.jolokia.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests of a hostile web page, a hostile local user and a curious read-only account, sent as raw bytes or
 * with java.net.http to a real bridge with the shipped policy; each was served by the bridge before these guards.
 */
class JolokiaHostileRequestsTest {
    private static final Path SHIPPED_POLICY = Path.of("conf", "jolokia-access.xml");
    private static final String SVG = "ImageServing:type=Server,name=svg";
    private static final String RESTART_SVG = "{\"type\":\"exec\",\"mbean\":\"" + SVG + "\",\"operation\":\"restart\"}";
    private static final String VERSION = "{\"type\":\"version\"}";

    @TempDir
    Path base;

    private SleepingServers servers;
    private ManagedSleepers supervisor;
    private Accounts accounts;
    private JolokiaBridge bridge;

    @BeforeEach
    void start() throws Exception {
        supervisor = ManagedSleepers.started(base);
        servers = supervisor.servers();
        accounts = supervisor.accounts();
        bridge = JolokiaBridge.start(0, accounts, SHIPPED_POLICY);
    }

    @AfterEach
    void stop() {
        bridge.close();
        supervisor.close();
    }

    @Test
    void onlyAJsonPostMayExecOrWrite() throws Exception {
        long pid = svgPid();
        String admin = auth("admin");
        List<RawHttp.Answer> refused = new ArrayList<>();
        // what an <img> or a link sends: the type in ?p=, in the path, or behind the /config context
        refused.add(get("/jolokia/?p=/exec/" + SVG + "/restart", admin));
        refused.add(get("/jolokia/?p=%2Fexec%2F" + SVG + "%2Frestart", admin));
        refused.add(get("/jolokia/read/" + SVG + "/State?p=/exec/" + SVG + "/restart", admin));
        refused.add(get("/jolokia/exec/" + SVG + "/restart", admin));
        refused.add(get("/jolokia/config/exec/" + SVG + "/restart", admin));
        refused.add(get("/jolokia/write/" + SVG + "/State/STOPPED", admin));
        refused.add(get("/jolokia/notification/register", admin));
        for (RawHttp.Answer answer : refused) {
            assertEquals(405, answer.status(), answer.toString());
        }
        // what a form or fetch() without a preflight sends: the CORS "simple" types, and no type at all
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain; charset=application/json")) {
            RawHttp.Answer answer = post("/jolokia/", RESTART_SVG, admin, "Content-Type: " + type);
            assertEquals(415, answer.status(), type + ": " + answer);
        }
        assertEquals(415, post("/jolokia/", RESTART_SVG, admin).status());
        assertEquals(405, RawHttp.send(bridge.port(), "PUT /jolokia/ HTTP/1.0", RESTART_SVG, host(), admin,
                "Content-Type: application/json").status());
        assertEquals(pid, svgPid(), "svg was not restarted");
        assertEquals(ServerState.RUNNING, servers.server("svg").state());

        // JSONP would hand a read to a <script> tag on any page
        RawHttp.Answer jsonp = get("/jolokia/read/" + SVG + "/State?callback=steal", auth("monitor"));
        assertEquals(403, jsonp.status(), jsonp.toString());
        assertFalse(jsonp.body().contains("steal"), jsonp.body());

        // reads still work over GET, and the JSON POST (also as jolokia.js sends it, text/json) still acts
        RawHttp.Answer read = get("/jolokia/read/" + SVG + "/State", auth("monitor"));
        assertEquals(200, read.status(), read.toString());
        assertTrue(read.body().contains("\"value\":\"RUNNING\""), read.body());
        RawHttp.Answer restart = post("/jolokia/", RESTART_SVG, admin, "Content-Type: text/json; charset=utf-8");
        assertTrue(restart.body().contains("\"status\":200"), restart.toString());
        assertTrue(svgPid() != pid, "the JSON POST restarted svg");
    }

    @Test
    void noOriginIsTrustedByDefault() throws Exception {
        long pid = svgPid();
        for (String origin : List.of("http://localhost:8080", "http://127.0.0.1:" + bridge.port(), "http://localhost",
                "null", "http://evil.example")) {
            RawHttp.Answer version = post("/jolokia/", VERSION, auth("monitor"), "Content-Type: application/json",
                    "Origin: " + origin);
            assertEquals(403, version.status(), origin + ": " + version);
            assertNull(version.header("Access-Control-Allow-Origin"), origin);
            RawHttp.Answer restart = post("/jolokia/", RESTART_SVG, auth("admin"), "Content-Type: application/json",
                    "Origin: " + origin);
            assertEquals(403, restart.status(), origin + ": " + restart);
            RawHttp.Answer preflight = RawHttp.send(bridge.port(), "OPTIONS /jolokia/ HTTP/1.0", null, host(),
                    "Origin: " + origin, "Access-Control-Request-Method: POST");
            assertEquals(403, preflight.status(), origin + ": " + preflight);
        }
        assertEquals(pid, svgPid());
    }

    @Test
    void anOperatorListsTheOriginsItTrusts() throws Exception {
        bridge.close();
        Path policy = base.resolve("listed-origin.xml");
        Files.writeString(policy, Files.readString(SHIPPED_POLICY).replace("<cors>",
                "<cors><allow-origin>http://127.0.0.1:3000</allow-origin>"), StandardCharsets.UTF_8);
        bridge = JolokiaBridge.start(0, accounts, policy);
        RawHttp.Answer listed = post("/jolokia/", VERSION, auth("monitor"), "Content-Type: application/json",
                "Origin: http://127.0.0.1:3000");
        assertEquals(200, listed.status(), listed.toString());
        assertEquals("http://127.0.0.1:3000", listed.header("Access-Control-Allow-Origin"));
        assertEquals(403, post("/jolokia/", VERSION, auth("monitor"), "Content-Type: application/json",
                "Origin: http://localhost:8080").status());
    }

    @Test
    void onlyLoopbackHostHeadersWithTheBridgePortAreServed() throws Exception {
        int port = bridge.port();
        String monitor = auth("monitor");
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST:" + port)) {
            RawHttp.Answer answer = RawHttp.send(port, "GET /jolokia/version HTTP/1.1", null, "Host: " + host, monitor,
                    "Connection: close");
            assertEquals(200, answer.status(), host + ": " + answer);
        }
        long pid = svgPid();
        for (String host : List.of("rebind.attacker.example:" + port, "rebind.attacker.example", "127.0.0.1",
                "127.0.0.1:" + (port == 65535 ? 1 : port + 1), "localhost.attacker.example:" + port, "0.0.0.0:" + port)) {
            RawHttp.Answer answer = RawHttp.send(port, "POST /jolokia/ HTTP/1.1", RESTART_SVG, "Host: " + host,
                    auth("admin"), "Content-Type: application/json", "Connection: close");
            assertEquals(403, answer.status(), host + ": " + answer);
            assertNull(answer.header("WWW-Authenticate"), "refused before authentication");
        }
        RawHttp.Answer noHost = RawHttp.send(port, "GET /jolokia/version HTTP/1.0", null, monitor);
        assertEquals(403, noHost.status(), noHost.toString());
        assertEquals(pid, svgPid());

        bridge.close();
        Path policy = base.resolve("extra-host.xml");
        Files.writeString(policy, Files.readString(SHIPPED_POLICY).replace("<host-header>",
                "<host-header><allow-host>ImageServing.internal</allow-host>"), StandardCharsets.UTF_8);
        bridge = JolokiaBridge.start(0, accounts, policy);
        assertEquals(200, RawHttp.send(bridge.port(), "GET /jolokia/version HTTP/1.0", null,
                "Host: imageserving.internal:" + bridge.port(), monitor).status());
        assertEquals(403, RawHttp.send(bridge.port(), "GET /jolokia/version HTTP/1.0", null,
                "Host: imageserving.internal:" + port, monitor).status());
    }

    @Test
    void answersCarryNoStackTraces() throws Exception {
        String missing = "{\"type\":\"read\",\"mbean\":\"" + SVG + "\",\"attribute\":\"NoSuchAttribute\"}";
        String inConfig = "{\"type\":\"read\",\"mbean\":\"" + SVG + "\",\"attribute\":\"NoSuchAttribute\","
                + "\"config\":{\"includeStackTrace\":\"true\",\"serializeException\":\"true\"}}";
        List<RawHttp.Answer> answers = List.of(
                post("/jolokia/?includeStackTrace=true&serializeException=true", missing, auth("monitor"),
                        "Content-Type: application/json"),
                post("/jolokia/?includeStackTrace=runtime", "{\"type\":\"read\",\"mbean\":\"no colon\"}", auth("monitor"),
                        "Content-Type: application/json"),
                post("/jolokia/", inConfig, auth("admin"), "Content-Type: application/json"),
                get("/jolokia/read/" + SVG + "/NoSuchAttribute?includeStackTrace=true&serializeException=true",
                        auth("monitor")));
        for (RawHttp.Answer answer : answers) {
            assertEquals(200, answer.status(), answer.toString());
            JSONObject json = (JSONObject) JolokiaClient.parse(answer.body());
            assertTrue(((Number) json.get("status")).intValue() >= 400, answer.body());
            assertFalse(json.containsKey("stacktrace"), answer.body());
            assertFalse(json.containsKey("error_value"), answer.body());
            assertFalse(answer.body().contains("\\tat ") || answer.body().contains("at org."), answer.body());
        }
    }

    @Test
    void notificationListenersOnlyOnTheMBeansThePolicyNames() throws Exception {
        for (String user : List.of("monitor", "admin")) {
            RawHttp.Answer registered = post("/jolokia/", "{\"type\":\"notification\",\"command\":\"register\"}",
                    auth(user), "Content-Type: application/json");
            JSONObject value = (JSONObject) ((JSONObject) JolokiaClient.parse(registered.body())).get("value");
            String client = (String) value.get("id");
            for (String mbean : List.of("java.lang:type=Memory", "JMImplementation:type=MBeanServerDelegate",
                    "java.lang:type=GarbageCollector,name=Copy", "ImageServing:*", "jolokia:type=Config")) {
                String add = add(client, mbean);
                RawHttp.Answer alone = post("/jolokia/", add, auth(user), "Content-Type: application/json");
                assertEquals(403, alone.status(), user + " " + mbean + ": " + alone);
                RawHttp.Answer inBulk = post("/jolokia/", "[" + add(client, SVG) + "," + add + "]", auth(user),
                        "Content-Type: application/json");
                assertEquals(403, inBulk.status(), user + " " + mbean + " in a bulk: " + inBulk);
            }
            // the type and command as Jolokia also reads them: any case, and unicode escapes
            RawHttp.Answer escaped = post("/jolokia/", "{\"type\":\"NOTIFIC\\u0041TION\",\"command\":\"Add\",\"client\":\""
                    + client + "\",\"mode\":\"pull\",\"mbean\":\"java.lang:type=Memory\"}", auth(user),
                    "Content-Type: application/json");
            assertEquals(403, escaped.status(), escaped.toString());
            assertEquals(405, get("/jolokia/notification/add/" + client + "/pull/java.lang:type=Memory", auth(user)).status());

            RawHttp.Answer allowed = post("/jolokia/", add(client, SVG), auth(user), "Content-Type: application/json");
            assertTrue(allowed.body().contains("\"status\":200"), allowed.toString());
            post("/jolokia/", "{\"type\":\"notification\",\"command\":\"unregister\",\"client\":\"" + client + "\"}",
                    auth(user), "Content-Type: application/json");
        }
    }

    @Test
    void notificationClientsAndListenersAreBounded() throws Exception {
        String monitor = auth("monitor");
        String register = "{\"type\":\"notification\",\"command\":\"register\"}";
        // Jolokia never drops an abandoned client: a bulk of registrations, again and again, would fill the heap
        RawHttp.Answer flood = post("/jolokia/", "[" + String.join(",", Collections.nCopies(BodyGuard.MAX_BULK, register))
                + "]", monitor, "Content-Type: application/json");
        assertEquals(429, flood.status(), flood.toString());
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < NotificationBudget.MAX_CLIENTS; i++) {
            RawHttp.Answer registered = post("/jolokia/?includeRequest=false", register, monitor, "Content-Type: application/json");
            assertEquals(200, registered.status(), registered.toString());
            clients.add((String) ((JSONObject) ((JSONObject) JolokiaClient.parse(registered.body())).get("value")).get("id"));
        }
        assertEquals(429, post("/jolokia/", register, monitor, "Content-Type: application/json").status());
        // only an id Jolokia handed out frees a slot
        post("/jolokia/", "{\"type\":\"notification\",\"command\":\"unregister\",\"client\":\"made-up\"}", monitor,
                "Content-Type: application/json");
        assertEquals(429, post("/jolokia/", register, monitor, "Content-Type: application/json").status());
        post("/jolokia/", "{\"type\":\"notification\",\"command\":\"unregister\",\"client\":\"" + clients.remove(0)
                + "\"}", monitor, "Content-Type: application/json");
        RawHttp.Answer again = post("/jolokia/", "[" + register + "]", monitor, "Content-Type: application/json");
        assertTrue(again.status() == 200 && again.body().contains("\"status\":200"), again.toString());

        String client = clients.get(0);
        for (int i = 0; i < NotificationBudget.MAX_ADDS_PER_CLIENT; i++) {
            RawHttp.Answer added = post("/jolokia/", add(client, SVG), monitor, "Content-Type: application/json");
            assertTrue(added.body().contains("\"status\":200"), added.toString());
        }
        assertEquals(429, post("/jolokia/", add(client, SVG), monitor, "Content-Type: application/json").status());
        assertEquals(403, post("/jolokia/", add("made-up", SVG), monitor, "Content-Type: application/json").status());
    }

    @Test
    void boundsTheBodyBeforeJolokiaParsesIt() throws Exception {
        String monitor = auth("monitor");
        String tooLong = "[" + String.join(",", Collections.nCopies(4000, VERSION)) + "]";
        assertTrue(tooLong.length() > BodyGuard.MAX_BYTES);
        assertEquals(413, post("/jolokia/", tooLong, monitor, "Content-Type: application/json").status());

        String fifty = "[" + String.join(",", Collections.nCopies(BodyGuard.MAX_BULK, VERSION)) + "]";
        RawHttp.Answer bulk = post("/jolokia/", fifty, monitor, "Content-Type: application/json");
        assertEquals(200, bulk.status(), bulk.toString());
        assertEquals(BodyGuard.MAX_BULK, ((List<?>) JolokiaClient.parse(bulk.body())).size());
        String fiftyOne = "[" + String.join(",", Collections.nCopies(BodyGuard.MAX_BULK + 1, VERSION)) + "]";
        assertEquals(400, post("/jolokia/", fiftyOne, monitor, "Content-Type: application/json").status());
        String manyEmpty = "[" + String.join(",", Collections.nCopies(BodyGuard.MAX_BULK + 1, "{}")) + "]";
        assertEquals(400, post("/jolokia/", manyEmpty, monitor, "Content-Type: application/json").status());
        // brackets inside strings are not structure
        String bracketsInStrings = "[{\"type\":\"read\",\"mbean\":\"" + SVG + "\",\"attribute\":\"State\",\"path\":\"[[[[,,,,\"}]";
        assertEquals(200, post("/jolokia/", bracketsInStrings, monitor, "Content-Type: application/json").status());

        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertEquals(400, post("/jolokia/", deep, monitor, "Content-Type: application/json").status());
        RawHttp.Answer chunked = RawHttp.exchange(bridge.port(), ("POST /jolokia/ HTTP/1.1\r\n" + host() + "\r\n" + monitor
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(VERSION.length()) + "\r\n" + VERSION + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(411, chunked.status(), chunked.toString());
        // and the bridge answers as before
        assertEquals(200, post("/jolokia/", VERSION, monitor, "Content-Type: application/json").status());
    }

    @Test
    void aMalformedAuthorizationIsA401NotADroppedConnection() throws Exception {
        String colonless = java.util.Base64.getEncoder().encodeToString("admin".getBytes(StandardCharsets.UTF_8));
        for (String authorization : List.of("Basic !!!not-base64!!!", "Basic " + colonless, "Basic", "Basic ",
                "Bearer abc", "Basic " + "A".repeat(8 * 1024), "basic\u00e9\u00ff", "Basic =")) {
            RawHttp.Answer answer = RawHttp.send(bridge.port(), "POST /jolokia/ HTTP/1.0", VERSION, host(),
                    "Authorization: " + authorization, "Content-Type: application/json");
            assertEquals(401, answer.status(), authorization + ": " + answer);
            assertTrue(answer.header("WWW-Authenticate").startsWith("Basic realm=\"jolokia\""), answer.toString());
        }
        // headers beyond the HTTP server's limit: it refuses them itself (and may reset the connection), and serves on
        RawHttp.send(bridge.port(), "POST /jolokia/ HTTP/1.0", VERSION, host(),
                "Authorization: Basic " + "A".repeat(64 * 1024), "Content-Type: application/json");
        assertEquals(200, post("/jolokia/", VERSION, auth("monitor"), "Content-Type: application/json").status());
    }

    @Test
    void curlsRequestsAreJudgedTheSame() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl not installed (.ci/run installs it)");
        long pid = svgPid();
        String url = "http://127.0.0.1:" + bridge.port() + "/jolokia/";
        assertEquals("405", curl("admin", url + "?p=/exec/" + SVG + "/restart"));
        assertEquals("415", curl("admin", url, "-d", RESTART_SVG)); // curl -d sends a form
        assertEquals("415", curl("admin", url, "-H", "Content-Type: text/plain", "-d", RESTART_SVG));
        assertEquals("403", curl("admin", url, "-H", "Host: rebind.attacker.example:" + bridge.port(),
                "-H", "Content-Type: application/json", "-d", RESTART_SVG));
        assertEquals("403", curl("admin", url, "-H", "Origin: http://localhost:8080",
                "-H", "Content-Type: application/json", "-d", RESTART_SVG));
        assertEquals(pid, svgPid());
        assertEquals("200", curl("monitor", url + "read/" + SVG + "/State"));
        assertEquals("200", curl("admin", url, "-H", "Content-Type: application/json", "-d", RESTART_SVG));
        assertTrue(svgPid() != pid);
    }

    /** curl's HTTP status; the credentials go in a config file, not on the command line. */
    private String curl(String user, String url, String... options) throws Exception {
        Path config = Files.writeString(base.resolve("curl-" + user + ".conf"),
                "user = \"" + user + ":" + accounts.password(user).orElseThrow() + "\"\n", StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "60", "-K", config.toString()));
        command.addAll(List.of(options));
        command.add(url);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(curl.waitFor(90, TimeUnit.SECONDS));
        return out;
    }

    private static String add(String client, String mbean) {
        return "{\"type\":\"notification\",\"command\":\"add\",\"client\":\"" + client + "\",\"mode\":\"pull\",\"mbean\":\""
                + mbean + "\"}";
    }

    private long svgPid() {
        return servers.pid("svg");
    }

    private String host() {
        return "Host: 127.0.0.1:" + bridge.port();
    }

    private String auth(String user) {
        return "Authorization: " + RawHttp.basic(user, accounts.password(user).orElseThrow());
    }

    private RawHttp.Answer get(String target, String... headers) throws Exception {
        return RawHttp.send(bridge.port(), "GET " + target + " HTTP/1.0", null, withHost(headers));
    }

    private RawHttp.Answer post(String target, String body, String... headers) throws Exception {
        return RawHttp.send(bridge.port(), "POST " + target + " HTTP/1.0", body, withHost(headers));
    }

    private String[] withHost(String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        all.add(0, host());
        return all.toArray(String[]::new);
    }
}
