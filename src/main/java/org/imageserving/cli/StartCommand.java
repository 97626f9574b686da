package org.imageserving.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code start}: the supervisor and all servers; {@code start <id>}: one server of a running supervisor. */
@Command(name = "start", sortOptions = false)
final class StartCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(arity = "0..1", paramLabel = "<id>", descriptionKey = "server.id", completionCandidates = ServerIds.class)
    String id;

    @Option(names = "--timeout", paramLabel = "<seconds>", descriptionKey = "timeout.start")
    Long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (id != null) {
            return new ServerAction(root.ctx).run(ServerAction.Verb.START, id, root.connection()).code();
        }
        return new SupervisorStart(root.ctx).run(Timeouts.of(timeoutSeconds), root.connection()).code();
    }
}
