package org.imageserving.cli;

import org.imageserving.exit.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code status [<id>] [--json]}; plain forms take {@link FastPath} and never get here. With {@code --hosts}, or
 * {@code --url} given more than once, the fleet view ({@link FleetStatus}): every host's supervisor, in parallel.
 */
@Command(name = "status", sortOptions = false)
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--hosts", paramLabel = "<file|list>", descriptionKey = "status.hosts")
    String hosts;

    @Option(names = "--timeout", paramLabel = "<s>", descriptionKey = "status.timeout")
    Double timeoutSeconds;

    @Parameters(arity = "0..1", paramLabel = "<id>", descriptionKey = "server.id", completionCandidates = ServerIds.class)
    String id;

    @Override
    public Integer call() {
        if (hosts != null || root.urls.size() > 1) {
            return new FleetStatus(root.ctx).run(hosts, root.urls, root.connectionForFleet(), timeoutSeconds, id, json).code();
        }
        if (timeoutSeconds != null) {
            throw new CliException(ExitCode.USAGE, root.ctx.messages().get("status.timeoutNeedsHosts"));
        }
        return new StatusQuery(root.ctx).run(id, json, root.connection()).code();
    }
}
