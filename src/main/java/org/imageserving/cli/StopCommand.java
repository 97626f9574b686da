package org.imageserving.cli;

import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.imageserving.exit.ExitCode;

/** {@code stop}: every server and the supervisor; {@code stop <id>}: one server, the rest keep serving. */
@Command(name = "stop", sortOptions = false)
final class StopCommand extends LifecycleCommand {
    @Option(names = "--timeout", paramLabel = "<seconds>", descriptionKey = "timeout.stop")
    Long timeoutSeconds;

    @Override
    ServerAction.Verb verb() {
        return ServerAction.Verb.STOP;
    }

    @Override
    Long timeoutSeconds() {
        return timeoutSeconds;
    }

    @Override
    ExitCode wholeService(Duration timeout) throws Exception {
        return new SupervisorStop(root.ctx).run(timeout, root.connection());
    }
}
