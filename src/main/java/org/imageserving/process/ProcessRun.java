package org.imageserving.process;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One launched process of a managed server, from launch to reaping: its handle, its process group (when it
 * leads one), when it was launched, and the descendants seen so far. Descendants are remembered because
 * once the process is gone its orphans are re-parented and {@link ProcessHandle#descendants()} no longer
 * finds them.
 */
public final class ProcessRun {
    private final Process process;
    private final long pgid;
    private final Instant launchedAt;
    private final long launchedNanos;
    private final String token;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    ProcessRun(Process process, long pgid, Instant launchedAt, long launchedNanos, String token) {
        this.process = process;
        this.token = token;
        this.pgid = pgid;
        this.launchedAt = launchedAt;
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

    public Instant launchedAt() {
        return launchedAt;
    }

    /** How long since launch, on the monotonic clock. */
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
