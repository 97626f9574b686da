package org.imageserving.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import org.imageserving.exit.ExitCode;

/**
 * What {@code start}, {@code stop} and {@code restart} share: with an id they act on one server through its
 * MBean, without one on the whole service. Each subclass declares its own {@code --timeout} (its help text
 * differs) and says what the whole-service form does.
 */
abstract class LifecycleCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Parameters(arity = "0..1", paramLabel = "<id>", descriptionKey = "server.id", completionCandidates = ServerIds.class)
    String id;

    @Override
    public final Integer call() throws Exception {
        if (id != null) {
            return new ServerAction(root.ctx).run(verb(), id, root.connection()).code();
        }
        return wholeService(Timeouts.of(timeoutSeconds())).code();
    }

    abstract ServerAction.Verb verb();

    abstract Long timeoutSeconds();

    abstract ExitCode wholeService(Duration timeout) throws Exception;
}
