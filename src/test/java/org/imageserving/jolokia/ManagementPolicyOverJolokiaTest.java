package org.imageserving.jolokia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.imageserving.jmx.security.Accounts;
import org.imageserving.testing.SleepingServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows of the RMI role matrix (ManagementPolicyOverRmiTest) over Jolokia HTTP. The roles come from
 * ManagementPolicy, not from the policy file: with a file that allows every read and exec, readwrite still
 * cannot run the JVM's operations and readonly still cannot read its secrets, while unrestricted can.
 */
class ManagementPolicyOverJolokiaTest {
    private static final String SVG = "ImageServing:type=Server,name=svg";

    @TempDir
    Path base;

    private SleepingServers servers;
    private ManagedSleepers supervisor;
    private Accounts accounts;
    private JolokiaBridge bridge;
    private JolokiaClient client;

    void start(Path policy) throws Exception {
        Path conf = Files.createDirectories(base.resolve("conf"));
        writeOwnerOnly(conf.resolve("jmxremote.password"), "admin a-secret\nmonitor m-secret\njvm j-secret\n");
        writeOwnerOnly(conf.resolve("jmxremote.access"), "admin readwrite\nmonitor readonly\njvm unrestricted\n");
        supervisor = ManagedSleepers.started(base);
        servers = supervisor.servers();
        accounts = supervisor.accounts();
        bridge = JolokiaBridge.start(0, accounts, policy);
        client = new JolokiaClient(bridge.url());
    }

    @AfterEach
    void stop() {
        bridge.close();
        supervisor.close();
    }

    @Test
    void theShippedPolicyAndTheRolesRefuseAsOverRmi() throws Exception {
        start(Path.of("conf", "jolokia-access.xml"));
        assertEquals(403, as("monitor", read("java.lang:type=Runtime", "SystemProperties")).status());
        assertEquals(403, as("monitor", read("java.lang:type=Runtime", "InputArguments")).status());
        assertEquals(200, as("monitor", read("java.lang:type=Runtime", "Uptime")).status());
        assertEquals(403, as("monitor", exec(SVG, "restart", "")).status());
        assertEquals(403, as("admin", exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap",
                "\"" + base.resolve("heap.hprof") + "\",true")).status());
        assertEquals(false, Files.exists(base.resolve("heap.hprof")));
        long pid = servers.pid("svg");
        JolokiaClient.Response restarted = as("admin", exec(SVG, "restart", ""));
        assertEquals(200, restarted.status(), restarted.raw().body());
        assertNotEquals(pid, servers.pid("svg"));

        // the reporting forms, as the control script calls them over RMI: same roles, the answer as a JSON object
        assertEquals(403, as("monitor", exec(SVG, "stopAndReport", "")).status());
        JolokiaClient.Response stopped = as("admin", exec(SVG, "stopAndReport", ""));
        assertEquals(200, stopped.status(), stopped.raw().body());
        assertTrue(stopped.raw().body().contains("\"state\":\"STOPPED\""), stopped.raw().body());
        assertTrue(stopped.raw().body().contains("\"changed\":true"), stopped.raw().body());
    }

    @Test
    void rolesHoldEvenUnderAPolicyFileThatAllowsEverything() throws Exception {
        Path open = base.resolve("open.xml");
        Files.writeString(open, "<restrict><commands><command>read</command><command>exec</command>"
                + "<command>version</command></commands></restrict>");
        start(open);
        JolokiaClient.Response gc = as("admin", exec("java.lang:type=Memory", "gc", ""));
        assertEquals(403, gc.status(), gc.raw().body());
        assertEquals(403, as("monitor", read("java.lang:type=Runtime", "SystemProperties")).status());
        assertEquals(403, as("admin", read("java.lang:type=Runtime", "InputArguments")).status());
        JolokiaClient.Response unrestricted = as("jvm", exec("java.lang:type=Memory", "gc", ""));
        assertEquals(200, unrestricted.status(), unrestricted.raw().body());
        assertEquals(200, as("jvm", read("java.lang:type=Runtime", "SystemProperties")).status());
    }

    private JolokiaClient.Response as(String user, String json) throws Exception {
        return client.post(user, accounts.password(user).orElseThrow(), json);
    }

    private static String read(String mbean, String attribute) {
        return "{\"type\":\"read\",\"mbean\":\"" + mbean + "\",\"attribute\":\"" + attribute + "\"}";
    }

    private static String exec(String mbean, String operation, String arguments) {
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\",\"arguments\":["
                + arguments + "]}";
    }

    private static void writeOwnerOnly(Path file, String text) throws Exception {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }
}
