package org.imageserving.cli;

import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.imageserving.exit.ExitCode;

/**
 * {@code restart}: stop everything, supervisor included, then start it all; {@code restart <id>}: that server
 * only, through its MBean, while the others keep serving.
 */
@Command(name = "restart", sortOptions = false)
final class RestartCommand extends LifecycleCommand {
    @Option(names = "--timeout", paramLabel = "<seconds>", descriptionKey = "timeout.restart")
    Long timeoutSeconds;

    @Override
    ServerAction.Verb verb() {
        return ServerAction.Verb.RESTART;
    }

    @Override
    Long timeoutSeconds() {
        return timeoutSeconds;
    }

    @Override
    ExitCode wholeService(Duration timeout) throws Exception {
        ExitCode stopped = new SupervisorStop(root.ctx).run(timeout, root.connection());
        if (stopped != ExitCode.OK) {
            return stopped;
        }
        return new SupervisorStart(root.ctx).run(timeout, root.connection());
    }
}
