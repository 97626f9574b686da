package org.imageserving.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import org.imageserving.exit.ExitCode;

/**
 * {@code ImageServing}: the options every command shares (which supervisor, as whom, how much detail on an
 * unexpected error), given before or after the command name. Texts live in {@code Help*.properties}.
 */
@Command(name = "ImageServing", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        sortOptions = false, synopsisSubcommandLabel = "COMMAND",
        subcommands = {StartCommand.class, StopCommand.class, RestartCommand.class, StatusCommand.class,
            LogsCommand.class, ReloadCommand.class, RunCommand.class, VersionCommand.class, CompletionCommand.class})
final class RootCommand implements Callable<Integer> {
    final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "<url>", scope = ScopeType.INHERIT)
    String url;

    @Option(names = "--user", paramLabel = "<user>", scope = ScopeType.INHERIT)
    String user;

    @Option(names = "--password-file", paramLabel = "<file>", scope = ScopeType.INHERIT)
    Path passwordFile;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT)
    boolean stacktrace;

    RootCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    ConnectionOptions connection() {
        return new ConnectionOptions(url, user, passwordFile);
    }

    /** No command: the usage, on stderr, and the usage exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
