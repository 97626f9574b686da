package org.imageserving.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.management.JMX;
import javax.management.remote.JMXConnector;

import org.imageserving.jmx.MBeanNames;
import org.imageserving.jmx.SupervisorMXBean;
import org.imageserving.jmx.testing.Listeners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ImageServing run}: the foreground entry point in a process of its own, stopped the ways operators stop it. */
class ForegroundMainTest {
    @TempDir
    Path base;

    private ChildService child;

    @AfterEach
    void kill() throws Exception {
        if (child != null) {
            child.kill();
        }
    }

    @Test
    void sigtermStopsEveryServerAndRemovesTheRunFiles() throws Exception {
        child = ChildService.launch(base, "foreground", ChildService.foreground(base));
        List<Long> servers;
        try (JMXConnector client = child.connect("monitor")) {
            servers = ChildService.awaitRunning(client.getMBeanServerConnection(), TestWiring.SERVERS);
        }
        assertEquals(Long.toString(child.process.pid()), Files.readString(base.resolve("run/supervisor.pid")).strip());
        assertTrue(servers.stream().allMatch(pid -> pid > 0), servers.toString());
        List<String> listening = Listeners.of(child.process.pid());
        assertEquals(1, listening.size(), listening.toString());
        assertTrue(listening.get(0).startsWith("127.0.0.1:"), listening.toString());

        child.process.destroy(); // SIGTERM
        assertEquals(143, child.awaitExit(), child.output());
        assertFalse(ChildService.anyAlive(servers), "every server stopped");
        for (String file : List.of("run/supervisor.pid", "run/jmx.url")) {
            assertFalse(Files.exists(base.resolve(file)), file + " removed; output: " + child.output());
        }
    }

    @Test
    void shutdownOverJmxEndsTheProcessWithZero() throws Exception {
        child = ChildService.launch(base, "foreground", ChildService.foreground(base));
        List<Long> servers;
        try (JMXConnector client = child.connect("admin")) {
            servers = ChildService.awaitRunning(client.getMBeanServerConnection(), TestWiring.SERVERS);
            JMX.newMXBeanProxy(client.getMBeanServerConnection(), MBeanNames.SUPERVISOR, SupervisorMXBean.class).shutdown();
        }
        assertEquals(0, child.awaitExit(), child.output());
        assertFalse(ChildService.anyAlive(servers));
        assertFalse(Files.exists(base.resolve("run/supervisor.pid")));
    }

    @Test
    void aSecondCopyOnTheSameBaseIsRefused() throws Exception {
        child = ChildService.launch(base, "first", ChildService.foreground(base));
        child.awaitUp();
        ChildService second = ChildService.launch(base, "second", ChildService.foreground(base));
        assertEquals(1, second.awaitExit(), second.output());
        assertTrue(second.output().contains("ImageServing supervisor: the supervisor is already running (pid "
                + child.process.pid()), second.output());
        assertTrue(child.process.isAlive(), "the first one runs on");
        assertEquals(Long.toString(child.process.pid()), Files.readString(base.resolve("run/supervisor.pid")).strip());
        child.process.destroy();
        assertEquals(143, child.awaitExit());
    }

    @Test
    void badConfigurationExitsTwoWithOneLine() throws Exception {
        child = ChildService.launch(base, "bad", ChildService.foreground(base, "--bad=yes"));
        assertEquals(2, child.awaitExit(), child.output());
        assertEquals("ImageServing supervisor: " + base.resolve("conf/SupervisorRegistry.xml")
                + ":3: <tcpport> [x] must be a port number", lastLine(child.output()));
        assertFalse(Files.exists(base.resolve("run/supervisor.pid")));

        child = ChildService.launch(base, "usage", ChildService.foreground(base, "start"));
        assertEquals(2, child.awaitExit(), child.output());
        assertEquals("ImageServing supervisor: unexpected argument [start]; usage: [--<setting>=<value>]...",
                lastLine(child.output()));
    }

    @Test
    void theRealEntryPointRefusesABrokenRegistryWithTwo() throws Exception {
        Files.createDirectories(base.resolve("conf"));
        Files.writeString(base.resolve("conf/SupervisorRegistry.xml"), "<config>\n  <tcpport>x</tcpport>\n</config>\n");
        child = ChildService.launch(base, "real", List.of(ChildService.java(), "-Dimageserving.home="
                + Path.of("").toAbsolutePath(), "-Dimageserving.base=" + base, "-cp", ChildService.classpath(),
                ForegroundMain.class.getName()));
        assertEquals(2, child.awaitExit(), child.output());
        String line = lastLine(child.output());
        assertTrue(line.startsWith("ImageServing supervisor: ") && line.contains("SupervisorRegistry.xml")
                && line.contains("tcpport"), child.output());
        assertFalse(Files.exists(base.resolve("run/supervisor.pid")));
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
