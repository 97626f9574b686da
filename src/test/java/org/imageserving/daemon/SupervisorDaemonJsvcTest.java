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
import org.imageserving.proc.ProcFs;
import org.imageserving.process.ProcessTree;
import org.imageserving.testing.Await;
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

    /**
     * One base, at most one supervisor: with the pid file gone (deleted, or a race between two starts), a second
     * supervisor on the base is still refused, by the lock on run/supervisor.lock, before it could take the first
     * one's servers for survivors and kill them.
     */
    @Test
    void aSecondSupervisorOnTheBaseIsRefusedByTheBaseLock() throws Exception {
        jsvc = startJsvc();
        List<Long> servers;
        try (JMXConnector client = jsvc.connect("monitor")) {
            servers = ChildService.awaitRunning(client.getMBeanServerConnection(), "alpha", "beta");
        }
        Files.delete(base.resolve("run/supervisor.pid"));
        ChildService second = ChildService.launch(base, "second", ChildService.foreground(base));
        try {
            assertEquals(1, second.awaitExit(), second.output());
            assertTrue(second.output().contains("the supervisor is already running (pid " + jvmPidFromLock() + ", "
                    + base.resolve("run/supervisor.lock") + " is locked)"), second.output());
            assertTrue(servers.stream().allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)),
                    "the first supervisor's servers live on");
        } finally {
            second.kill();
        }
    }

    /**
     * jsvc's controller outlives a SIGKILLed JVM and, within 60 s, forks another, whatever happened meanwhile. The
     * next supervisor on the base ends it as it starts, so one controller and one supervisor remain, and a stop
     * leaves no jsvc process of the base that could bring one back.
     */
    @Test
    void aSigkilledSupervisorsControllerIsEndedByTheNextStart() throws Exception {
        jsvc = startJsvc();
        long firstJvm = jvmPid();
        assertEquals(jsvc.process.pid(), ProcessHandle.of(firstJvm).orElseThrow().parent().orElseThrow().pid(),
                "jsvc -nodetach is the controller, the JVM its child");
        ProcessHandle.of(firstJvm).orElseThrow().destroyForcibly();
        // reaped, not just dead: jsvc's own pid-file check counts a zombie as running
        Await.until("the JVM to die and be reaped", () -> ProcessHandle.of(firstJvm).isEmpty());
        assertTrue(jsvc.process.isAlive(), "its controller sleeps, to start another JVM within 60 s");
        Files.deleteIfExists(base.resolve("run/jmx.url"));

        ChildService second = startJsvc();
        try {
            Await.until("the orphaned controller to be ended", () -> !jsvc.process.isAlive());
            assertEquals(List.of(second.process.pid(), jvmPid()), jsvcOfBase(),
                    "one controller and its supervisor, no other jsvc of this base");
            second.process.destroy();
            assertEquals(0, second.awaitExit(), second.output());
            assertEquals(List.of(), jsvcOfBase(), "nothing left that could start a supervisor again");
        } finally {
            second.kill();
        }
    }

    /** Live processes running jsvc with this base on their command line, read from /proc. */
    static List<Long> jsvcOfBase(Path base) {
        return ProcFs.pids().stream()
                .filter(pid -> exe(pid).endsWith("/jsvc"))
                .filter(pid -> List.of(ProcFs.commandLine(pid).split(" ")).contains("-Dimageserving.base=" + base))
                .filter(SupervisorDaemonJsvcTest::isAlive)
                .sorted().toList();
    }

    private static String exe(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).toString();
        } catch (Exception e) {
            return "";
        }
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessTree::isAlive).orElse(false);
    }

    private String jvmPidFromLock() throws Exception {
        return Files.readString(base.resolve("run/supervisor.lock")).strip();
    }

    private ChildService startJsvc() throws Exception {
        return startJsvc(base);
    }

    private long jvmPid() throws Exception {
        return jvmPid(base);
    }

    private List<Long> jsvcOfBase() {
        return jsvcOfBase(base);
    }

    /** The real SupervisorDaemon under jsvc -nodetach on {@code base} (two sleeping servers), once it is up. */
    static ChildService startJsvc(Path base) throws Exception {
        assumeTrue(Files.isExecutable(JSVC), "jsvc is not installed");
        Files.createDirectories(base.resolve("run"));
        Files.createDirectories(base.resolve("conf"));
        Files.copy(Path.of("conf/jolokia-access.xml"), base.resolve("conf/jolokia-access.xml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (Files.exists(base.resolve("conf/SupervisorRegistry.xml"))) {
            ChildService child = launchJsvc(base);
            child.awaitUp();
            return child;
        }
        Files.writeString(base.resolve("conf/SupervisorRegistry.xml"), """
                <config>
                  <tcpport>0</tcpport>
                  <jolokiaPort>%d</jolokiaPort>
                  <server id="alpha"><command>sleep</command><arguments><argument>600</argument></arguments></server>
                  <server id="beta"><command>sleep</command><arguments><argument>600</argument></arguments>
                    <startPriority>2</startPriority></server>
                </config>
                """.formatted(SupervisorServiceTest.freePort()));
        ChildService child = launchJsvc(base);
        child.awaitUp();
        return child;
    }

    private static ChildService launchJsvc(Path base) throws Exception {
        return ChildService.launch(base, "jsvc-" + System.nanoTime(), List.of(JSVC.toString(), "-nodetach",
                "-java-home", System.getProperty("java.home"), "-cp", ChildService.classpath(),
                "-pidfile", base.resolve("run/supervisor.pid").toString(), "-outfile", "&1", "-errfile", "&2",
                "-cwd", base.toString(), "-Dimageserving.home=" + Path.of("").toAbsolutePath(),
                "-Dimageserving.base=" + base, SupervisorDaemon.class.getName()));
    }

    static long jvmPid(Path base) throws Exception {
        Path pidFile = base.resolve("run/supervisor.pid");
        return Files.exists(pidFile) ? Long.parseLong(Files.readString(pidFile).strip()) : -1;
    }
}
