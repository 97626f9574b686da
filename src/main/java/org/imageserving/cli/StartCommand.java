package org.imageserving.cli;

import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.imageserving.exit.ExitCode;

/** {@code start}: the supervisor and all servers; {@code start <id>}: one server of a running supervisor. */
@Command(name = "start", sortOptions = false)
final class StartCommand extends LifecycleCommand {
    @Option(names = "--timeout", paramLabel = "<seconds>", descriptionKey = "timeout.start")
    Long timeoutSeconds;

    @Override
    ServerAction.Verb verb() {
        return ServerAction.Verb.START;
    }

    @Override
    Long timeoutSeconds() {
        return timeoutSeconds;
    }

    @Override
    ExitCode wholeService(Duration timeout) throws Exception {
        return new SupervisorStart(root.ctx).run(timeout, root.connection());
    }
}
