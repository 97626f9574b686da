package org.imageserving.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.imageserving.testing.Trees;
import org.imageserving.jmx.MBeanNames;
import org.imageserving.jmx.ServerMXBean;
import org.imageserving.jmx.SupervisorMXBean;
import org.imageserving.process.ServerState;
import org.imageserving.stock.StockCluster;
import org.imageserving.testing.Await;
import org.imageserving.testing.Leftovers;

/**
 * The whole stock stack as an operator runs it: {@code java -cp $HOME/lib/* org.imageserving.daemon.ForegroundMain}
 * in a process of its own, on a temporary base whose conf/ is the project's with every port made free, seen from
 * outside through run/jmx.url, the JMX connector (with the account from the base's conf/jmxremote.password) and
 * ps's HTTP port. {@link #close()} sends SIGTERM and asserts that the supervisor's whole tree is gone.
 */
final class StockStack implements AutoCloseable {
    static final String[] SERVERS = {"is", "svg", "ps"};
    /** Three JVMs starting on two cores shared with other builds. */
    static final Duration START_DEADLINE = Duration.ofSeconds(180);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(120);
    private static final int EXIT_ON_SIGTERM = 128 + 15;

    private final Path home = Path.of("").toAbsolutePath();
    private final Path base;
    private final StackPorts ports;
    private final Leftovers leftovers;
    private final Process supervisor;
    private final Path output;
    private JMXConnector connector;
    private MBeanServerConnection mbeans;
    private PsClient ps;
    private boolean deleteBaseOnClose;

    private StockStack(Path base, StackPorts ports, Leftovers leftovers, Process supervisor, Path output) {
        this.base = base;
        this.ports = ports;
        this.leftovers = leftovers;
        this.supervisor = supervisor;
        this.output = output;
    }

    /** Prepares a base, starts the supervisor and returns once every stock server is RUNNING. */
    static StockStack start() throws Exception {
        return start(base -> { });
    }

    /** What a test adds to a new base (its conf/ copied, its ports set) before the supervisor starts. */
    @FunctionalInterface
    interface BaseSetup {
        void prepare(Path base) throws IOException;
    }

    /** {@link #start()} on a base that {@code setup} has prepared further. */
    static StockStack start(BaseSetup setup) throws Exception {
        Path home = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(home.resolve("lib/imageserving.jar"))) {
            throw new IllegalStateException(home.resolve("lib") + " has no imageserving.jar: run `mvn package` first");
        }
        StackPorts ports = StackPorts.pick();
        Path base = Files.createTempDirectory("imageserving-e2e-");
        // conf/ as shipped. Credentials a run on the checkout itself may have left there are not copied: the
        // supervisor makes them from jmx-templates/ on its first start, as on a fresh install.
        Trees.copy(home.resolve("conf"), base.resolve("conf"), p -> !p.getFileName().toString().startsWith("jmxremote."));
        Path registry = base.resolve("conf/SupervisorRegistry.xml");
        Files.writeString(registry, ports.rewrite(Files.readString(registry)));
        setup.prepare(base);

        String marker = "imageserving-e2e-" + UUID.randomUUID();
        Leftovers leftovers = Leftovers.begin(marker);
        Path output = base.resolve("supervisor.out");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dimageserving.home=" + home, "-Dimageserving.base=" + base, "-Dimageserving.logs=" + base.resolve("logs"),
                "-cp", home.resolve("lib") + "/*", "org.imageserving.daemon.ForegroundMain");
        ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put(Leftovers.MARKER_ENV, marker);
        StockStack stack = new StockStack(base, ports, leftovers, builder.start(), output);
        try {
            stack.awaitUp();
        } catch (Exception | AssertionError e) {
            stack.keepBase();
            try {
                stack.close();
            } catch (Exception | AssertionError stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
        return stack;
    }

    private void awaitUp() throws Exception {
        Path url = base.resolve("run/jmx.url");
        Await.until("run/jmx.url", START_DEADLINE, () -> Files.exists(url) || !supervisor.isAlive(), this::diagnostics);
        assertTrue(supervisor.isAlive(), "the supervisor ended while starting: " + diagnostics());
        connector = JMXConnectorFactory.connect(new JMXServiceURL(Files.readString(url).strip()),
                Map.of(JMXConnector.CREDENTIALS, new String[] {"admin", password("admin")}));
        mbeans = connector.getMBeanServerConnection();
        for (String id : SERVERS) {
            ServerMXBean server = server(id);
            Await.until(id + " RUNNING", START_DEADLINE, () -> server.getState() == ServerState.RUNNING
                    || server.getState() == ServerState.FATAL, this::diagnostics);
            assertEquals(ServerState.RUNNING, server.getState(), id + ": " + server.getLastError() + diagnostics());
        }
        ps = new PsClient(ports.ps());
        deleteBaseOnClose = true;
    }

    /** The password of {@code user} in the base's conf/jmxremote.password (JDK format: "user password"). */
    String password(String user) throws IOException {
        try (Stream<String> lines = Files.lines(base.resolve("conf/jmxremote.password"))) {
            return lines.map(String::strip)
                    .filter(line -> !line.startsWith("#"))
                    .map(line -> line.split("\\s+", 2))
                    .filter(words -> words.length == 2 && words[0].equals(user))
                    .map(words -> words[1].strip())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + user + " in conf/jmxremote.password"));
        }
    }

    ServerMXBean server(String id) {
        return JMX.newMXBeanProxy(mbeans, MBeanNames.server(id), ServerMXBean.class);
    }

    SupervisorMXBean supervisorBean() {
        return JMX.newMXBeanProxy(mbeans, MBeanNames.SUPERVISOR, SupervisorMXBean.class);
    }

    MBeanServerConnection mbeans() {
        return mbeans;
    }

    PsClient ps() {
        return ps;
    }

    StackPorts ports() {
        return ports;
    }

    Path base() {
        return base;
    }

    long supervisorPid() {
        return supervisor.pid();
    }

    /** The supervisor and every live process below it (servers, guardian, anything they started). */
    Set<Long> tree() {
        Set<Long> pids = new HashSet<>();
        pids.add(supervisor.pid());
        supervisor.descendants().filter(ProcessHandle::isAlive).forEach(h -> pids.add(h.pid()));
        return pids;
    }

    /** What went wrong, for failure messages: the supervisor's output and the tail of every log. */
    String diagnostics() {
        StringBuilder text = new StringBuilder("\nbase ").append(base).append("\n==== supervisor.out\n").append(tail(output));
        try (Stream<Path> logs = Files.list(base.resolve("logs"))) {
            for (Path log : logs.sorted().toList()) {
                text.append("==== ").append(log.getFileName()).append('\n').append(tail(log));
            }
        } catch (IOException e) {
            text.append("(no logs: ").append(e).append(")\n");
        }
        return text.toString();
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")\n";
        }
    }

    /**
     * SIGTERM, as systemd or Ctrl-C would send: the supervisor must stop every server and exit with 143 within the
     * deadline, leaving no process of its tree behind. The base is deleted when all went well, kept otherwise.
     */
    @Override
    public void close() throws Exception {
        Set<Long> tree = tree();
        closeQuietly(connector);
        supervisor.destroy();
        boolean exited = supervisor.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        String diagnostics = diagnostics();
        if (!exited) {
            supervisor.descendants().forEach(ProcessHandle::destroyForcibly);
            supervisor.destroyForcibly().waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
        List<Long> alive = tree.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .sorted().toList();
        leftovers.assertNone(Duration.ofSeconds(30));
        assertTrue(exited, "the supervisor did not exit within " + STOP_DEADLINE + " of SIGTERM" + diagnostics);
        assertEquals(EXIT_ON_SIGTERM, supervisor.exitValue(), "exit code after SIGTERM" + diagnostics);
        assertTrue(alive.isEmpty(), "processes of the supervisor's tree " + tree + " still alive after it exited: " + alive);
        for (String file : List.of("run/supervisor.pid", "run/jmx.url", "run/jolokia.url")) {
            assertTrue(Files.notExists(base.resolve(file)), file + " removed" + diagnostics);
        }
        if (deleteBaseOnClose) {
            StockCluster.delete(base);
        }
    }

    /** Keeps the base for a post-mortem: call when a test failed. */
    void keepBase() {
        deleteBaseOnClose = false;
    }

    private static void closeQuietly(JMXConnector connector) {
        if (connector == null) {
            return;
        }
        try {
            connector.close();
        } catch (IOException e) {
            // the supervisor may already be gone; nothing to release on our side
        }
    }
}
