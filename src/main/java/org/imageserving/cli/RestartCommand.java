package org.imageserving.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code restart}: stop everything, supervisor included, then start it all; {@code restart <id>}: that server
 * only, through its MBean, while the others keep serving.
 */
@Command(name = "restart", sortOptions = false)
final class RestartCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(arity = "0..1", paramLabel = "<id>", descriptionKey = "server.id", completionCandidates = ServerIds.class)
    String id;

    @Option(names = "--timeout", paramLabel = "<seconds>", descriptionKey = "timeout.restart")
    Long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (id != null) {
            return new ServerAction(root.ctx).run(ServerAction.Verb.RESTART, id, root.connection()).code();
        }
        ExitCode stopped = new SupervisorStop(root.ctx).run(Timeouts.of(timeoutSeconds), root.connection());
        if (stopped != ExitCode.OK) {
            return stopped.code();
        }
        return new SupervisorStart(root.ctx).run(Timeouts.of(timeoutSeconds), root.connection()).code();
    }
}
