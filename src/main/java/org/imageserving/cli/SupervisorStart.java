package org.imageserving.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.imageserving.config.ConfigException;
import org.imageserving.config.ConfigLoader;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.exit.ExitCode;

/**
 * {@code ImageServing start}: validate the configuration (a bad one starts nothing, exit 2), refuse to run a
 * second copy (already running is success), explain and clear a stale pid file, launch the supervisor in the
 * background, then wait over JMX until every server is RUNNING or has failed, and print the status table.
 */
final class SupervisorStart {
    private static final long POLL_MILLIS = 100;
    private static final String LOGGER_CONTEXT_FACTORY = "log4j2.loggerContextFactory";

    private final CliContext ctx;
    private final Messages messages;

    SupervisorStart(CliContext ctx) {
        this.ctx = ctx;
        this.messages = ctx.messages();
    }

    ExitCode run(Duration timeout, ConnectionOptions options) throws IOException, InterruptedException {
        SupervisorConfig config = loadConfig(ctx);
        PidFile pidFile = PidFile.read(ctx.homes().run(), ctx.homes().base());
        if (pidFile.running()) {
            ctx.out().println(messages.get("start.alreadyRunning", pidFile.pid()));
            return ExitCode.OK;
        }
        if (pidFile.stale()) {
            ctx.out().println(pidFile.explainStale(messages));
            pidFile.removeIfStale();
        }
        Duration budget = timeout != null ? timeout : Budgets.start(config);
        Instant deadline = Instant.now().plus(budget);
        SupervisorLauncher launcher = new SupervisorLauncher(ctx);
        Instant launchedAt = Instant.now().minusSeconds(2); // file times are coarse on some file systems
        SupervisorLauncher.Launched launched = launcher.launch();
        try (SupervisorClient client = awaitSupervisor(launched, launchedAt, deadline, options)) {
            List<String> failed = new StartProgress(ctx, client).await(deadline);
            StatusQuery.Snapshot snapshot = StatusQuery.Snapshot.read(client, null, messages);
            ctx.out().print(new StatusView(messages).table(snapshot));
            if (!failed.isEmpty()) {
                ctx.err().println(messages.get("start.failed", String.join(", ", failed)));
                return ExitCode.FAILURE;
            }
            return ExitCode.OK;
        } catch (IOException lost) {
            throw new CliException(ExitCode.FAILURE, messages.get("start.lost", Connections.rootMessage(lost),
                    ctx.homes().logs().resolve("supervisor.log")));
        }
    }

    /**
     * The configuration as the supervisor will read it. The loader logs through log4j-api: on the CLI's class
     * path without log4j-core, so its simple logger is named outright (ERROR and up, to stderr) instead of log4j
     * complaining that it found no implementation.
     */
    static SupervisorConfig loadConfig(CliContext ctx) {
        if (System.getProperty(LOGGER_CONTEXT_FACTORY) == null) {
            System.setProperty(LOGGER_CONTEXT_FACTORY, "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        try {
            return ConfigLoader.load(ctx.homes(), ctx.env(), ctx.props(), Map.of());
        } catch (ConfigException bad) {
            throw new CliException(ExitCode.USAGE, bad.getMessage());
        }
    }

    /**
     * Waits until this launch's supervisor writes its pid file and its JMX URL, and answers on it as the same
     * process; fails early when the detached JVM exits (its last output lines say why).
     */
    private SupervisorClient awaitSupervisor(SupervisorLauncher.Launched launched, Instant launchedAt, Instant deadline,
            ConnectionOptions options) throws InterruptedException {
        Path jmxUrl = ctx.homes().run().resolve("jmx.url");
        String lastProblem = messages.get("start.noPidFile", ctx.homes().run().resolve("supervisor.pid"));
        ctx.out().println(messages.get("start.launching", launched.how()));
        while (Instant.now().isBefore(deadline)) {
            Process process = launched.process();
            if (process != null && !process.isAlive()) {
                throw exitedDuringStart(process.exitValue());
            }
            PidFile pidFile = PidFile.read(ctx.homes().run(), ctx.homes().base());
            if (pidFile.running() && writtenSince(jmxUrl, launchedAt)) {
                try {
                    JmxTarget target = JmxTarget.resolveLocal(options, ctx);
                    SupervisorClient client = SupervisorClient.connect(target);
                    if (StatusView.asLong(client.supervisor().get("Pid")) == pidFile.pid()) {
                        ctx.out().println(messages.get("start.supervisorUp", pidFile.pid()));
                        return client;
                    }
                    client.close();
                    lastProblem = messages.get("start.otherSupervisor", target.url());
                } catch (IOException | CliException | SecurityException notYet) {
                    lastProblem = notYet.getMessage();
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new CliException(ExitCode.FAILURE, messages.get("start.supervisorTimeout", lastProblem,
                ctx.homes().logs().resolve("supervisor.log")));
    }

    private CliException exitedDuringStart(int exitCode) {
        Path output = ctx.homes().logs().resolve("supervisor.out");
        String tail = Tail.lastLines(output, 8);
        String line = messages.get("start.supervisorExited", exitCode, output) + (tail.isEmpty() ? "" : System.lineSeparator() + tail);
        // the supervisor exits 2 on a bad configuration, as the control script does
        return new CliException(exitCode == ExitCode.USAGE.code() ? ExitCode.USAGE : ExitCode.FAILURE, line);
    }

    private static boolean writtenSince(Path file, Instant since) {
        try {
            return !Files.getLastModifiedTime(file).toInstant().isBefore(since);
        } catch (IOException absent) {
            return false;
        }
    }
}
