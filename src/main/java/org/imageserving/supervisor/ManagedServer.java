package org.imageserving.supervisor;

import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.imageserving.config.ServerSpec;
import org.imageserving.config.ServerSpec.JavaLaunch;
import org.imageserving.process.ManagedProcess;
import org.imageserving.process.ProcFs;
import org.imageserving.process.ServerState;

/**
 * What the management plane sees of one server: the {@link ManagedProcess} state machine, plus live metrics
 * read on the caller's thread (heap of a child JVM through a loopback JMX agent started by attach, resident memory
 * of anything else).
 */
final class ManagedServer implements ServerControl {
    private final ManagedProcess process;
    private final HeapGauge heap;

    /**
     * @param background  runs the release of a gauge's connection, off the loop
     * @param credentials where the heap gauge keeps the JMX credentials of the child's agent ({@code run/servers/})
     */
    ManagedServer(ManagedProcess process, Executor background, Path credentials) {
        this.process = process;
        this.heap = process.spec().launch() instanceof JavaLaunch ? new HeapGauge(credentials, process.id()) : null;
        if (heap != null) {
            // the connection and the agent's credentials belong to one process: drop them (off the loop) once it
            // is gone
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
    public long handoverPid() {
        return process.handoverPid();
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
    public String renderEngine() {
        long pid = process.pid();
        return heap == null || pid <= 0 ? "" : heap.renderEngine(pid);
    }

    @Override
    public java.util.Map<String, Object> childAttributes(javax.management.ObjectName mbean, String[] names) {
        long pid = process.pid();
        return heap == null || pid <= 0 ? java.util.Map.of() : heap.attributes(pid, mbean, names);
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
