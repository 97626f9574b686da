package org.imageserving.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ImageServing}: the options every command shares (which supervisor, as whom, how much detail on an
 * unexpected error), given before or after the command name. Texts live in {@code Help*.properties}.
 */
@Command(name = "ImageServing", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        sortOptions = false, synopsisSubcommandLabel = "COMMAND",
        subcommands = {StartCommand.class, StopCommand.class, RestartCommand.class, StatusCommand.class,
            LogsCommand.class, ReloadCommand.class, PlaylogCommand.class, RunCommand.class, VersionCommand.class, CompletionCommand.class})
final class RootCommand implements Callable<Integer> {
    final CliContext ctx;

    @Spec
    CommandSpec spec;

    /** Repeatable for {@code status} only (one supervisor per URL: the fleet view); every other command takes one. */
    @Option(names = "--url", paramLabel = "<url>", scope = ScopeType.INHERIT)
    List<String> urls = new ArrayList<>();

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
        if (urls.size() > 1) {
            throw new CliException(ExitCode.USAGE, ctx.messages().get("usage.oneUrl"));
        }
        return new ConnectionOptions(urls.isEmpty() ? null : urls.get(0), user, passwordFile);
    }

    /** The account options alone, for the fleet view (its URLs are {@link #urls}, every one of them). */
    ConnectionOptions connectionForFleet() {
        return new ConnectionOptions(null, user, passwordFile);
    }

    /** No command: the usage, on stderr, and the usage exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
