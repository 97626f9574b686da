package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TestSupervisor} in a child JVM, for the tests: started with this test run's class path, ready once it
 * has printed its JMX URL; {@link #close()} ends it and every process below it, and checks that none is left.
 */
final class TestSupervisorProcess implements AutoCloseable {
    static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Process process;
    private final List<ProcessHandle> tree = new ArrayList<>();

    private TestSupervisorProcess(Process process) {
        this.process = process;
    }

    static TestSupervisorProcess start(Path base, String... args) throws IOException, InterruptedException {
        return startWithClassPath(System.getProperty("java.class.path"), base, args);
    }

    static TestSupervisorProcess startWithClassPath(String classPath, Path base, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx64m", "-Dimageserving.base=" + base,
                "-cp", classPath, TestSupervisor.class.getName(), base.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(base.resolve("logs"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        TestSupervisorProcess supervisor = new TestSupervisorProcess(process);
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readUntilReady(process));
        try {
            String line = ready.get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertTrue(line.startsWith("ready "), "TestSupervisor did not start: " + line);
        } catch (Exception e) {
            supervisor.close();
            fail("TestSupervisor did not get ready within " + READY_WITHIN, e);
        }
        return supervisor;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String readUntilReady(Process process) {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("ready ")) {
                    // keep draining, so that the child never blocks on a full pipe
                    Thread drain = new Thread(() -> reader.lines().forEach(ignored -> { }), "test-supervisor-output");
                    drain.setDaemon(true);
                    drain.start();
                    return line;
                }
                seen.append(line).append('\n');
            }
            return "exited: " + seen;
        } catch (IOException e) {
            return e.toString();
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

    /** Kills the supervisor with SIGKILL and its children too (what a crash leaves is the tests' to clean up). */
    void kill() throws InterruptedException {
        snapshotTree();
        for (ProcessHandle p : tree) {
            p.destroyForcibly();
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    @Override
    public void close() throws InterruptedException {
        snapshotTree();
        process.destroy(); // SIGTERM: its shutdown hook ends the sleeping servers
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
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
        assertEquals(List.of(), left, "processes left behind by the test supervisor");
    }
}
