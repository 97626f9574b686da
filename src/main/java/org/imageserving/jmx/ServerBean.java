package org.imageserving.jmx;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ServerSpec;
import org.imageserving.jmx.security.Caller;
import org.imageserving.process.ServerState;
import org.imageserving.supervisor.ServerControl;

/** Thin adapter: {@link ServerMXBean} over one {@link ServerControl}. */
public final class ServerBean implements ServerMXBean {
    private static final Logger LOG = LogManager.getLogger(ServerBean.class);

    private final ServerControl server;
    private final StateChanges changes;

    public ServerBean(ServerControl server) {
        this.server = server;
        this.changes = StateChanges.of(server);
    }

    @Override
    public String getId() {
        return server.id();
    }

    @Override
    public String getDescription() {
        String description = server.spec().description();
        return description == null ? "" : description;
    }

    @Override
    public ServerState getState() {
        return server.state();
    }

    @Override
    public long getPid() {
        return server.pid();
    }

    @Override
    public long getHandoverPid() {
        return server.handoverPid();
    }

    @Override
    public long getUptime() {
        return server.uptimeMillis();
    }

    @Override
    public long getHeapUsed() {
        return server.memory().bytes();
    }

    @Override
    public String getRenderEngine() {
        return server.renderEngine();
    }

    @Override
    public String getHeapUsedKind() {
        return switch (server.memory().kind()) {
            case HEAP -> "heap";
            case RESIDENT -> "resident";
            // no reading yet: say what it will be
            case UNKNOWN -> server.spec().launch() instanceof ServerSpec.CommandLaunch ? "resident" : "heap";
        };
    }

    @Override
    public int getRestartCount() {
        return server.restartCount();
    }

    @Override
    public int getLastExitCode() {
        return server.lastExitCode();
    }

    @Override
    public String getLastError() {
        String error = server.lastError();
        return error == null ? "" : error;
    }

    @Override
    public ServerState start() {
        return settle("start", server::start, SettleBound.start(server.spec()));
    }

    @Override
    public ServerState stop() {
        return settle("stop", server::stop, SettleBound.stop(server.spec()));
    }

    @Override
    public ServerState restart() {
        return settle("restart", server::restart, SettleBound.restart(server.spec()));
    }

    @Override
    public ControlReport startAndReport() {
        return reported(this::start);
    }

    @Override
    public ControlReport stopAndReport() {
        return reported(this::stop);
    }

    @Override
    public ControlReport restartAndReport() {
        return reported(this::restart);
    }

    /** Changed: the supervisor made a transition, or another process serves (a handover restart stays RUNNING). */
    private ControlReport reported(Supplier<ServerState> operation) {
        long transitions = changes.count();
        long pidBefore = server.pid();
        ServerState settled = operation.get();
        long pid = server.pid();
        return new ControlReport(settled, changes.count() != transitions || pid != pidBefore, pid, getLastError());
    }

    private ServerState settle(String verb, Supplier<CompletionStage<ServerState>> operation, Duration bound) {
        LOG.info("{}: {} requested by {}", server.id(), verb, Caller.describeCurrent());
        try {
            return SettleBound.await(operation.get(), bound, server.id() + ": " + verb);
        } catch (TimeoutException e) {
            ServerState now = server.state();
            LOG.warn("{}: {} not settled after {} s; answering {} while the supervisor carries on",
                    server.id(), verb, bound.toSeconds(), now);
            return now;
        }
    }
}
