package org.imageserving.cli;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.proc.JsvcControllers;
import org.imageserving.exit.ExitCode;

/**
 * {@code ImageServing stop}: ask the supervisor to stop everything (jsvc's own stop when jsvc hosts it,
 * SupervisorMXBean.shutdown over JMX otherwise, SIGTERM when JMX does not answer), then return only when the
 * supervisor and every process below it are gone, or say what is left when the time is up. Not running is
 * success, as with {@code systemctl stop}.
 */
final class SupervisorStop {
    private static final long POLL_MILLIS = 100;

    private final CliContext ctx;
    private final Messages messages;

    SupervisorStop(CliContext ctx) {
        this.ctx = ctx;
        this.messages = ctx.messages();
    }

    ExitCode run(Duration timeout, ConnectionOptions options) throws InterruptedException {
        PidFile pidFile = PidFile.read(ctx.homes().run(), ctx.homes().base());
        if (!pidFile.running()) {
            if (pidFile.stale()) {
                ctx.out().println(pidFile.explainStale(messages));
                pidFile.removeIfStale();
            }
            // a jsvc controller whose JVM was killed forks a new supervisor within 60 s: after a stop, none may
            for (long controller : JsvcControllers.orphans(ctx.homes().base())) {
                if (JsvcControllers.end(controller)) {
                    ctx.out().println(messages.get("stop.jsvcOrphan", controller));
                }
            }
            ctx.out().println(messages.get("stop.notRunning"));
            return ExitCode.OK;
        }
        ProcessHandle supervisor = pidFile.process().orElse(null);
        if (supervisor == null) { // ended between the two looks
            ctx.out().println(messages.get("stop.stopped"));
            return ExitCode.OK;
        }
        Instant deadline = Instant.now().plus(timeout != null ? timeout : budget());
        boolean underJsvc = pidFile.underJsvc();
        SupervisorTree tree = SupervisorTree.of(supervisor, underJsvc);
        ctx.out().println(messages.get("stop.stopping", pidFile.pid(), tree.size()));
        if (!underJsvc || !jsvcStop()) {
            askToStop(supervisor, options);
        }
        List<ProcessHandle> left = awaitGone(tree, deadline);
        if (!left.isEmpty()) {
            StringBuilder pids = new StringBuilder();
            for (ProcessHandle process : left) {
                pids.append(' ').append(process.pid());
            }
            throw new CliException(ExitCode.FAILURE, messages.get("stop.left", SupervisorTree.describe(left), pids.toString().strip()));
        }
        ctx.out().println(messages.get("stop.stopped"));
        return ExitCode.OK;
    }

    private Duration budget() {
        try {
            SupervisorConfig config = SupervisorStart.loadConfig(ctx);
            return Budgets.stop(config);
        } catch (CliException | UnsupportedOperationException unreadable) {
            return Budgets.STOP_FALLBACK; // a broken config file must not prevent a stop
        }
    }

    /** {@code bin/daemon.sh stop}: jsvc signals its JVM and waits for it; false when that did not work. */
    private boolean jsvcStop() throws InterruptedException {
        try {
            ProcessBuilder builder = new ProcessBuilder(ctx.homes().home().resolve("bin").resolve("daemon.sh").toString(), "stop")
                    .inheritIO();
            builder.environment().put("IMAGESERVING_HOME", ctx.homes().home().toString());
            builder.environment().put("IMAGESERVING_BASE", ctx.homes().base().toString());
            return builder.start().waitFor() == 0;
        } catch (IOException cannotRun) {
            ctx.err().println(cannotRun.getMessage());
            return false;
        }
    }

    /** SupervisorMXBean.shutdown over JMX; SIGTERM to the pid when JMX cannot be used. */
    private void askToStop(ProcessHandle supervisor, ConnectionOptions options) {
        String reason;
        try (SupervisorClient client = SupervisorClient.connect(JmxTarget.resolveLocal(options, ctx))) {
            client.supervisorProxy().shutdown();
            return;
        } catch (IOException | CliException | SecurityException | UndeclaredThrowableException e) {
            reason = e instanceof CliException ? e.getMessage() : Connections.rootMessage(e);
        }
        ctx.out().println(messages.get("stop.sigterm", reason, supervisor.pid()));
        supervisor.destroy(); // SIGTERM: the supervisor's shutdown hook stops the servers
    }

    private List<ProcessHandle> awaitGone(SupervisorTree tree, Instant deadline) throws InterruptedException {
        while (true) {
            tree.refresh();
            List<ProcessHandle> alive = tree.alive();
            if (alive.isEmpty() || !Instant.now().isBefore(deadline)) {
                return alive;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
