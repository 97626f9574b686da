package org.imageserving.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import org.imageserving.exit.ExitCode;

/**
 * {@code logs <id> [-f] [-n N]}: the last lines of a server's log ({@code logs/<id>.log}), or of the supervisor's
 * own ({@code logs supervisor}), and with {@code -f} every line that follows, across log rolling. Reads the local
 * files of this instance: no JMX round trip, and it works while the supervisor is down.
 */
@Command(name = "logs", sortOptions = false)
final class LogsCommand implements Callable<Integer> {
    /** The supervisor's own log; a server cannot take this id (it would share the file). */
    static final String SUPERVISOR = "supervisor";
    /** A server id as conf/SupervisorRegistry.xml allows it: also keeps the argument inside logs/. */
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final int MAX_LINES = 100_000;

    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Option(names = {"-f", "--follow"}, descriptionKey = "logs.follow")
    boolean follow;

    @Option(names = {"-n", "--lines"}, paramLabel = "<N>", descriptionKey = "logs.lines")
    int lines = 10;

    @Parameters(arity = "1", paramLabel = "<id>", descriptionKey = "logs.id", completionCandidates = LogIds.class)
    String id;

    @Override
    public Integer call() throws IOException {
        Messages messages = root.ctx.messages();
        if (!ID.matcher(id).matches()) {
            throw new CliException(ExitCode.USAGE, messages.get("logs.badId", id));
        }
        if (lines < 0 || lines > MAX_LINES) {
            throw new CliException(ExitCode.USAGE, messages.get("logs.badLines", lines, MAX_LINES));
        }
        Path file = root.ctx.homes().logs().resolve(id + ".log");
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCode.FAILURE, messages.get("logs.missing", id, file));
        }
        LogFollower log = new LogFollower(file, root.ctx.out());
        try {
            log.printLast(lines);
            if (follow) {
                log.follow(() -> !Thread.currentThread().isInterrupted());
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();     // asked to stop following: not a failure
        } finally {
            log.close();
        }
        return ExitCode.OK.code();
    }

    /** Completion candidates: the stock servers and the supervisor. */
    static final class LogIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.stream.Stream.concat(ServerIds.STOCK.stream(), java.util.stream.Stream.of(SUPERVISOR)).iterator();
        }
    }
}
