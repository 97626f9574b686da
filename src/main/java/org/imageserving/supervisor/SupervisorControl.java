package org.imageserving.supervisor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.imageserving.config.SupervisorConfig;

/** What the management plane sees of, and may ask of, the Server Supervisor. */
public interface SupervisorControl {
    /** Managed servers in start order. */
    List<ServerControl> servers();

    Optional<ServerControl> server(String id);

    Instant startedAt();

    /** Starts every server in startPriority order, each group ready before the next starts. */
    CompletionStage<Void> startAll();

    /** Stops every server in reverse start order; completes when all their processes are gone. */
    CompletionStage<Void> stopAll();

    CompletionStage<Void> restartAll();

    /**
     * Applies a new, fully validated configuration: starts the servers it adds, stops those it removes, restarts
     * those whose settings changed (as a new server: the old one stops first), and leaves every other server
     * alone, same process. Completes once every server touched has settled.
     */
    default CompletionStage<Reloaded> reload(SupervisorConfig next) {
        return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedOperationException("reload is not supported here"));
    }
}
