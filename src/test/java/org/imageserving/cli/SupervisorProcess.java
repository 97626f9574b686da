package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.imageserving.install.Homes;
import org.imageserving.jmx.MBeanNames;
import org.imageserving.jmx.security.CredentialFiles;

/**
 * The real supervisor in a JVM of its own, as {@code ImageServing run} starts it: {@code ForegroundMain} with
 * the real wiring, reading the instance's {@link SleepingRegistry}. Ready once every server has settled (RUNNING,
 * or FATAL for those named failing); {@link #close()} stops it with SIGTERM, as an operator's signal would, and
 * checks that nothing of its process tree is left.
 */
final class SupervisorProcess implements AutoCloseable {
    static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private final Process process;
    private final Path base;
    private final List<ProcessHandle> tree = new ArrayList<>();
    private boolean frozen;

    private SupervisorProcess(Process process, Path base) {
        this.process = process;
        this.base = base;
    }

    /** With this test run's class path; {@code failing}: ids that run the ExitAfter fixture and end FATAL. */
    static SupervisorProcess start(Path base, String... failing) throws Exception {
        return startWithClassPath(System.getProperty("java.class.path"), base, failing);
    }

    static SupervisorProcess startWithClassPath(String classPath, Path base, String... failing) throws Exception {
        SleepingRegistry.write(Script.HOME, base, 0, Set.of(failing));
        Files.createDirectories(base.resolve("logs"));
        List<String> command = List.of(javaBinary(), "-Xmx64m", "-Dimageserving.home=" + Script.HOME,
                "-Dimageserving.base=" + base, "-cp", classPath, "org.imageserving.daemon.ForegroundMain");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(base.resolve("logs/supervisor.out").toFile()).start();
        SupervisorProcess supervisor = new SupervisorProcess(process, base);
        try {
            supervisor.awaitSettled(Set.of(failing));
        } catch (Exception | AssertionError e) {
            supervisor.close();
            throw e;
        }
        return supervisor;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits for run/jmx.url, then until every server is RUNNING, or FATAL when it is one of {@code failing}. */
    private void awaitSettled(Set<String> failing) throws Exception {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        Path url = base.resolve("run/jmx.url");
        while (!Files.exists(url) && process.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(url), "the supervisor wrote run/jmx.url; its output: " + output());
        String password = new CredentialFiles(new Homes(Script.HOME, base)).prepare().password("monitor").orElseThrow();
        try (JMXConnector client = JMXConnectorFactory.connect(new JMXServiceURL(Files.readString(url).strip()),
                Map.of(JMXConnector.CREDENTIALS, new String[] {"monitor", password}))) {
            MBeanServerConnection connection = client.getMBeanServerConnection();
            for (String id : SleepingRegistry.IDS) {
                String expected = failing.contains(id) ? "FATAL" : "RUNNING";
                Object state = connection.getAttribute(MBeanNames.server(id), "State");
                while (!expected.equals(state) && Instant.now().isBefore(deadline)) {
                    Thread.sleep(50);
                    state = connection.getAttribute(MBeanNames.server(id), "State");
                }
                assertEquals(expected, state, id + " settled; the supervisor's output: " + output());
            }
        }
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Remembers every process of the tree now, so that close() can check each one is gone. */
    void snapshotTree() {
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
    }

    /** SIGSTOP: the supervisor holds its ports and pid, and answers nothing, as a wedged JVM would. */
    void freeze() throws Exception {
        signal("STOP");
        frozen = true;
    }

    /** Kills the supervisor with SIGKILL, and its servers too (what a crash leaves is the tests' to clean up). */
    void kill() throws InterruptedException {
        snapshotTree();
        for (ProcessHandle p : tree) {
            p.destroyForcibly();
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    @Override
    public void close() throws Exception {
        snapshotTree();
        if (frozen) {
            signal("CONT");
        }
        process.destroy(); // SIGTERM: the supervisor stops its servers, then ends
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Instant deadline = Instant.now().plusSeconds(30);
        for (ProcessHandle p : tree) {
            while (p.isAlive() && Instant.now().isBefore(deadline)) {
                p.destroyForcibly();
                Thread.sleep(50);
            }
        }
        List<Long> left = tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        assertEquals(List.of(), left, "processes left behind by the supervisor");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name);
    }

    String output() {
        try {
            return Files.readString(base.resolve("logs/supervisor.out"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
