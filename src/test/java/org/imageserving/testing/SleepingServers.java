package org.imageserving.testing;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.imageserving.config.ServerSpec;
import org.imageserving.supervisor.ServerControl;
import org.imageserving.supervisor.Supervisor;

/**
 * The real {@link Supervisor} with the stock ids ({@code is}, {@code svg}, {@code ps}), each server a {@code sleep}
 * process: what the management plane's tests (MBeans, JMX, Jolokia, the service) drive. Nothing here stands in for
 * the supervisor; only the servers are small. {@link #close()} closes the supervisor and fails if any process is
 * left over.
 */
public final class SleepingServers implements AutoCloseable {
    public static final String[] IDS = {"is", "svg", "ps"};
    private static final long SETTLE_SECONDS = 120;

    private final Harness harness;
    private final Supervisor supervisor;

    private SleepingServers(Path base, String... ids) {
        this.harness = new Harness(base);
        this.supervisor = harness.supervisor(Arrays.stream(ids).map(id -> spec(harness.marker(), id)).toArray(ServerSpec[]::new));
    }

    /** A supervisor of the stock ids in {@code base}, nothing started. */
    public static SleepingServers create(Path base) {
        return new SleepingServers(base, IDS);
    }

    /** The same, with every server RUNNING. */
    public static SleepingServers started(Path base) throws Exception {
        SleepingServers servers = create(base);
        try {
            servers.supervisor.startAll().get(SETTLE_SECONDS, TimeUnit.SECONDS);
        } catch (Exception | AssertionError e) {
            servers.close();
            throw e;
        }
        return servers;
    }

    /** A server of the stock kind, marked for the leftover check of {@code marker}. */
    public static ServerSpec spec(String marker, String id) {
        return TestServers.command(marker, id, "sleep", "600").build();
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    public ServerControl server(String id) {
        return supervisor.server(id).orElseThrow();
    }

    public long pid(String id) {
        return server(id).pid();
    }

    public Recorder recorder() {
        return harness.recorder();
    }

    @Override
    public void close() {
        harness.close();
    }
}
