package org.imageserving.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stop}: every server and the supervisor; {@code stop <id>}: one server, the rest keep serving. */
@Command(name = "stop", sortOptions = false)
final class StopCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(arity = "0..1", paramLabel = "<id>", descriptionKey = "server.id", completionCandidates = ServerIds.class)
    String id;

    @Option(names = "--timeout", paramLabel = "<seconds>", descriptionKey = "timeout.stop")
    Long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (id != null) {
            return new ServerAction(root.ctx).run(ServerAction.Verb.STOP, id, root.connection()).code();
        }
        return new SupervisorStop(root.ctx).run(Timeouts.of(timeoutSeconds), root.connection()).code();
    }
}
