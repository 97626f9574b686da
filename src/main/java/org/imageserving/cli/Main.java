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
            return CommandLines.create(ctx).execute(args);
        }
        try {
            return new StatusQuery(ctx).run(status.serverId(), status.json(), ConnectionOptions.NONE).code();
        } catch (RuntimeException e) {
            return Failures.report(e, ctx, false);
        }
    }
}
