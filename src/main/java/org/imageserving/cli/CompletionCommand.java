package org.imageserving.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import org.imageserving.exit.ExitCode;

/** {@code completion}: a bash/zsh completion script; {@code source <(ImageServing completion)}. */
@Command(name = "completion")
final class CompletionCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        root.ctx.out().print(AutoComplete.bash("ImageServing", spec.root().commandLine()));
        return ExitCode.OK.code();
    }
}
