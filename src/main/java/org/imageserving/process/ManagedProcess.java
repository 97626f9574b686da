package org.imageserving.process;

import static org.imageserving.process.Durations.human;
import static org.imageserving.process.ServerState.BACKOFF;
import static org.imageserving.process.ServerState.EXITED;
import static org.imageserving.process.ServerState.FATAL;
import static org.imageserving.process.ServerState.RUNNING;
import static org.imageserving.process.ServerState.STARTING;
import static org.imageserving.process.ServerState.STOPPED;
import static org.imageserving.process.ServerState.STOPPING;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ServerSpec;

/**
 * One managed server: its state machine ({@link Transitions}), its current process, readiness and health
 * checks, restart policy and backoff. Every field of the model is confined to the supervisor {@link Loop};
 * the public control methods only submit tasks to it, and the getters read volatile snapshots.
 *
 * <p>Every transition goes through {@link #moveTo}, which checks the table and logs {@code id: FROM -> TO (reason)}.
 */
public final class ManagedProcess {
    private static final Logger LOG = LogManager.getLogger(ManagedProcess.class);
    /** How long killing a tree may take before its survivors are reported. */
    private static final Duration REAP_DEADLINE = Duration.ofSeconds(5);

    /** Told of every transition, on the loop thread. */
    @FunctionalInterface
    public interface Listener {
        void stateChanged(String id, ServerState from, ServerState to, String reason);
    }

    private final ServerSpec spec;
    private final Loop loop;
    private final ScheduledExecutorService pool;
    private final Launcher launcher;
    private final PidRecords records;
    private final FailureStreak failures;
    private final Checks checks;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    // owned by the loop thread
    private final List<Future<?>> phase = new ArrayList<>();          // timers and watches of the current state
    private final List<CompletableFuture<ServerState>> settleWaiters = new ArrayList<>();
    private final List<CompletableFuture<ServerState>> stopWaiters = new ArrayList<>();
    private boolean startAfterStop;
    private String killReason;                                       // why we killed the current process, or null
    private int healthFailures;

    // written on the loop, read from anywhere
    private volatile ServerState state = STOPPED;
    private volatile ProcessRun run;
    private volatile int restartCount;
    private volatile int lastExitCode = -1;
    private volatile String lastError = "";

    /**
     * @param pool small scheduled pool for probes and reaping; never the loop
     */
    public ManagedProcess(ServerSpec spec, Loop loop, ScheduledExecutorService pool, Launcher launcher,
            PidRecords records, Clock clock) {
        this.spec = spec;
        this.loop = loop;
        this.pool = pool;
        this.launcher = launcher;
        this.records = records;
        this.failures = new FailureStreak(spec.restart(), clock);
        this.checks = new Checks(spec, loop, pool);
    }

    // ---- read from any thread ----

    public String id() {
        return spec.id();
    }

    public ServerSpec spec() {
        return spec;
    }

    public ServerState state() {
        return state;
    }

    public long pid() {
        ProcessRun current = run;
        return current == null ? -1 : current.pid();
    }

    /** When the current process was launched, or null. */
    public Instant launchedAt() {
        ProcessRun current = run;
        return current == null ? null : current.launchedAt();
    }

    public long uptimeMillis() {
        ProcessRun current = run;
        return current == null ? 0 : current.age().toMillis();
    }

    public int restartCount() {
        return restartCount;
    }

    public int lastExitCode() {
        return lastExitCode;
    }

    public String lastError() {
        return lastError;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    // ---- control: submitted to the loop; the answers complete off the loop thread ----

    /** Completes once settled: RUNNING (at once when already running), FATAL, EXITED or STOPPED. */
    public CompletableFuture<ServerState> start() {
        return submit(this::onStart);
    }

    /** Completes with STOPPED once the process and all its descendants are gone. */
    public CompletableFuture<ServerState> stop() {
        return submit(this::onStop);
    }

    /** Stop then start, in one loop task; completes once settled after the start. */
    public CompletableFuture<ServerState> restart() {
        return submit(this::onRestart);
    }

    /** Last call on the loop when the supervisor closes: answers whoever still waits. */
    public void abandon() {
        cancelPhase();
        complete(stopWaiters, state);
        complete(settleWaiters, state);
    }

    private CompletableFuture<ServerState> submit(Consumer<CompletableFuture<ServerState>> action) {
        CompletableFuture<ServerState> answer = new CompletableFuture<>();
        loop.execute(() -> action.accept(answer), answer::completeExceptionally);
        // a caller's continuation must never run on (or block) the loop thread
        return answer.thenApplyAsync(Function.identity());
    }

    private void onStart(CompletableFuture<ServerState> answer) {
        switch (state) {
            case RUNNING -> {
                LOG.info("{}: already running (pid {})", id(), pid());
                answer.complete(RUNNING);
            }
            case STARTING -> settleWaiters.add(answer);
            case STOPPING -> {
                startAfterStop = true;
                settleWaiters.add(answer);
            }
            case STOPPED, EXITED, FATAL, BACKOFF -> {
                settleWaiters.add(answer);
                forgetFailures();
                launch("start requested", false);
            }
        }
    }

    private void onStop(CompletableFuture<ServerState> answer) {
        startAfterStop = false;
        switch (state) {
            case STOPPED -> answer.complete(STOPPED);
            case EXITED, FATAL, BACKOFF -> {
                stopWaiters.add(answer);
                moveTo(STOPPED, "stop requested", Level.INFO);
            }
            case STARTING, RUNNING -> {
                stopWaiters.add(answer);
                beginStop("stop requested");
            }
            case STOPPING -> stopWaiters.add(answer);
        }
    }

    private void onRestart(CompletableFuture<ServerState> answer) {
        settleWaiters.add(answer);
        switch (state) {
            case STARTING, RUNNING -> {
                startAfterStop = true;
                beginStop("restart requested");
            }
            case STOPPING -> startAfterStop = true;
            case STOPPED, EXITED, FATAL, BACKOFF -> {
                forgetFailures();
                launch("restart requested", true);
            }
        }
    }

    // ---- launch and readiness ----

    private void launch(String reason, boolean isRestart) {
        killReason = null;
        healthFailures = 0;
        if (isRestart) {
            restartCount++;
        }
        ProcessRun current;
        try {
            current = launcher.launch(spec);
        } catch (IOException | RuntimeException e) {
            moveTo(STARTING, reason, Level.INFO);
            lastError = "cannot launch: " + e.getMessage();
            moveTo(FATAL, lastError, Level.ERROR);
            return;
        }
        run = current;
        failures.launched();
        records.write(new PidRecords.Entry(id(), current.pid(), current.pgid(), current.osStartInstant()));
        moveTo(STARTING, reason + "; pid " + current.pid(), Level.INFO);
        current.process().onExit().whenComplete((p, e) -> loop.execute(() -> onProcessExit(current)));
        awaitReadiness(current);
    }

    private void awaitReadiness(ProcessRun current) {
        phase.addAll(checks.awaitReady(current, how -> onReady(current, how), () -> onStartTimeout(current)));
    }

    private void onReady(ProcessRun current, String how) {
        if (current != run || state != STARTING || killReason != null || !current.process().isAlive()) {
            return;
        }
        moveTo(RUNNING, how, Level.INFO);
        watchHealth(current);
    }

    private void onStartTimeout(ProcessRun current) {
        if (current != run || state != STARTING || killReason != null) {
            return;
        }
        killReason = "not ready within " + human(spec.startTimeout());
        forceKill(current, killReason);
    }

    // ---- liveness ----

    private void watchHealth(ProcessRun current) {
        checks.watchHealth(current, ok -> onHealth(current, ok)).ifPresent(phase::add);
    }

    private void onHealth(ProcessRun current, boolean ok) {
        if (current != run || state != RUNNING || killReason != null) {
            return;
        }
        if (ok) {
            if (healthFailures > 0) {
                LOG.info("{}: health check passes again", id());
            }
            healthFailures = 0;
            return;
        }
        healthFailures++;
        int allowed = checks.allowedFailures();
        LOG.info("{}: health check failed ({} of {} allowed in a row)", id(), healthFailures, allowed);
        if (healthFailures >= allowed) {
            killReason = "stopped answering its health check";
            forceKill(current, "failed its health check " + Durations.times(healthFailures) + " in a row (hung)");
        }
    }

    // ---- stop and kill ----

    private void beginStop(String reason) {
        ProcessRun current = run;
        moveTo(STOPPING, reason, Level.INFO);
        current.snapshotDescendants();
        current.terminate();
        Duration timeout = spec.stopTimeout();
        if (timeout == null || timeout.compareTo(Duration.ZERO) <= 0) {
            killReason = "stopTimeout is 0";
            forceKill(current, killReason);
            return;
        }
        phase.add(loop.schedule(() -> {
            if (current == run && state == STOPPING) {
                killReason = "did not stop within " + human(timeout) + " of SIGTERM";
                forceKill(current, killReason);
            }
        }, timeout));
    }

    /** SIGKILL to every member now; the exit event then reaps whatever is left and moves on. */
    private void forceKill(ProcessRun current, String why) {
        LOG.warn("{}: {}; killing its process tree (pid {})", id(), why, current.pid());
        current.snapshotDescendants();
        current.liveMembers().forEach(ProcessHandle::destroyForcibly);
    }

    // ---- the process ended ----

    private void onProcessExit(ProcessRun current) {
        if (current != run) {
            return;
        }
        int code = current.process().exitValue();
        Duration ran = current.age();
        lastExitCode = code;
        ProcessTree.kill(current::liveMembers, pool, REAP_DEADLINE).whenComplete((survivors, error) ->
                loop.execute(() -> afterReap(current, code, ran, survivors, error)));
    }

    private void afterReap(ProcessRun current, int code, Duration ran, List<ProcessHandle> survivors, Throwable error) {
        if (current != run) {
            return;
        }
        if (error != null) {
            LOG.error("{}: reaping the tree of pid {} failed", id(), current.pid(), error);
        } else if (!survivors.isEmpty()) {
            LOG.error("{}: could not kill {}", id(), survivors.stream().map(ProcessTree::describe).toList());
        }
        run = null;
        records.remove(id());
        String ended = killReason != null ? killReason : "exited with code " + code;
        switch (state) {
            case STOPPING -> stopped(code);
            case STARTING -> failedStart(ended, ran);
            case RUNNING -> ended(code, ended, ran);
            default -> LOG.error("{}: process {} ended while {}", id(), current.pid(), state);
        }
    }

    private void stopped(int code) {
        moveTo(STOPPED, killReason != null ? "killed: " + killReason : "exited with code " + code, Level.INFO);
        if (startAfterStop) {
            startAfterStop = false;
            forgetFailures();
            launch("restart requested", true);
        }
    }

    private void failedStart(String why, Duration ran) {
        Backoff.Decision decision = failures.failed(why);
        String reason = killReason != null ? why : why + " " + human(ran) + " after launch";
        if (decision.giveUp()) {
            giveUp();
            return;
        }
        lastError = reason;
        moveTo(BACKOFF, reason + "; next start in " + human(decision.delay()), Level.WARN);
        retryAfter(decision.delay());
    }

    private void ended(int code, String why, Duration ran) {
        boolean killedByUs = killReason != null;
        boolean unexpected = killedByUs || !spec.restart().expectedExitCodes().contains(code);
        boolean restart = switch (spec.restart().mode()) {
            case ALWAYS -> true;
            case UNEXPECTED -> unexpected;
            case NEVER -> false;
        };
        String reason = why + " after running " + human(ran);
        if (unexpected) {
            lastError = reason;
        }
        moveTo(EXITED, reason, unexpected ? Level.WARN : Level.INFO);
        if (!restart) {
            complete(settleWaiters, EXITED);
            return;
        }
        Backoff.Decision decision = killedByUs ? failures.failed(why) : failures.exited(why);
        if (decision.giveUp()) {
            giveUp();
        } else if (decision.delay().isZero()) {
            launch("restart policy " + spec.restart().mode().name().toLowerCase(Locale.ROOT)
                    + (decision.failuresInARow() == 0 ? ", after a stable run" : ""), true);
        } else {
            moveTo(BACKOFF, "failure " + decision.failuresInARow() + " in a row; next start in " + human(decision.delay()),
                    Level.INFO);
            retryAfter(decision.delay());
        }
    }

    private void retryAfter(Duration delay) {
        phase.add(loop.schedule(() -> {
            if (state == BACKOFF) {
                launch("backoff over", true);
            }
        }, delay));
    }

    private void giveUp() {
        lastError = failures.givingUpReason();
        moveTo(FATAL, lastError, Level.ERROR);
    }

    private void forgetFailures() {
        failures.reset();
    }

    // ---- the one place where state changes ----

    private void moveTo(ServerState to, String reason, Level level) {
        ServerState from = state;
        if (!Transitions.allowed(from, to)) {
            throw new IllegalStateException(id() + ": no transition " + from + " -> " + to + " (" + reason + ")");
        }
        cancelPhase();
        state = to;
        LOG.log(level, "{}: {} -> {} ({})", id(), from, to, reason);
        for (Listener listener : listeners) {
            try {
                listener.stateChanged(id(), from, to, reason);
            } catch (RuntimeException e) {
                LOG.warn("{}: state listener failed", id(), e);
            }
        }
        switch (to) {
            case RUNNING, FATAL -> complete(settleWaiters, to);
            case STOPPED -> {
                complete(stopWaiters, STOPPED);
                if (!startAfterStop) {
                    complete(settleWaiters, STOPPED);
                }
            }
            default -> { }
        }
    }

    private void cancelPhase() {
        phase.forEach(task -> task.cancel(false));
        phase.clear();
    }

    private static void complete(List<CompletableFuture<ServerState>> waiters, ServerState state) {
        List<CompletableFuture<ServerState>> answered = List.copyOf(waiters);
        waiters.clear();
        answered.forEach(w -> w.complete(state));
    }
}
