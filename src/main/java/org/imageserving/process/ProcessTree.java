package org.imageserving.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.imageserving.proc.ProcFs;
import org.imageserving.proc.ProcessLiveness;

/**
 * Kills a process tree and verifies it is gone. Members are re-collected every round, so a child forked
 * while we kill is caught too. Zombies count as gone: the JDK reports them alive, and an init that never reaps
 * (as in some containers) would keep them forever.
 */
public final class ProcessTree {
    private static final Duration POLL = Duration.ofMillis(10);

    private ProcessTree() {}

    /** Alive and not a zombie: {@link ProcessLiveness#isAlive}, the one rule, for the tree kill and its tests. */
    public static boolean isAlive(ProcessHandle handle) {
        return ProcessLiveness.isAlive(handle);
    }

    /** Live members of a process group, as handles; empty when groups are unknown. */
    public static List<ProcessHandle> groupHandles(long pgid) {
        List<ProcessHandle> handles = new ArrayList<>();
        if (pgid > 1 && ProcFs.available()) {
            for (long pid : ProcFs.groupMembers(pgid)) {
                ProcessHandle.of(pid).ifPresent(handles::add);
            }
        }
        return handles;
    }

    /**
     * SIGKILLs every member, again each round, until none is alive or the deadline passes. Completes with the
     * survivors (empty when the whole tree is gone); polls on {@code timer}, never blocks the caller.
     */
    public static CompletableFuture<List<ProcessHandle>> kill(Supplier<Set<ProcessHandle>> members,
            ScheduledExecutorService timer, Duration deadline) {
        CompletableFuture<List<ProcessHandle>> done = new CompletableFuture<>();
        long until = System.nanoTime() + deadline.toNanos();
        Runnable round = new Runnable() {
            @Override
            public void run() {
                try {
                    List<ProcessHandle> alive = members.get().stream().filter(ProcessTree::isAlive).toList();
                    if (alive.isEmpty()) {
                        done.complete(List.of());
                        return;
                    }
                    alive.forEach(ProcessHandle::destroyForcibly);
                    if (System.nanoTime() - until > 0) {
                        done.complete(alive.stream().filter(ProcessTree::isAlive).toList());
                        return;
                    }
                    timer.schedule(this, POLL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            }
        };
        try {
            timer.execute(round);
        } catch (RuntimeException e) {
            round.run();    // timer already closed: one round on the caller's thread is better than none
        }
        return done;
    }

    /** Blocking variant for start-up and close, where there is no loop to come back to. */
    public static List<ProcessHandle> killNow(Supplier<Set<ProcessHandle>> members, Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        while (true) {
            List<ProcessHandle> alive = members.get().stream().filter(ProcessTree::isAlive).toList();
            if (alive.isEmpty() || System.nanoTime() - until > 0) {
                return alive;
            }
            alive.forEach(ProcessHandle::destroyForcibly);
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return alive;
            }
        }
    }

    /** "1234 (java -cp …)" for log lines about survivors. */
    public static String describe(ProcessHandle handle) {
        Optional<String> command = handle.info().commandLine().or(() -> handle.info().command());
        String text = command.orElse("?");
        return handle.pid() + " (" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + ")";
    }
}
