package org.imageserving.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.management.JMX;
import javax.management.remote.JMXConnector;

import org.imageserving.jmx.MBeanNames;
import org.imageserving.jmx.SupervisorMXBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@link SupervisorDaemon} (real config loader, real supervisor) under the real jsvc binary, in the
 * foreground ({@code daemon.sh run} style), managing two {@code sleep} servers.
 */
class SupervisorDaemonJsvcTest {
    private static final Path JSVC = Path.of("/usr/bin/jsvc");

    @TempDir
    Path base;

    private ChildService jsvc;

    @AfterEach
    void kill() throws Exception {
        if (jsvc != null) {
            jsvc.kill();
            ProcessHandle.of(jvmPid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void runsUnderJsvcAndStopsOnSigterm() throws Exception {
        jsvc = startJsvc();
        List<Long> servers;
        try (JMXConnector client = jsvc.connect("monitor")) {
            servers = ChildService.awaitRunning(client.getMBeanServerConnection(), "alpha", "beta");
            assertEquals(jvmPid(), JMX.newMXBeanProxy(client.getMBeanServerConnection(), MBeanNames.SUPERVISOR,
                    SupervisorMXBean.class).getPid(), "the pid file names the JVM jsvc hosts");
        }
        assertTrue(servers.stream().allMatch(pid -> pid > 0), servers.toString());

        jsvc.process.destroy(); // SIGTERM to jsvc: Daemon.stop(), then destroy()
        assertEquals(0, jsvc.awaitExit(), jsvc.output());
        assertFalse(ChildService.anyAlive(servers), "every server stopped");
        assertFalse(Files.exists(base.resolve("run/supervisor.pid")));
        assertFalse(Files.exists(base.resolve("run/jmx.url")));
    }

    @Test
    void shutdownOverJmxEndsJsvc() throws Exception {
        jsvc = startJsvc();
        List<Long> servers;
        assertTrue(Files.exists(base.resolve("run/jolokia.url")));
        try (JMXConnector client = jsvc.connect("admin")) {
            servers = ChildService.awaitRunning(client.getMBeanServerConnection(), "alpha", "beta");
            JMX.newMXBeanProxy(client.getMBeanServerConnection(), MBeanNames.SUPERVISOR, SupervisorMXBean.class).shutdown();
        }
        assertEquals(0, jsvc.awaitExit(), jsvc.output());
        assertFalse(ChildService.anyAlive(servers));
        assertFalse(Files.exists(base.resolve("run/supervisor.pid")));
        assertFalse(Files.exists(base.resolve("run/jolokia.url")));
    }

    private ChildService startJsvc() throws Exception {
        assumeTrue(Files.isExecutable(JSVC), "jsvc is not installed");
        Files.createDirectories(base.resolve("run"));
        Files.createDirectories(base.resolve("conf"));
        Files.copy(Path.of("conf/jolokia-access.xml"), base.resolve("conf/jolokia-access.xml"));
        Files.writeString(base.resolve("conf/SupervisorRegistry.xml"), """
                <config>
                  <tcpport>0</tcpport>
                  <jolokiaPort>%d</jolokiaPort>
                  <server id="alpha"><command>sleep</command><arguments><argument>600</argument></arguments></server>
                  <server id="beta"><command>sleep</command><arguments><argument>600</argument></arguments>
                    <startPriority>2</startPriority></server>
                </config>
                """.formatted(SupervisorServiceTest.freePort()));
        ChildService child = ChildService.launch(base, "jsvc", List.of(JSVC.toString(), "-nodetach",
                "-java-home", System.getProperty("java.home"), "-cp", ChildService.classpath(),
                "-pidfile", base.resolve("run/supervisor.pid").toString(), "-outfile", "&1", "-errfile", "&2",
                "-cwd", base.toString(), "-Dimageserving.home=" + Path.of("").toAbsolutePath(),
                "-Dimageserving.base=" + base, SupervisorDaemon.class.getName()));
        child.awaitUp();
        return child;
    }

    private long jvmPid() throws Exception {
        Path pidFile = base.resolve("run/supervisor.pid");
        return Files.exists(pidFile) ? Long.parseLong(Files.readString(pidFile).strip()) : -1;
    }
}
