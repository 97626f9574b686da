package org.imageserving.cli;

import org.imageserving.exit.ExitCode;

/**
 * The one place where whatever escaped a command becomes output and an exit code: a {@link CliException} is a
 * known failure, one line; anything else is unexpected and keeps its stack trace for {@code --stacktrace}.
 */
final class Failures {
    private Failures() {}

    static int report(Throwable failure, CliContext ctx, boolean stacktrace) {
        if (failure instanceof CliException known) {
            ctx.err().println(known.getMessage());
            return known.exitCode().code();
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        ctx.err().println(ctx.messages().get("error.unexpected", failure));
        if (stacktrace) {
            failure.printStackTrace(ctx.err());
        } else {
            ctx.err().println(ctx.messages().get("error.stacktraceHint"));
        }
        return ExitCode.FAILURE.code();
    }
}
