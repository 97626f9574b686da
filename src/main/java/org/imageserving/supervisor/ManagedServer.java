package org.imageserving.supervisor;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.imageserving.config.ServerSpec;
import org.imageserving.config.ServerSpec.JavaLaunch;
import org.imageserving.process.ManagedProcess;
import org.imageserving.process.ProcFs;
import org.imageserving.process.ServerState;

/**
 * What the management plane sees of one server: the {@link ManagedProcess} state machine, plus live metrics
 * read on the caller's thread (heap of a child JVM through attach, resident memory of anything else).
 */
final class ManagedServer implements ServerControl {
    private final ManagedProcess process;
    private final HeapGauge heap;

    ManagedServer(ManagedProcess process, Executor background) {
        this.process = process;
        this.heap = process.spec().launch() instanceof JavaLaunch ? new HeapGauge() : null;
        if (heap != null) {
            // the connection belongs to one process: drop it (off the loop) when that process is gone
            process.addListener((id, from, to, reason) -> {
                if (!to.isAlive()) {
                    background.execute(heap::release);
                }
            });
        }
    }

    ManagedProcess process() {
        return process;
    }

    @Override
    public String id() {
        return process.id();
    }

    @Override
    public ServerSpec spec() {
        return process.spec();
    }

    @Override
    public ServerState state() {
        return process.state();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public long uptimeMillis() {
        return process.uptimeMillis();
    }

    @Override
    public MemoryReading memory() {
        long pid = process.pid();
        if (pid <= 0) {
            return MemoryReading.UNKNOWN;
        }
        if (heap != null) {
            return heap.read(pid);
        }
        return ProcFs.residentBytes(pid).stream()
                .mapToObj(bytes -> new MemoryReading(bytes, MemoryReading.Kind.RESIDENT))
                .findFirst().orElse(MemoryReading.UNKNOWN);
    }

    @Override
    public int restartCount() {
        return process.restartCount();
    }

    @Override
    public int lastExitCode() {
        return process.lastExitCode();
    }

    @Override
    public String lastError() {
        return process.lastError();
    }

    @Override
    public CompletionStage<ServerState> start() {
        return process.start();
    }

    @Override
    public CompletionStage<ServerState> stop() {
        return process.stop();
    }

    @Override
    public CompletionStage<ServerState> restart() {
        return process.restart();
    }

    @Override
    public void addStateListener(StateListener listener) {
        process.addListener(listener::stateChanged);
    }

    void closeGauges() {
        if (heap != null) {
            heap.close();
        }
    }

    @Override
    public String toString() {
        return id() + " " + state() + (pid() > 0 ? " pid " + pid() : "");
    }
}
