package org.imageserving.jolokia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.imageserving.jmx.security.Accounts;
import org.imageserving.testing.SleepingServers;
import org.jolokia.json.JSONArray;
import org.jolokia.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/jolokia-access-hawtio.xml against the bridge, with the requests hawtio sends when it connects and shows its
 * tree (as jolokia.js sends them: POST, text/json, processing options in the body's config). With the default
 * policy the same sequence gets 403 for list, which is hawtio's blank page.
 */
class HawtioPolicyTest {
    private static final Path HAWTIO_POLICY = Path.of("conf", "jolokia-access-hawtio.xml");
    private static final String SVG = "ImageServing:type=Server,name=svg";

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
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        supervisor.close();
    }

    @Test
    void hawtioDrawsAReadOnlyTree() throws Exception {
        bridge = JolokiaBridge.start(0, accounts, HAWTIO_POLICY);
        // 1. connect: version
        JSONObject version = single("monitor", "{\"type\":\"version\"}");
        assertEquals(200, status(version), version.toString());

        // 2. the RBAC registry it looks for first (absent here), then the tree
        JSONObject rbac = single("monitor", "{\"type\":\"search\",\"mbean\":\"hawtio:type=security,name=RBACRegistry\"}");
        assertEquals(200, status(rbac), rbac.toString());
        assertEquals(0, ((JSONArray) rbac.get("value")).size());
        JSONObject list = single("monitor", "{\"type\":\"list\",\"config\":{\"maxDepth\":7,\"maxCollectionSize\":0,"
                + "\"ignoreErrors\":true,\"canonicalNaming\":false}}");
        assertEquals(200, status(list), list.toString());
        JSONObject domains = (JSONObject) list.get("value");
        assertTrue(domains.containsKey("ImageServing"), domains.keySet().toString());
        assertTrue(((JSONObject) domains.get("ImageServing")).containsKey("type=Server,name=svg"),
                ((JSONObject) domains.get("ImageServing")).keySet().toString());
        assertTrue(domains.containsKey("java.lang"), domains.keySet().toString());
        for (String hidden : List.of("jdk.management.jfr", "com.sun.management", "jolokia")) {
            assertFalse(domains.containsKey(hidden), hidden + " is filtered out of the tree: " + domains.keySet());
        }

        // 3. search, as the tree's plugins do
        JSONObject search = single("monitor", "{\"type\":\"search\",\"mbean\":\"*:*\"}");
        assertEquals(200, status(search), search.toString());
        String found = search.get("value").toString();
        assertTrue(found.contains(SVG) && found.contains("java.lang:type=Memory"), found);
        assertFalse(found.contains("HotSpotDiagnostic") || found.contains("jdk.management.jfr"), found);

        // 4. an MBean selected: a bulk read of its attributes (and of others for the charts)
        JSONArray bulk = bulk("monitor", "[{\"type\":\"read\",\"mbean\":\"" + SVG + "\"},"
                + "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\"},"
                + "{\"type\":\"read\",\"mbean\":\"java.lang:type=Threading\",\"attribute\":[\"ThreadCount\",\"PeakThreadCount\"]},"
                + "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Uptime\"}]");
        for (Object answer : bulk) {
            assertEquals(200, status((JSONObject) answer), answer.toString());
        }
        assertEquals("RUNNING", ((JSONObject) ((JSONObject) bulk.get(0)).get("value")).get("State"));
        JSONObject runtime = single("monitor", "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"config\":{\"ignoreErrors\":true}}");
        // hawtio reads every attribute with ignoreErrors: the denied ones come back as errors, without their values
        assertEquals(200, status(runtime), runtime.toString());
        JSONObject attributes = (JSONObject) runtime.get("value");
        assertTrue(((Number) attributes.get("Uptime")).longValue() > 0);
        for (String secret : List.of("SystemProperties", "InputArguments", "ClassPath")) {
            assertEquals(Boolean.TRUE, ((JSONObject) attributes.get(secret)).get(".error"), secret);
        }
        assertFalse(runtime.toString().contains("java.home"), runtime.toString());

        // what stays hidden: secrets, and anything that writes or dumps
        for (String denied : List.of(
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\"}",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"InputArguments\"}",
                "{\"type\":\"read\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\",\"attribute\":\"DiagnosticOptions\"}",
                "{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\",\"operation\":\"dumpHeap\",\"arguments\":[\"/tmp/x.hprof\",true]}",
                "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\",\"arguments\":[]}",
                "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}")) {
            assertEquals(403, status(single("admin", denied)), denied);
        }

        // 5. an operation: refused for monitor, run for admin
        long pid = servers.pid("svg");
        String restart = "{\"type\":\"exec\",\"mbean\":\"" + SVG + "\",\"operation\":\"restart\",\"arguments\":[]}";
        assertEquals(403, status(single("monitor", restart)));
        assertEquals(pid, servers.pid("svg"), "monitor did not restart svg");
        assertEquals(200, status(single("admin", restart)));
        assertNotEquals(pid, servers.pid("svg"));
    }

    @Test
    void theDefaultPolicyRefusesHawtiosTree() throws Exception {
        bridge = JolokiaBridge.start(0, accounts, Path.of("conf", "jolokia-access.xml"));
        assertEquals(403, status(single("monitor", "{\"type\":\"list\",\"config\":{\"maxDepth\":7}}")));
    }

    private JSONObject single(String user, String json) throws Exception {
        return (JSONObject) JolokiaClient.parse(post(user, json).body());
    }

    private JSONArray bulk(String user, String json) throws Exception {
        return (JSONArray) JolokiaClient.parse(post(user, json).body());
    }

    private RawHttp.Answer post(String user, String json) throws Exception {
        RawHttp.Answer answer = RawHttp.send(bridge.port(), "POST /jolokia/ HTTP/1.0", json,
                "Host: localhost:" + bridge.port(), "Authorization: " + RawHttp.basic(user, accounts.password(user).orElseThrow()),
                "Content-Type: text/json", "Accept: application/json");
        assertEquals(200, answer.status(), answer.toString());
        return answer;
    }

    private static long status(JSONObject answer) {
        return ((Number) answer.get("status")).longValue();
    }
}
