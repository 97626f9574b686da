package org.imageserving.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.imageserving.config.ConfigException;
import org.imageserving.install.Homes;
import org.imageserving.config.ServerSpec;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.supervisor.Supervisor;
import org.imageserving.supervisor.SupervisorControl;
import org.imageserving.testing.Leftovers;
import org.imageserving.testing.Recorder;
import org.imageserving.testing.SleepingServers;

/**
 * The service's real lifecycle around the real {@link Supervisor}, its servers {@code sleep} processes (see
 * {@link SleepingServers}) marked for this wiring's leftover check. Home is the project (jmx-templates/), base comes
 * from -Dimageserving.base. Flags: {@code --jolokia-port=N} (default off), {@code --bad=yes} for a configuration
 * error.
 */
public final class TestWiring implements Wiring {
    static final String[] SERVERS = SleepingServers.IDS;

    private final String marker = "imageserving-test-" + UUID.randomUUID();
    private final Leftovers leftovers = Leftovers.begin(marker);
    private final Recorder recorder = new Recorder();
    private Supervisor supervisor;

    @Override
    public Homes homes(Map<String, String> env, Properties sysProps) {
        return new Homes(Path.of("").toAbsolutePath(), Path.of(sysProps.getProperty("imageserving.base")));
    }

    @Override
    public SupervisorConfig config(Homes homes, Map<String, String> env, Properties sysProps, Map<String, String> flags)
            throws ConfigException {
        if (flags.containsKey("bad")) {
            throw new ConfigException(homes.conf().resolve("SupervisorRegistry.xml") + ":3: <tcpport> [x] must be a port number");
        }
        int jolokiaPort = Integer.parseInt(flags.getOrDefault("jolokia-port", "0"));
        List<ServerSpec> specs = Arrays.stream(SERVERS).map(id -> SleepingServers.spec(marker, id)).toList();
        return new SupervisorConfig(homes, 0, jolokiaPort, specs);
    }

    @Override
    public synchronized SupervisorControl supervisor(SupervisorConfig config) {
        supervisor = new Supervisor(config);
        supervisor.servers().forEach(server -> server.addStateListener(recorder));
        return supervisor;
    }

    synchronized Supervisor lastSupervisor() {
        return supervisor;
    }

    /** Whether a server of any supervisor made here has ever been started. */
    boolean startedAnyServer() {
        return !recorder.events().isEmpty();
    }

    /** Fails (after killing them) if processes of this wiring's servers are left. */
    void assertNothingLeft() {
        leftovers.assertNone(Duration.ofSeconds(20));
    }

    /** A service for in-JVM tests: the base given as a property of its own, logging left alone. */
    static SupervisorService service(TestWiring wiring, Path base, Map<String, String> flags) {
        Properties props = new Properties();
        props.setProperty("imageserving.base", base.toString());
        return new SupervisorService(wiring, Map.of(), props, flags, false);
    }
}
