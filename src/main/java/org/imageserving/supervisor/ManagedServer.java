package org.imageserving.supervisor;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import javax.management.ObjectName;

import org.imageserving.config.ServerSpec;
import org.imageserving.config.ServerSpec.JavaLaunch;
import org.imageserving.process.Launcher;
import org.imageserving.process.Loop;
import org.imageserving.process.ManagedProcess;
import org.imageserving.proc.ProcFs;
import org.imageserving.process.PidRecords;

/**
 * What the management plane sees of one server: the {@link ManagedProcess} state machine itself (state, pid,
 * verbs answer straight from the state owner), plus the live memory figures it alone adds, read on the caller's
 * thread: the heap of a child JVM through a loopback JMX agent started by attach, the resident memory of anything
 * else.
 */
final class ManagedServer extends ManagedProcess implements ServerControl {
    private final HeapGauge heap;

    /**
     * @param pool        small scheduled pool for probes and reaping, and for releasing a gauge's connection; never
     *                    the loop
     * @param credentials where the heap gauge keeps the JMX credentials of the child's agent ({@code run/servers/})
     */
    ManagedServer(ServerSpec spec, Loop loop, ScheduledExecutorService pool, Launcher launcher, PidRecords records,
            Path credentials) {
        super(spec, loop, pool, launcher, records);
        this.heap = spec.launch() instanceof JavaLaunch ? new HeapGauge(credentials, spec.id()) : null;
        if (heap != null) {
            releaseWhenGone(heap, pool);
        }
    }

    /** The connection and the agent's credentials belong to one process: dropped (off the loop) once it is gone. */
    private void releaseWhenGone(HeapGauge gauge, Executor background) {
        addListener((id, from, to, reason) -> {
            if (!to.isAlive()) {
                background.execute(gauge::release);
            }
        });
    }

    @Override
    public MemoryReading memory() {
        long pid = pid();
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
        long pid = pid();
        return heap == null || pid <= 0 ? "" : heap.renderEngine(pid);
    }

    @Override
    public Map<String, Object> childAttributes(ObjectName mbean, String[] names) {
        long pid = pid();
        return heap == null || pid <= 0 ? Map.of() : heap.attributes(pid, mbean, names);
    }

    @Override
    public void addStateListener(StateListener listener) {
        addListener(listener::stateChanged);
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
