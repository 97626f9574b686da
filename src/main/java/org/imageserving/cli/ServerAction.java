package org.imageserving.cli;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import org.imageserving.jmx.ServerMXBean;
import org.imageserving.process.ServerState;
import org.imageserving.exit.ExitCode;

/**
 * {@code start|stop|restart <id>}: one server, through its MBean; the others keep serving. Prints one greppable
 * line ({@code svg: restarted (pid 1234)}, {@code svg: ERROR (FATAL: …)}). Start and stop are idempotent.
 */
final class ServerAction {
    enum Verb { START, STOP, RESTART }

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
            var names = client.serverNames();
            if (!names.contains(id)) {
                throw StatusQuery.unknownServer(id, names, messages);
            }
            return act(verb, id, client.serverProxy(id));
        } catch (IOException | UndeclaredThrowableException lost) {
            throw new CliException(ExitCode.UNKNOWN, messages.get("connect.failed", target.url(), Connections.rootMessage(lost)));
        } catch (SecurityException denied) {
            throw new CliException(ExitCode.UNKNOWN, messages.get("server.denied", id, target.user()));
        }
    }

    private ExitCode act(Verb verb, String id, ServerMXBean server) {
        ServerState before = server.getState();
        switch (verb) {
            case START -> {
                if (before == ServerState.RUNNING) {
                    ctx.out().println(messages.get("server.alreadyStarted", id, server.getPid()));
                    return ExitCode.OK;
                }
                return settled(id, server.start(), server, "server.started");
            }
            case STOP -> {
                if (!before.isAlive() && before != ServerState.BACKOFF) {
                    ctx.out().println(messages.get("server.alreadyStopped", id, before));
                    return ExitCode.OK;
                }
                ServerState after = server.stop();
                if (after == ServerState.STOPPED) {
                    ctx.out().println(messages.get("server.stopped", id));
                    return ExitCode.OK;
                }
                return error(id, after, server);
            }
            case RESTART -> {
                try {
                    return settled(id, server.restart(), server, "server.restarted");
                } catch (IllegalStateException failed) {
                    // a zero-downtime restart whose new process failed: the old one serves on
                    ctx.out().println(messages.get("server.error", id, server.getState(), failed.getMessage()));
                    return ExitCode.FAILURE;
                }
            }
            default -> throw new IllegalStateException(verb.name());
        }
    }

    private ExitCode settled(String id, ServerState after, ServerMXBean server, String successKey) {
        if (after == ServerState.RUNNING) {
            ctx.out().println(messages.get(successKey, id, server.getPid()));
            return ExitCode.OK;
        }
        return error(id, after, server);
    }

    private ExitCode error(String id, ServerState state, ServerMXBean server) {
        ctx.out().println(messages.get("server.error", id, state, server.getLastError()));
        return ExitCode.FAILURE;
    }
}
