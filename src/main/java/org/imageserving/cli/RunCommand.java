package org.imageserving.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import org.imageserving.exit.ExitCode;

/**
 * {@code run}: the supervisor in the foreground (systemd Type=simple, containers). bin/ImageServing execs the
 * supervisor's own JVM for it before this CLI ever starts; this command exists for the help text and for
 * anyone calling the CLI class directly.
 */
@Command(name = "run")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        root.ctx.err().println(root.ctx.messages().get("run.useScript", root.ctx.script()));
        return ExitCode.USAGE.code();
    }
}
