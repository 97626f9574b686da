package org.imageserving.jolokia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.imageserving.config.ConfigException;
import org.imageserving.jmx.security.Accounts;
import org.imageserving.jmx.testing.Listeners;
import org.imageserving.testing.SleepingServers;
import org.imageserving.process.ServerState;
import org.jolokia.json.JSONArray;
import org.jolokia.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jolokia over real HTTP, with the shipped conf/jolokia-access.xml and both accounts. */
class JolokiaBridgeTest {
    private static final Path SHIPPED_POLICY = Path.of("conf", "jolokia-access.xml");
    private static final String SVG = "ImageServing:type=Server,name=svg";

    @TempDir
    Path base;

    private SleepingServers servers;
    private ManagedSleepers supervisor;
    private Accounts accounts;
    private JolokiaBridge bridge;
    private JolokiaClient client;

    @BeforeEach
    void start() throws Exception {
        supervisor = ManagedSleepers.started(base);
        servers = supervisor.servers();
        accounts = supervisor.accounts();
        bridge = JolokiaBridge.start(0, accounts, SHIPPED_POLICY);
        client = new JolokiaClient(bridge.url());
    }

    @AfterEach
    void stop() {
        bridge.close();
        supervisor.close();
    }

    @Test
    void bothRolesReadTheServers() throws Exception {
        for (String user : List.of("admin", "monitor")) {
            JolokiaClient.Response state = as(user, read(SVG, "\"State\""));
            assertEquals(200, state.httpStatus());
            assertEquals(200, state.status(), state.raw().body());
            assertEquals("RUNNING", state.value());
        }
    }

    @Test
    void oneRequestReadsTheStatusOfEveryServer() throws Exception {
        JolokiaClient.Response all = as("monitor",
                read("ImageServing:type=Server,*", "[\"State\",\"Pid\",\"Uptime\",\"HeapUsed\",\"HeapUsedKind\"]"));
        assertEquals(200, all.status(), all.raw().body());
        JSONObject byServer = (JSONObject) all.value();
        assertEquals(3, byServer.size(), byServer.toString());
        JSONObject svg = (JSONObject) byServer.get(SVG);
        assertEquals("RUNNING", svg.get("State"));
        assertEquals(servers.pid("svg"), ((Number) svg.get("Pid")).longValue());
        assertTrue(((Number) svg.get("HeapUsed")).longValue() > 0);
    }

    @Test
    void adminRestartsAServerAndMonitorCannot() throws Exception {
        long pid = servers.pid("svg");
        JolokiaClient.Response refused = as("monitor", exec(SVG, "restart"));
        assertEquals(200, refused.httpStatus());
        assertEquals(403, refused.status(), refused.raw().body());
        assertEquals(pid, servers.pid("svg"), "monitor did not restart svg");

        JolokiaClient.Response restarted = as("admin", exec(SVG, "restart"));
        assertEquals(200, restarted.status(), restarted.raw().body());
        assertEquals("RUNNING", restarted.value());
        assertNotEquals(pid, servers.pid("svg"));

        JolokiaClient.Response stopAll = as("admin", exec("ImageServing:type=Supervisor", "stopAll"));
        assertEquals(200, stopAll.status(), stopAll.raw().body());
        assertTrue(servers.supervisor().servers().stream().allMatch(s -> s.state() == ServerState.STOPPED));
    }

    @Test
    void refusesMissingOrWrongCredentialsWith401() throws Exception {
        String version = "{\"type\":\"version\"}";
        assertEquals(401, client.post(null, null, version).httpStatus());
        assertEquals(401, client.post("admin", "wrong", version).httpStatus());
        assertEquals(401, client.post("nobody", password("admin"), version).httpStatus());
        JolokiaClient.Response challenge = client.post(null, null, version);
        assertTrue(challenge.header("WWW-Authenticate").startsWith("Basic realm=\"jolokia\""));
        JolokiaClient.Response answer = as("monitor", version);
        assertEquals(200, answer.status());
        assertEquals(Boolean.TRUE, ((JSONObject) ((JSONObject) answer.value()).get("details")).get("secured"));
        // what hawtio reads to choose how to log in
        JolokiaClient.Response security = new JolokiaClient(bridge.url().resolve("config"))
                .get("monitor", password("monitor"), "config");
        assertTrue(security.raw().body().contains("\"authentication\":[{\"method\":\"basic\""), security.raw().body());
        // Stock Jolokia 2.4.2 runs any request POSTed to its /config context without credentials
        JolokiaClient config = new JolokiaClient(bridge.url().resolve("config"));
        assertEquals(401, config.post(null, null, read("java.lang:type=Memory", "\"HeapMemoryUsage\"")).httpStatus());
        assertEquals(401, config.get(null, null, "config/version").httpStatus());
    }

    @Test
    void deniesWhatThePolicyDoesNotGrantWith403InTheBody() throws Exception {
        Map<String, String> denied = Map.of(
                "other MBean", read("java.lang:type=Threading", "\"ThreadCount\""),
                "hidden java.lang attribute", read("java.lang:type=Runtime", "\"SystemProperties\""),
                "write", "{\"type\":\"write\",\"mbean\":\"" + SVG + "\",\"attribute\":\"State\",\"value\":\"STOPPED\"}",
                "java.lang exec", exec("java.lang:type=Memory", "gc"),
                "flight recorder", exec("jdk.management.jfr:type=FlightRecorder", "newRecording"),
                "list", "{\"type\":\"list\"}",
                "search", "{\"type\":\"search\",\"mbean\":\"*:*\"}");
        for (Map.Entry<String, String> request : denied.entrySet()) {
            JolokiaClient.Response response = as("admin", request.getValue());
            assertEquals(200, response.httpStatus(), request.getKey());
            assertEquals(403, response.status(), request.getKey() + ": " + response.raw().body());
        }
        JolokiaClient.Response heap = as("monitor",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\",\"path\":\"used\"}");
        assertEquals(200, heap.status(), heap.raw().body());
        assertEquals(200, as("monitor", read("java.lang:type=Runtime", "\"Uptime\"")).status());
    }

    @Test
    void neverProxiesToOtherJmxServers() throws Exception {
        // With the JSR-160 proxy on, this would try 127.0.0.1:1 and fail; off, "target" is ignored and the
        // supervisor's own figure comes back.
        JolokiaClient.Response proxied = as("admin", "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\","
                + "\"attribute\":\"Pid\",\"target\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi\"}}");
        assertEquals(200, proxied.status(), proxied.raw().body());
        assertEquals(ProcessHandle.current().pid(), ((Number) proxied.value()).longValue());
    }

    @Test
    void getReadsButNeverExecutes() throws Exception {
        JolokiaClient.Response read = client.get("monitor", password("monitor"), "read/" + SVG + "/State");
        assertEquals(200, read.status(), read.raw().body());
        assertEquals("RUNNING", read.value());

        long pid = servers.pid("svg");
        JolokiaClient.Response exec = client.get("admin", password("admin"), "exec/" + SVG + "/restart");
        assertEquals(405, exec.httpStatus(), exec.raw().body());
        assertEquals(405, exec.status());
        assertEquals(pid, servers.pid("svg"));
    }

    @Test
    void corsTrustsNoPageByDefault() throws Exception {
        String version = "{\"type\":\"version\"}";
        JolokiaClient.Response local = client.post("monitor", password("monitor"), version, "http://localhost:3000");
        assertEquals(403, local.httpStatus(), local.raw().body());
        assertNull(local.header("Access-Control-Allow-Origin"));

        long pid = servers.pid("svg");
        JolokiaClient.Response foreign = client.post("admin", password("admin"), exec(SVG, "restart"), "http://evil.example");
        assertEquals(403, foreign.httpStatus(), foreign.raw().body());
        assertNull(foreign.header("Access-Control-Allow-Origin"));
        assertEquals(pid, servers.pid("svg"), "a foreign page cannot restart svg");

        assertEquals(403, client.options("http://127.0.0.1:8081").httpStatus());
        assertEquals(403, client.options("http://evil.example").httpStatus());
    }

    @Test
    void stateChangesReachNotificationClients() throws Exception {
        for (String user : List.of("admin", "monitor")) {
            JolokiaClient.Response registered = as(user, "{\"type\":\"notification\",\"command\":\"register\"}");
            assertEquals(200, registered.status(), registered.raw().body());
            JSONObject value = (JSONObject) registered.value();
            String clientId = (String) value.get("id");
            String store = (String) ((JSONObject) ((JSONObject) value.get("backend")).get("pull")).get("store");
            JolokiaClient.Response added = as(user, "{\"type\":\"notification\",\"command\":\"add\",\"client\":\""
                    + clientId + "\",\"mode\":\"pull\",\"mbean\":\"" + SVG + "\"}");
            assertEquals(200, added.status(), added.raw().body());
            String handle = (String) added.value();

            servers.server("svg").restart().toCompletableFuture().get(60, TimeUnit.SECONDS);

            List<String> changes = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!changes.contains("STARTING->RUNNING") && System.nanoTime() < deadline) {
                JolokiaClient.Response pulled = as(user, "{\"type\":\"exec\",\"mbean\":\"" + store
                        + "\",\"operation\":\"pull\",\"arguments\":[\"" + clientId + "\",\"" + handle + "\"]}");
                assertEquals(200, pulled.status(), user + ": " + pulled.raw().body());
                for (Object n : (JSONArray) ((JSONObject) pulled.value()).get("notifications")) {
                    JSONObject notification = (JSONObject) n;
                    assertEquals("jmx.attribute.change", notification.get("type"));
                    changes.add(notification.get("oldValue") + "->" + notification.get("newValue"));
                }
            }
            assertEquals(List.of("RUNNING->STOPPING", "STOPPING->STOPPED", "STOPPED->STARTING", "STARTING->RUNNING"),
                    changes, user);
            as(user, "{\"type\":\"notification\",\"command\":\"unregister\",\"client\":\"" + clientId + "\"}");
        }
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        List<String> ours = Listeners.ofThisJvm();
        assertEquals(List.of("127.0.0.1:" + bridge.port()), ours);
    }

    @Test
    void refusesToStartWithoutAUsablePolicy() throws Exception {
        Path missing = base.resolve("conf/none.xml");
        assertEquals(missing + " not found: Jolokia needs its access policy; fix: restore the file from the"
                        + " distribution, or set the Jolokia port to 0 to turn Jolokia off",
                assertThrows(ConfigException.class, () -> JolokiaBridge.start(0, accounts, missing)).getMessage());

        Path broken = write("broken.xml", "<restrict>\n  <allow>\n</restrict>\n");
        String message = assertThrows(ConfigException.class, () -> JolokiaBridge.start(0, accounts, broken)).getMessage();
        assertTrue(message.startsWith(broken + ":3: "), message);

        Path open = write("open.xml", "<restrict><allow><mbean><name>*:*</name></mbean></allow></restrict>");
        message = assertThrows(ConfigException.class, () -> JolokiaBridge.start(0, accounts, open)).getMessage();
        assertTrue(message.contains("no <commands> section"), message);

        Path badName = write("bad-name.xml", "<restrict><commands><command>version</command></commands>"
                + "<allow><mbean><name>no colon</name></mbean></allow></restrict>");
        message = assertThrows(ConfigException.class, () -> JolokiaBridge.start(0, accounts, badName)).getMessage();
        assertTrue(message.startsWith(badName + ": "), message);
        assertEquals(1, Listeners.ofThisJvm().size(), "nothing left listening");
    }

    private Path write(String name, String xml) throws Exception {
        Path file = base.resolve(name);
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return file;
    }

    private JolokiaClient.Response as(String user, String json) throws Exception {
        return client.post(user, password(user), json);
    }

    private String password(String user) {
        return accounts.password(user).orElseThrow();
    }

    private static String read(String mbean, String attribute) {
        return "{\"type\":\"read\",\"mbean\":\"" + mbean + "\",\"attribute\":" + attribute + "}";
    }

    private static String exec(String mbean, String operation) {
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\",\"arguments\":[]}";
    }
}
