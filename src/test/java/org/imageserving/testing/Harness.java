package org.imageserving.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.imageserving.install.Homes;
import org.imageserving.config.ServerSpec;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.process.Platform;
import org.imageserving.process.ServerState;
import org.imageserving.supervisor.ServerControl;
import org.imageserving.supervisor.Supervisor;

/**
 * One integration test's world: a temp base, a marker, a {@link Recorder}, the {@link Supervisor} under test.
 * {@link #close()} closes the supervisor and asserts that no process is left over.
 */
public final class Harness implements AutoCloseable {
    static {
        TestLogging.useTestConfig();
    }

    private final String marker = "imageserving-test-" + UUID.randomUUID();
    private final Path base;
    private final Leftovers leftovers;
    private final Recorder recorder = new Recorder();
    private Supervisor supervisor;

    public Harness(Path base) {
        this.base = base;
        this.leftovers = Leftovers.begin(marker);
        try {
            Files.createDirectories(base.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String marker() {
        return marker;
    }

    public Path base() {
        return base;
    }

    public Homes homes() {
        return new Homes(Path.of("").toAbsolutePath(), base);
    }

    public Recorder recorder() {
        return recorder;
    }

    public TestServers.Builder java(String id, Class<?> mainClass, String... args) {
        return TestServers.java(marker, id, mainClass, args);
    }

    public TestServers.Builder command(String id, String executable, String... args) {
        return TestServers.command(marker, id, executable, args);
    }

    public SupervisorConfig config(ServerSpec... specs) {
        return new SupervisorConfig(homes(), 0, 0, List.of(specs));
    }

    /** A supervisor for these servers (none started), with the recorder listening to all of them. */
    public Supervisor supervisor(ServerSpec... specs) {
        return supervisor(Platform.detect(), specs);
    }

    /** On a given platform: {@link Platform#plain()} is what a system without setsid/setpriv gets. */
    public Supervisor supervisor(Platform platform, ServerSpec... specs) {
        supervisor = new Supervisor(config(specs), platform);
        supervisor.servers().forEach(s -> s.addStateListener(recorder));
        return supervisor;
    }

    public ServerControl server(String id) {
        return supervisor.server(id).orElseThrow();
    }

    /** Waits until the server is in {@code state}. */
    public void awaitState(String id, ServerState state) {
        awaitState(id, state, Await.PATIENCE);
    }

    public void awaitState(String id, ServerState state, Duration deadline) {
        ServerControl server = server(id);
        // the state is published before listeners hear of it: wait for both, so the recorder is complete
        Await.until(id + " to be " + state, deadline, () -> server.state() == state && lastRecorded(id) == state,
                () -> server.state() + " " + recorder.of(id));
    }

    private ServerState lastRecorded(String id) {
        var events = recorder.of(id);
        return events.isEmpty() ? null : events.get(events.size() - 1).to();
    }

    @Override
    public void close() {
        try {
            if (supervisor != null) {
                supervisor.close();
            }
        } finally {
            leftovers.assertNone(Duration.ofSeconds(20));
        }
    }
}
