package org.imageserving.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.imageserving.jmx.MBeanNames;
import org.imageserving.jmx.ServerMXBean;
import org.imageserving.jmx.security.CredentialFiles;
import org.imageserving.install.Homes;
import org.imageserving.process.ServerState;

/** A supervisor in a process of its own, as an operator runs it, seen from outside: files, JMX, exit code. */
final class ChildService {
    static final long DEADLINE_SECONDS = 120;

    final Path base;
    final Process process;
    final Path output;

    private ChildService(Path base, Process process, Path output) {
        this.base = base;
        this.process = process;
        this.output = output;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classpath() {
        return System.getProperty("java.class.path");
    }

    /** Runs {@code command}; its stdout and stderr go to a file in base (a pipe nobody reads could block it). */
    static ChildService launch(Path base, String name, List<String> command) throws IOException {
        Path output = base.resolve(name + ".out");
        Files.createDirectories(base);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new ChildService(base, process, output);
    }

    static List<String> foreground(Path base, String... flags) {
        List<String> command = new ArrayList<>(List.of(java(), "-Dimageserving.base=" + base, "-cp", classpath(),
                TestForeground.class.getName()));
        command.addAll(List.of(flags));
        return command;
    }

    /** Waits until the service has written run/jmx.url (it is up), or has ended. */
    JMXServiceURL awaitUp() throws Exception {
        Path url = base.resolve("run/jmx.url");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!Files.exists(url) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(url), "run/jmx.url written; output: " + output());
        return new JMXServiceURL(Files.readString(url).strip());
    }

    int awaitExit() throws Exception {
        if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("still running after " + DEADLINE_SECONDS + " s; output: " + output());
        }
        return process.exitValue();
    }

    JMXConnector connect(String user) throws Exception {
        String password = new CredentialFiles(new Homes(Path.of("").toAbsolutePath(), base)).prepare()
                .password(user).orElseThrow();
        return JMXConnectorFactory.connect(awaitUp(), Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    /** Pids of the managed servers, read over JMX like any client would. */
    static List<Long> serverPids(MBeanServerConnection connection, String... ids) {
        List<Long> pids = new ArrayList<>();
        for (String id : ids) {
            pids.add(JMX.newMXBeanProxy(connection, MBeanNames.server(id), ServerMXBean.class).getPid());
        }
        return pids;
    }

    /** Waits until every named server is RUNNING (they start after the management plane is up), then its pids. */
    static List<Long> awaitRunning(MBeanServerConnection connection, String... ids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        for (String id : ids) {
            ServerMXBean server = JMX.newMXBeanProxy(connection, MBeanNames.server(id), ServerMXBean.class);
            while (server.getState() != ServerState.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(server.getState() == ServerState.RUNNING, id + " is " + server.getState());
        }
        return serverPids(connection, ids);
    }

    static boolean anyAlive(List<Long> pids) {
        return pids.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** After a failed test: the child and everything it started, so that no server is left behind. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
        }
    }
}
