package org.imageserving.cli;

/**
 * Entry point of {@code bin/ImageServing} (everything but {@code run}, which the script turns into the
 * supervisor's own JVM). Plain {@code status} calls take the fast path; the rest goes through picocli.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CliContext ctx = CliContext.fromSystem();
        int code = run(args, ctx);
        ctx.out().flush();
        ctx.err().flush();
        System.exit(code);
    }

    static int run(String[] args, CliContext ctx) {
        FastPath.Status status = FastPath.status(args);
        if (status == null) {
            try {
                return CommandLines.create(ctx).execute(args);
            } catch (RuntimeException | LinkageError escaped) { // picocli hands back what is not an Exception
                return Failures.report(escaped, ctx, java.util.List.of(args).contains("--stacktrace"));
            }
        }
        try {
            return new StatusQuery(ctx).run(status.serverId(), status.json(), ConnectionOptions.NONE).code();
        } catch (RuntimeException e) {
            return Failures.report(e, ctx, false);
        }
    }
}
