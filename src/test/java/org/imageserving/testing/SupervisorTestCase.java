package org.imageserving.testing;

import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.imageserving.process.ProcessTree;
import org.imageserving.process.ServerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape every supervisor integration test shares: a fresh {@link Harness} on a temp base for each test,
 * closed after it, which closes the supervisor and fails the test if any process is left over. JUnit runs
 * these callbacks around the subclass's own, so the harness exists for all of them.
 */
public abstract class SupervisorTestCase {
    /** How long a control call may take to settle: a JVM start on a busy 2-core box can take seconds. */
    private static final long SETTLE_SECONDS = 60;

    @TempDir
    protected Path base;
    protected Harness h;

    @BeforeEach
    final void openHarness() {
        h = new Harness(base);
    }

    @AfterEach
    final void closeHarness() {
        h.close();
    }

    /** The state a control call ({@code start()}, {@code stop()}, {@code restart()}) settled in. */
    protected static ServerState await(CompletionStage<ServerState> settling) throws Exception {
        return settling.toCompletableFuture().get(SETTLE_SECONDS, TimeUnit.SECONDS);
    }

    protected static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessTree::isAlive).orElse(false);
    }
}
