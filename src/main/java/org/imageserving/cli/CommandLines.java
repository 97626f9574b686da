package org.imageserving.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the picocli command line: the help texts in the operator's language ({@code Help*.properties}),
 * the output streams, usage errors as one line and exit code 2, everything else through {@link Failures}.
 */
final class CommandLines {
    static final String HELP_BUNDLE = "org.imageserving.cli.Help";

    private CommandLines() {}

    static CommandLine create(CliContext ctx) {
        RootCommand root = new RootCommand(ctx);
        CommandLine commandLine = new CommandLine(root);
        commandLine.setResourceBundle(Messages.load(HELP_BUNDLE, ctx.messages().locale()));
        // PrintWriter(OutputStream) would encode with the JVM's default charset, not the operator's
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(ctx.out(), ctx.charset()), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(ctx.err(), ctx.charset()), true));
        commandLine.setParameterExceptionHandler(new UsageErrors(ctx));
        commandLine.setExecutionExceptionHandler((failure, command, parseResult) -> Failures.report(failure, ctx, root.stacktrace));
        return commandLine;
    }
}
