package org.imageserving.cli;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Function;
import javax.management.InstanceNotFoundException;
import org.imageserving.jmx.ControlReport;
import org.imageserving.jmx.ServerMXBean;
import org.imageserving.process.ServerState;
import org.imageserving.exit.ExitCode;

/**
 * {@code start|stop|restart <id>}: one server, through its MBean; the others keep serving. Prints one greppable
 * line ({@code svg: restarted (pid 1234)}, {@code svg: ERROR (FATAL: …)}).
 *
 * <p>The supervisor owns the state, so it alone decides what a start or stop of a server in any state does: one
 * call acts and answers in full ({@link ControlReport}), and this prints that answer. "already started" and
 * "already stopped" come from the answer (nothing changed), never from a state read beforehand; a FATAL server
 * stopped here ends STOPPED, as the MBean's own {@code stop()} makes it. A second call is made only to explain a
 * failure: the known ids for an unknown one, the state after a failed restart.
 */
final class ServerAction {
    enum Verb {
        START(ServerMXBean::startAndReport, ServerState.RUNNING, "server.started", "server.alreadyStarted"),
        STOP(ServerMXBean::stopAndReport, ServerState.STOPPED, "server.stopped", "server.alreadyStopped"),
        RESTART(ServerMXBean::restartAndReport, ServerState.RUNNING, "server.restarted", "server.restarted");

        private final Function<ServerMXBean, ControlReport> call;
        private final ServerState success;
        private final String doneKey;
        private final String unchangedKey;

        Verb(Function<ServerMXBean, ControlReport> call, ServerState success, String doneKey, String unchangedKey) {
            this.call = call;
            this.success = success;
            this.doneKey = doneKey;
            this.unchangedKey = unchangedKey;
        }
    }

    private final CliContext ctx;
    private final Messages messages;

    ServerAction(CliContext ctx) {
        this.ctx = ctx;
        this.messages = ctx.messages();
    }

    ExitCode run(Verb verb, String id, ConnectionOptions options) {
        PidFile pidFile = null;
        if (JmxTarget.explicitUrl(options, ctx) == null) {
            pidFile = PidFile.read(ctx.homes().run(), ctx.homes().base());
            if (!pidFile.running()) {
                throw new CliException(ExitCode.NOT_RUNNING, messages.get("server.supervisorNotRunning", id));
            }
        }
        JmxTarget target = JmxTarget.resolve(options, ctx);
        try (SupervisorClient client = Connections.open(target, pidFile, ctx)) {
            ServerMXBean server = client.serverProxy(id);
            ControlReport report;
            try {
                report = verb.call.apply(server);
            } catch (UndeclaredThrowableException e) {
                if (e.getCause() instanceof InstanceNotFoundException) {
                    throw StatusQuery.unknownServer(id, client.serverNames(), messages);
                }
                throw e;
            } catch (IllegalStateException failed) {
                // a zero-downtime restart whose new process failed: the old one serves on
                ctx.out().println(messages.get("server.error", id, server.getState(), failed.getMessage()));
                return ExitCode.FAILURE;
            }
            return print(verb, id, report);
        } catch (IOException | UndeclaredThrowableException lost) {
            throw new CliException(ExitCode.UNKNOWN, messages.get("connect.failed", target.url(), Connections.rootMessage(lost)));
        } catch (SecurityException denied) {
            throw new CliException(ExitCode.UNKNOWN, messages.get("server.denied", id, target.user()));
        }
    }

    private ExitCode print(Verb verb, String id, ControlReport report) {
        if (report.getState() != verb.success) {
            ctx.out().println(messages.get("server.error", id, report.getState(), report.getLastError()));
            return ExitCode.FAILURE;
        }
        String key = report.isChanged() ? verb.doneKey : verb.unchangedKey;
        // started/restarted and "already started" name the pid; "already stopped" names the state, as before
        Object detail = verb == Verb.STOP ? report.getState() : report.getPid();
        ctx.out().println(messages.get(key, id, detail));
        return ExitCode.OK;
    }
}
