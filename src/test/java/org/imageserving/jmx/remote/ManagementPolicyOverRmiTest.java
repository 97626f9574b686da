package org.imageserving.jmx.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.rmi.AccessException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;

import org.imageserving.jmx.MBeanNames;
import org.imageserving.jmx.ManagementBeans;
import org.imageserving.jmx.security.Accounts;
import org.imageserving.jmx.security.CredentialFiles;
import org.imageserving.testing.SleepingServers;
import org.imageserving.testing.OtherUser;
import org.imageserving.testing.RoguePrograms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roles over real RMI connections to the supervisor's connector on the platform MBean server (where the
 * JVM's dangerous MBeans live): admin (readwrite), monitor (readonly) and a test account with the unrestricted
 * role that no shipped account has. Also the read-only registry and the deserialisation filter.
 */
class ManagementPolicyOverRmiTest {
    private static final ObjectName SVG = MBeanNames.server("svg");
    private static final ObjectName RUNTIME = name("java.lang:type=Runtime");
    private static final ObjectName MEMORY = name("java.lang:type=Memory");
    private static final ObjectName HOTSPOT = name("com.sun.management:type=HotSpotDiagnostic");
    private static final ObjectName DIAGNOSTIC = name("com.sun.management:type=DiagnosticCommand");
    private static final ObjectName JFR = name("jdk.management.jfr:type=FlightRecorder");
    private static final ObjectName LOGGING = name("java.util.logging:type=Logging");

    @TempDir
    Path base;

    private final MBeanServer mbeanServer = ManagementFactory.getPlatformMBeanServer();
    private SleepingServers servers;
    private ManagementBeans beans;
    private Accounts accounts;
    private JmxConnector connector;

    @BeforeEach
    void start() throws Exception {
        servers = SleepingServers.started(base);
        beans = ManagementBeans.register(mbeanServer, servers.supervisor(), () -> { });
        Path conf = Files.createDirectories(base.resolve("conf"));
        writeOwnerOnly(conf.resolve("jmxremote.password"), "admin a-secret\nmonitor m-secret\njvm j-secret\n");
        writeOwnerOnly(conf.resolve("jmxremote.access"), "admin readwrite\nmonitor readonly\njvm unrestricted\n");
        CredentialFiles files = new CredentialFiles(conf, Path.of("jmx-templates"));
        accounts = files.prepare();
        connector = JmxConnector.start(0, accounts, files.accessFile(), mbeanServer);
    }

    @AfterEach
    void stop() {
        connector.close();
        beans.close();
        servers.close(); // fails if a server process is left
    }

    @Test
    void readonlyReadsTheServersAndHarmlessFiguresOnly() throws Exception {
        try (JMXConnector client = connect("monitor")) {
            MBeanServerConnection c = client.getMBeanServerConnection();
            assertEquals("RUNNING", c.getAttribute(SVG, "State"));
            assertTrue((Long) c.getAttribute(RUNTIME, "Uptime") > 0);
            for (String secret : List.of("SystemProperties", "InputArguments", "ClassPath")) {
                assertRefused(() -> c.getAttribute(RUNTIME, secret), secret);
            }
            AttributeList some = c.getAttributes(RUNTIME, new String[] {"Uptime", "SystemProperties", "InputArguments"});
            assertEquals(List.of("Uptime"), some.asList().stream().map(Attribute::getName).toList());
            assertRefused(() -> c.invoke(SVG, "stop", null, null), "stop");
            assertRefused(() -> c.invoke(MEMORY, "gc", null, null), "gc");
            NotificationListener ignore = (n, h) -> { };
            c.addNotificationListener(SVG, ignore, null, null);
            c.removeNotificationListener(SVG, ignore);
            assertRefused(() -> c.addNotificationListener(MEMORY, ignore, null, null), "listener on Memory");
            assertTrue(c.queryNames(null, null).contains(RUNTIME), "browsing names is allowed");
            // a query that tests a hidden attribute's value would leak it one guess at a time
            assertRefused(() -> c.queryNames(RUNTIME, javax.management.Query.match(
                    javax.management.Query.attr("ClassPath"), javax.management.Query.value("*"))), "query by attribute");
        }
    }

    @Test
    void readwriteOperatesTheServersButNothingThatLoadsCodeWritesFilesOrChangesTheJvm() throws Exception {
        Path dump = base.resolve("heap.hprof");
        Path vmLog = base.resolve("vm.log");
        try (JMXConnector client = connect("admin")) {
            MBeanServerConnection c = client.getMBeanServerConnection();
            long pid = servers.pid("svg");
            assertEquals("RUNNING", c.invoke(SVG, "restart", null, null));
            assertNotEquals(pid, servers.pid("svg"), "admin restarted svg");

            Map<String, ThrowingCall> refused = new LinkedHashMap<>();
            refused.put("dumpHeap", () -> c.invoke(HOTSPOT, "dumpHeap", new Object[] {dump.toString(), true},
                    new String[] {String.class.getName(), boolean.class.getName()}));
            refused.put("setVMOption", () -> c.invoke(HOTSPOT, "setVMOption", new Object[] {"HeapDumpOnOutOfMemoryError", "true"},
                    new String[] {String.class.getName(), String.class.getName()}));
            refused.put("jvmtiAgentLoad", () -> c.invoke(DIAGNOSTIC, "jvmtiAgentLoad", new Object[] {new String[] {"/tmp/x.so"}},
                    new String[] {String[].class.getName()}));
            refused.put("vmLog", () -> c.invoke(DIAGNOSTIC, "vmLog", new Object[] {new String[] {"output=" + vmLog}},
                    new String[] {String[].class.getName()}));
            refused.put("JFR newRecording", () -> c.invoke(JFR, "newRecording", null, null));
            refused.put("setLoggerLevel", () -> c.invoke(LOGGING, "setLoggerLevel", new Object[] {"", "ALL"},
                    new String[] {String.class.getName(), String.class.getName()}));
            refused.put("gc", () -> c.invoke(MEMORY, "gc", null, null));
            refused.put("createMBean MLet", () -> c.createMBean("javax.management.loading.MLet", name("x:type=MLet")));
            refused.put("unregisterMBean", () -> c.unregisterMBean(SVG));
            refused.put("setAttribute platform", () -> c.setAttribute(MEMORY, new Attribute("Verbose", true)));
            refused.put("SystemProperties", () -> c.getAttribute(RUNTIME, "SystemProperties"));
            for (Map.Entry<String, ThrowingCall> call : refused.entrySet()) {
                assertRefused(call.getValue(), call.getKey());
            }
            assertTrue(c.isRegistered(SVG), "svg's MBean is still there");
        }
        assertFalse(Files.exists(dump), "no heap dump written");
        assertFalse(Files.exists(vmLog), "no VM log written");
    }

    @Test
    void theUnrestrictedRoleMayDoWhatTheOthersMayNot() throws Exception {
        try (JMXConnector client = connect("jvm")) {
            MBeanServerConnection c = client.getMBeanServerConnection();
            assertTrue(c.getAttribute(RUNTIME, "SystemProperties") != null);
            c.invoke(MEMORY, "gc", null, null);
            boolean verbose = (Boolean) c.getAttribute(MEMORY, "Verbose");
            c.setAttribute(MEMORY, new Attribute("Verbose", verbose));
        }
    }

    @Test
    void jmxtermAsAdminCannotDumpTheHeap() throws Exception {
        Path dump = base.resolve("jmxterm.hprof");
        List<String> command = new ArrayList<>(List.of(JmxRemoteTest.javaBinary(), "-jar", "target/tools/jmxterm.jar",
                "-l", connector.url().toString(), "-n", "-v", "silent", "-e", "-u", "admin", "-p", "a-secret"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(("run -b com.sun.management:type=HotSpotDiagnostic dumpHeap " + dump + " true\n")
                .getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "jmxterm finished");
        assertNotEquals(0, process.exitValue(), output);
        assertFalse(Files.exists(dump), "no heap dump: " + output);
    }

    @Test
    void aGadgetShapedArgumentIsRejectedBeforeItIsBuilt() throws Exception {
        HashMap<URL, String> gadget = new HashMap<>();
        gadget.put(new URL("http://192.0.2.1/"), "x"); // URL.hashCode would resolve the host when rebuilt
        try (JMXConnector client = connect("monitor")) {
            MBeanServerConnection c = client.getMBeanServerConnection();
            Exception refused = assertThrows(Exception.class, () -> c.invoke(MBeanNames.SUPERVISOR, "shutdown",
                    new Object[] {gadget}, new String[] {HashMap.class.getName()}));
            assertTrue(causes(refused).contains("filter status: REJECTED"), causes(refused));
            assertEquals("RUNNING", c.getAttribute(SVG, "State"), "the connection is still usable");
        }
    }

    @Test
    void theRegistryRefusesEveryChangeFromThisProcess() throws Exception {
        Registry registry = LocateRegistry.getRegistry("127.0.0.1", connector.port());
        assertRegistryRefuses(() -> registry.unbind("jmxrmi"));
        assertRegistryRefuses(() -> registry.rebind("jmxrmi", registry));
        assertRegistryRefuses(() -> registry.bind("other", registry));
        assertEquals(List.of("jmxrmi"), List.of(registry.list()));
        try (JMXConnector client = connect("monitor")) {
            assertEquals("RUNNING", client.getMBeanServerConnection().getAttribute(SVG, "State"));
        }
    }

    @Test
    void theRegistryRefusesEveryChangeFromAnotherLocalUser() throws Exception {
        Assumptions.assumeTrue(OtherUser.available(), "needs root to run a program as nobody");
        try (OtherUser nobody = OtherUser.run(true, "Rebind", RoguePrograms.REBIND, "127.0.0.1",
                Integer.toString(connector.port()))) {
            assertEquals(0, nobody.awaitExit(120), nobody.output());
            String output = nobody.output();
            for (String op : List.of("rebind", "bind", "unbind")) {
                assertTrue(output.contains(op + " REFUSED"), output);
            }
        }
        try (JMXConnector client = connect("monitor")) {
            assertEquals("RUNNING", client.getMBeanServerConnection().getAttribute(SVG, "State"), "jmxrmi is still ours");
        }
    }

    interface ThrowingCall {
        void call() throws Exception;
    }

    private static void assertRefused(ThrowingCall call, String what) {
        SecurityException refused = assertThrows(SecurityException.class, call::call, what);
        assertTrue(refused.getMessage().startsWith("Access denied"), what + ": " + refused.getMessage());
    }

    /** The registry's refusal comes back as the cause of a ServerException. */
    private static void assertRegistryRefuses(ThrowingCall change) {
        Exception refused = assertThrows(Exception.class, change::call);
        Throwable cause = refused;
        while (cause != null && !(cause instanceof AccessException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null && cause.getMessage().contains("disallowed"), causes(refused));
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append(" / ");
        }
        return text.toString();
    }

    private JMXConnector connect(String user) throws IOException {
        return JMXConnectorFactory.connect(connector.url(),
                Map.of(JMXConnector.CREDENTIALS, new String[] {user, accounts.password(user).orElseThrow()}));
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
