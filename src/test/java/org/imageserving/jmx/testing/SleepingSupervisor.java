package org.imageserving.jmx.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.imageserving.supervisor.ServerControl;
import org.imageserving.supervisor.SupervisorControl;

/** A supervisor of {@link SleepingServer}s: real processes, started in order, stopped in reverse. */
public final class SleepingSupervisor implements SupervisorControl, AutoCloseable {
    private final List<SleepingServer> servers;
    private final Instant startedAt = Instant.now();

    public SleepingSupervisor(String... ids) {
        this.servers = Arrays.stream(ids).map(SleepingServer::new).toList();
    }

    @Override
    public List<ServerControl> servers() {
        return List.copyOf(servers);
    }

    @Override
    public Optional<ServerControl> server(String id) {
        return servers.stream().filter(s -> s.id().equals(id)).map(s -> (ServerControl) s).findFirst();
    }

    public SleepingServer sleeping(String id) {
        return servers.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public CompletionStage<Void> startAll() {
        return CompletableFuture.runAsync(() -> servers.forEach(s -> s.start().toCompletableFuture().join()));
    }

    @Override
    public CompletionStage<Void> stopAll() {
        List<SleepingServer> reversed = new ArrayList<>(servers);
        Collections.reverse(reversed);
        return CompletableFuture.runAsync(() -> reversed.forEach(s -> s.stop().toCompletableFuture().join()));
    }

    @Override
    public CompletionStage<Void> restartAll() {
        return stopAll().thenCompose(done -> startAll());
    }

    /** Stops everything; afterwards no process it ever ran is alive. */
    @Override
    public void close() {
        servers.forEach(SleepingServer::close);
    }

    /** Every process any server ever ran, for the tests' no-leftover check. */
    public List<Process> processes() {
        return servers.stream().flatMap(s -> s.launched().stream()).toList();
    }

    /**
     * The processes still alive, killed on the way: a test asserts the list is empty, and fails without leaving
     * an orphan behind.
     */
    public List<Process> killLeftovers() {
        List<Process> alive = processes().stream().filter(Process::isAlive).toList();
        alive.forEach(Process::destroyForcibly);
        return alive;
    }
}
