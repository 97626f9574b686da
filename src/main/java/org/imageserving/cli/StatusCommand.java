package org.imageserving.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code status [<id>] [--json]}; plain forms take {@link FastPath} and never get here. */
@Command(name = "status", sortOptions = false)
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Option(names = "--json")
    boolean json;

    @Parameters(arity = "0..1", paramLabel = "<id>", descriptionKey = "server.id", completionCandidates = ServerIds.class)
    String id;

    @Override
    public Integer call() {
        return new StatusQuery(root.ctx).run(id, json, root.connection()).code();
    }
}
