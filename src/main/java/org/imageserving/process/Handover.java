package org.imageserving.process;

import static org.imageserving.process.Durations.human;
import static org.imageserving.process.ServerState.RUNNING;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ServerSpec;

/**
 * An operator's restart of a server that shares its port with its successor ({@code <handover>true}, SO_REUSEPORT):
 * the new process starts beside the old one, and the old one stops only once the new one serves. The state stays
 * RUNNING throughout; {@link #otherPid()} names the second process while there are two. Confined to the loop.
 *
 * <pre>
 *  RUNNING, pid A serving --restart--> pid B launched beside A                         (HandoverPid B)
 *  B passes the probe and listens on the port itself --> B serves (Pid B), A gets SIGTERM (HandoverPid A)
 *  A and its tree gone (killed after stopTimeout) --> the restart answers RUNNING        (HandoverPid -1)
 *  B exits, or is not ready within startTimeout --> B's tree killed, A keeps serving, the restart fails
 * </pre>
 */
final class Handover {
    /** One server's story stays under one logger name. */
    private static final Logger LOG = LogManager.getLogger(ManagedProcess.class);

    private ServerSpec spec;                  // of the serving process
    private final Loop loop;
    private final ScheduledExecutorService pool;
    private final Launcher launcher;
    private final Lifecycle lifecycle;
    private final CurrentRun current;
    private final RunHistory history;
    private ServerSpec nextSpec;              // of the handover under way
    private Consumer<ProcessRun> adopt;       // makes the ready new process the server's (the state machine's call)
    private final List<CompletableFuture<ServerState>> waiters = new ArrayList<>();
    private final List<Future<?>> timers = new ArrayList<>();
    private volatile ProcessRun next;         // launched, not serving yet
    private volatile ProcessRun retiring;     // handed over from, draining
    private String nextFailure;
    private boolean aborted;
    private CompletableFuture<Void> drained = CompletableFuture.completedFuture(null);

    Handover(ServerSpec spec, Loop loop, ScheduledExecutorService pool, Launcher launcher, Lifecycle lifecycle,
            CurrentRun current, RunHistory history) {
        this.spec = spec;
        this.loop = loop;
        this.pool = pool;
        this.launcher = launcher;
        this.lifecycle = lifecycle;
        this.current = current;
        this.history = history;
    }

    /** The second process of a handover under way (the new one while it starts, then the old one while it drains), or -1. */
    long otherPid() {
        ProcessRun other = next != null ? next : retiring;
        return other == null ? -1 : other.pid();
    }

    /** A new process is starting beside the serving one. */
    boolean starting() {
        return next != null;
    }

    /** The old process of a handover is still draining. */
    boolean draining() {
        return retiring != null;
    }

    /** Completes once no process of a handover is left beside the current one. */
    CompletableFuture<Void> drained() {
        return drained;
    }

    /** Runs {@code then} on the loop once the old process is gone. */
    void afterDrain(Runnable then) {
        drained.whenComplete((v, e) -> loop.execute(then));
    }

    /**
     * Starts a handover from the serving process to one launched with {@code to}'s settings, or joins the one
     * starting (the caller makes sure it has the same successor spec); answered when it is over. Once the new
     * process is ready, {@code adopt} makes it the server's, and only then is the serving one stopped.
     */
    void begin(CompletableFuture<ServerState> answer, String reason, ServerSpec to, Consumer<ProcessRun> adopt) {
        waiters.add(answer);
        if (next != null) {
            return;
        }
        ProcessRun serving = current.process();
        ProcessRun run;
        try {
            run = launcher.launch(to);
        } catch (IOException | RuntimeException e) {
            fail("cannot launch a new process (" + e.getMessage() + "); pid " + serving.pid() + " keeps serving");
            return;
        }
        next = run;
        nextSpec = to;
        this.adopt = adopt;
        nextFailure = null;
        aborted = false;
        drained = new CompletableFuture<>();
        LOG.info("{}: handover ({}): pid {} started beside pid {}, which keeps serving", spec.id(), reason, run.pid(),
                serving.pid());
        run.process().onExit().whenComplete((p, e) -> loop.execute(() -> onNextExit(run, serving)));
        timers.addAll(new Checks(to, loop, pool).awaitReadyBeside(run, how -> onReady(run, serving, how),
                () -> onStartTimeout(run)));
    }

    /** A stop while the new process starts: the new process goes, the old one is stopped as usual. */
    void abort(String reason) {
        ProcessRun run = next;
        if (run == null) {
            return;
        }
        nextFailure = reason + " during the handover";
        aborted = true;
        killTree(run, nextFailure);
    }

    /** The supervisor closes: answer whoever waits. */
    void abandon() {
        cancelTimers();
        complete(lifecycle.state());
    }

    private void onReady(ProcessRun run, ProcessRun serving, String how) {
        if (next != run) {
            return;
        }
        if (lifecycle.state() != RUNNING || !current.is(serving) || !run.process().isAlive()) {
            nextFailure = "pid " + serving.pid() + " stopped serving during the handover (" + lifecycle.state() + ")";
            killTree(run, nextFailure);
            return;
        }
        cancelTimers();
        next = null;
        Duration timeout = spec.stopTimeout();    // the serving process's own, before a new spec is adopted
        adopt.accept(run);
        spec = nextSpec;
        retiring = serving;
        LOG.info("{}: handover: pid {} ready ({}); it serves now, pid {} stops", spec.id(), run.pid(), how, serving.pid());
        serving.snapshotDescendants();
        serving.process().onExit().whenComplete((p, e) -> loop.execute(() -> onRetiredExit(serving)));
        serving.terminate();
        if (timeout == null || timeout.compareTo(Duration.ZERO) <= 0) {
            killTree(serving, "stopTimeout is 0");
        } else {
            timers.add(loop.schedule(() -> {
                if (retiring == serving) {
                    killTree(serving, "did not stop within " + human(timeout) + " of SIGTERM");
                }
            }, timeout));
        }
    }

    private void onStartTimeout(ProcessRun run) {
        if (next == run) {
            nextFailure = "pid " + run.pid() + " was not ready within " + human(nextSpec.startTimeout());
            killTree(run, nextFailure);
        }
    }

    /** The new process ended before it was ready: a failed restart; the old one keeps serving. */
    private void onNextExit(ProcessRun run, ProcessRun serving) {
        if (next != run) {
            return;       // it took over: the state machine handles its exit now
        }
        cancelTimers();
        int code = run.process().exitValue();
        String why = nextFailure != null ? nextFailure : "pid " + run.pid() + " exited with code " + code + " before it was ready";
        run.reap(pool).whenComplete((survivors, e) -> loop.execute(() -> {
            next = null;
            fail(aborted ? why : why + "; pid " + serving.pid() + " keeps serving");
            drained.complete(null);
        }));
    }

    private void onRetiredExit(ProcessRun serving) {
        if (retiring != serving) {
            return;
        }
        int code = serving.process().exitValue();
        history.exited(code);
        serving.reap(pool).whenComplete((survivors, e) -> loop.execute(() -> {
            if (survivors != null && !survivors.isEmpty()) {
                LOG.error("{}: could not kill {}", spec.id(), survivors.stream().map(ProcessTree::describe).toList());
            }
            cancelTimers();
            retiring = null;
            LOG.info("{}: handover done: pid {} exited with code {}, pid {} serves", spec.id(), serving.pid(), code,
                    current.process() == null ? "none" : current.process().pid());
            complete(RUNNING);
            drained.complete(null);
        }));
    }

    private void fail(String why) {
        history.failed("restart failed: " + why);
        LOG.warn("{}: handover failed: {}", spec.id(), why);
        List<CompletableFuture<ServerState>> answered = List.copyOf(waiters);
        waiters.clear();
        answered.forEach(w -> w.completeExceptionally(new IllegalStateException(why)));
    }

    private void killTree(ProcessRun run, String why) {
        LOG.warn("{}: {}; killing its process tree (pid {})", spec.id(), why, run.pid());
        run.killTree();
    }

    private void complete(ServerState state) {
        List<CompletableFuture<ServerState>> answered = List.copyOf(waiters);
        waiters.clear();
        answered.forEach(w -> w.complete(state));
    }

    private void cancelTimers() {
        timers.forEach(t -> t.cancel(false));
        timers.clear();
    }
}
