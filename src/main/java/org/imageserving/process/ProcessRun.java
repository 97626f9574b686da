package org.imageserving.process;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One launched process of a managed server, from launch to reaping: its handle, its process group (when it
 * leads one), when it was launched (on the monotonic clock only), and the descendants seen so far.
 * Descendants are remembered because once the process is gone its orphans are re-parented and
 * {@link ProcessHandle#descendants()} no longer finds them.
 */
public final class ProcessRun {
    /** How long killing what is left of a tree may take before its survivors are reported. */
    private static final Duration REAP_DEADLINE = Duration.ofSeconds(5);

    private final Process process;
    private final long pgid;
    private final long launchedNanos;
    private final String token;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    ProcessRun(Process process, long pgid, long launchedNanos, String token) {
        this.process = process;
        this.token = token;
        this.pgid = pgid;
        this.launchedNanos = launchedNanos;
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** The process group the server leads, or -1 when it does not lead one. */
    public long pgid() {
        return pgid;
    }

    /** The {@link ServerToken} in this process's environment (and its descendants'), or null. */
    public String token() {
        return token;
    }

    /**
     * How long since launch, on the monotonic clock: the one measure of how long a run lasted, for Uptime, for
     * the backoff's stableAfter and for the reasons logged.
     */
    public Duration age() {
        return Duration.ofNanos(System.nanoTime() - launchedNanos);
    }

    /** The OS's start instant of the process (what survivor detection compares), or null. */
    public Instant osStartInstant() {
        return process.toHandle().info().startInstant().orElse(null);
    }

    /** Remembers the current descendants; safe from any thread. */
    public void snapshotDescendants() {
        process.descendants().forEach(seen::add);
    }

    /** Graceful stop: SIGTERM to the server process itself. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL to every member of the tree now (the process, its descendants now and before, its group). */
    public void killTree() {
        snapshotDescendants();
        liveMembers().forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * After the process ended: kills what is left of its tree, off the caller's thread, polling on {@code timer};
     * completes with the survivors (empty when the whole tree is gone).
     */
    public CompletableFuture<List<ProcessHandle>> reap(ScheduledExecutorService timer) {
        return ProcessTree.kill(this::liveMembers, timer, REAP_DEADLINE);
    }

    /** Every live member of the tree: the process, its descendants now and before, its process group. */
    public Set<ProcessHandle> liveMembers() {
        Set<ProcessHandle> members = new LinkedHashSet<>();
        ProcessHandle main = process.toHandle();
        if (ProcessTree.isAlive(main)) {
            members.add(main);
            main.descendants().forEach(members::add);
        }
        seen.stream().filter(ProcessTree::isAlive).forEach(members::add);
        ProcessTree.groupHandles(pgid).forEach(members::add);
        return members;
    }
}
