package org.imageserving.jmx.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.imageserving.config.ServerSpec;
import org.imageserving.process.ServerState;
import org.imageserving.supervisor.MemoryReading;
import org.imageserving.supervisor.ServerControl;

/**
 * A stand-in for the real managed server until the supervisor lands: a real {@code sleep} process, driven through
 * the states on a loop thread of its own, so that JMX and Jolokia see real pids, uptimes and transitions.
 */
public final class SleepingServer implements ServerControl {
    private final ServerSpec spec;
    private final ExecutorService loop;
    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Process> launched = new CopyOnWriteArrayList<>();
    private volatile ServerState state = ServerState.STOPPED;
    private volatile Process process;
    private volatile Instant startedAt;
    private volatile int restarts;
    private volatile int lastExitCode = -1;
    private volatile boolean closed;

    public SleepingServer(String id) {
        this.spec = spec(id);
        this.loop = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-loop-" + id);
            t.setDaemon(true);
            return t;
        });
    }

    public static ServerSpec spec(String id) {
        return new ServerSpec(id, "test server " + id, new ServerSpec.CommandLaunch("sleep"), List.of("600"),
                Path.of("."), Map.of(), 1, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(5),
                new ServerSpec.UptimeReadiness(Duration.ZERO),
                new ServerSpec.HealthCheck(Duration.ZERO, Duration.ofSeconds(1), 3),
                new ServerSpec.RestartPolicy(ServerSpec.RestartPolicy.Mode.NEVER, Set.of(0), 0,
                        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @Override public String id() { return spec.id(); }
    @Override public ServerSpec spec() { return spec; }
    @Override public ServerState state() { return state; }
    @Override public int restartCount() { return restarts; }
    @Override public int lastExitCode() { return lastExitCode; }
    @Override public String lastError() { return ""; }

    @Override
    public long pid() {
        Process p = process;
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    @Override
    public long uptimeMillis() {
        Instant started = startedAt;
        return pid() < 0 || started == null ? 0 : Duration.between(started, Instant.now()).toMillis();
    }

    /** Resident set size from /proc, as the real supervisor reports for a non-JVM server. */
    @Override
    public MemoryReading memory() {
        long pid = pid();
        if (pid < 0) {
            return MemoryReading.UNKNOWN;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return new MemoryReading(Long.parseLong(line.replaceAll("\\D", "")) * 1024, MemoryReading.Kind.RESIDENT);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone meanwhile
        }
        return MemoryReading.UNKNOWN;
    }

    @Override
    public CompletionStage<ServerState> start() {
        return onLoop(this::doStart);
    }

    @Override
    public CompletionStage<ServerState> stop() {
        return onLoop(this::doStop);
    }

    @Override
    public CompletionStage<ServerState> restart() {
        return onLoop(() -> {
            doStop();
            restarts++;
            return doStart();
        });
    }

    /** Runs on the server's loop; once closed, the loop takes nothing and the state stays as it is. */
    private CompletionStage<ServerState> onLoop(Supplier<ServerState> step) {
        try {
            return CompletableFuture.supplyAsync(step, loop);
        } catch (RejectedExecutionException closedLoop) {
            return CompletableFuture.completedFuture(state);
        }
    }

    @Override
    public void addStateListener(StateListener listener) {
        listeners.add(listener);
    }

    /** Every process this server ever ran, for the no-leftovers check. */
    public List<Process> launched() {
        return List.copyOf(launched);
    }

    /** Stops the process; a start still queued (a startAll racing the close) then launches nothing. */
    public void close() {
        closed = true;
        stop().toCompletableFuture().join();
        loop.shutdown();
    }

    private ServerState doStart() {
        if (state == ServerState.RUNNING || closed) {
            return state;
        }
        move(ServerState.STARTING, "start requested");
        try {
            process = new ProcessBuilder("sleep", "600").redirectErrorStream(true).start();
            launched.add(process);
            startedAt = Instant.now();
            move(ServerState.RUNNING, "started");
        } catch (IOException e) {
            move(ServerState.FATAL, e.getMessage());
        }
        return state;
    }

    private ServerState doStop() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            if (state != ServerState.STOPPED) {
                move(ServerState.STOPPED, "not running");
            }
            return state;
        }
        move(ServerState.STOPPING, "stop requested");
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lastExitCode = p.exitValue();
        move(ServerState.STOPPED, "stopped");
        return state;
    }

    private void move(ServerState to, String reason) {
        ServerState from = state;
        state = to;
        listeners.forEach(l -> l.stateChanged(id(), from, to, reason));
    }
}
