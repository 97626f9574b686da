package org.imageserving.cli;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import org.imageserving.exit.ExitCode;

/**
 * {@code reload}: the supervisor re-reads conf/SupervisorRegistry.xml and applies only the difference (supervisorctl's
 * reread + update). Prints one line per difference ({@code added x}, {@code removed y},
 * {@code changed svg: heap 200m -> 512m}); a file that does not validate changes nothing: its one-line error, exit 2;
 * a change that could not be applied ({@code failed ps: ...}) exits 1.
 */
@Command(name = "reload", sortOptions = false)
final class ReloadCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        CliContext ctx = root.ctx;
        Messages messages = ctx.messages();
        ConnectionOptions options = root.connection();
        PidFile pidFile = null;
        if (JmxTarget.explicitUrl(options, ctx) == null) {
            pidFile = PidFile.read(ctx.homes().run(), ctx.homes().base());
            if (!pidFile.running()) {
                throw new CliException(ExitCode.NOT_RUNNING, messages.get("reload.notRunning"));
            }
        }
        JmxTarget target = JmxTarget.resolve(options, ctx);
        String[] changes;
        try (SupervisorClient client = Connections.open(target, pidFile, ctx)) {
            changes = client.supervisorProxy().reload();
        } catch (UndeclaredThrowableException lost) {
            throw new CliException(ExitCode.UNKNOWN, messages.get("connect.failed", target.url(), Connections.rootMessage(lost)));
        } catch (SecurityException denied) {
            throw new CliException(ExitCode.UNKNOWN, messages.get("reload.denied", target.user()));
        } catch (IllegalArgumentException badConfig) {
            throw new CliException(ExitCode.USAGE, badConfig.getMessage());
        } catch (IllegalStateException | UnsupportedOperationException failed) {
            throw new CliException(ExitCode.FAILURE, messages.get("reload.failed", failed.getMessage()));
        }
        if (changes.length == 0) {
            ctx.out().println(messages.get("reload.unchanged"));
        }
        boolean failed = false;
        for (String change : changes) {
            ctx.out().println(change);
            // a change the supervisor could not apply (a failed handover: the old process serves on, old settings)
            failed |= change.startsWith("failed ");
        }
        return failed ? ExitCode.FAILURE.code() : ExitCode.OK.code();
    }
}
