package org.imageserving.process;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The supervisor loop: one long-lived thread that owns every managed server's state. Process exits, timers,
 * probe results and control calls only submit tasks to it, so the model needs no locks.
 *
 * <p>Servers are launched from this thread too: a parent-death signal fires when the <em>thread</em> that
 * forked the child ends, so the launching thread must live as long as the supervisor. Every task is
 * therefore guarded: nothing it throws may end the thread.
 */
public final class Loop implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Loop.class);

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    public Loop(String name) {
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.prestartAllCoreThreads();
    }

    /** Runs the task on the loop; {@code onRejected} hears of it when the loop is closed. */
    public void execute(Runnable task, Consumer<Throwable> onRejected) {
        try {
            executor.execute(guard(task));
        } catch (RejectedExecutionException e) {
            onRejected.accept(new IllegalStateException("the supervisor is closed", e));
        }
    }

    public void execute(Runnable task) {
        execute(task, e -> LOG.debug("task dropped: {}", e.getMessage()));
    }

    /** Runs the task on the loop after the delay; cancel the answer to call it off. */
    public Future<?> schedule(Runnable task, Duration delay) {
        try {
            return executor.schedule(guard(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("timer dropped: the supervisor is closed");
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Ends the thread once the queued tasks are done (delayed ones are dropped). */
    @Override
    public void close() {
        executor.shutdown();
        if (inLoop()) {
            return;     // the current task is the last one
        }
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("supervisor loop task failed; the loop goes on", t);
            }
        };
    }
}
