package org.imageserving.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.imageserving.config.ConfigException;
import org.imageserving.install.Homes;
import org.imageserving.config.ServerSpec;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.jmx.testing.SleepingServer;
import org.imageserving.jmx.testing.SleepingSupervisor;
import org.imageserving.supervisor.SupervisorControl;

/**
 * The service's real lifecycle around a supervisor of sleeping processes. Home is the project (jmx-templates/),
 * base comes from -Dimageserving.base. Flags: {@code --jolokia-port=N} (default off), {@code --bad=yes} for a
 * configuration error.
 */
public final class TestWiring implements Wiring {
    static final String[] SERVERS = {"is", "svg", "ps"};

    private SleepingSupervisor supervisor;

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
        List<ServerSpec> specs = List.of(SERVERS).stream().map(SleepingServer::spec).toList();
        return new SupervisorConfig(homes, 0, jolokiaPort, specs);
    }

    @Override
    public synchronized SupervisorControl supervisor(SupervisorConfig config) {
        supervisor = new SleepingSupervisor(SERVERS);
        return supervisor;
    }

    synchronized SleepingSupervisor lastSupervisor() {
        return supervisor;
    }

    /** A service for in-JVM tests: the base given as a property of its own, logging left alone. */
    static SupervisorService service(TestWiring wiring, Path base, Map<String, String> flags) {
        Properties props = new Properties();
        props.setProperty("imageserving.base", base.toString());
        return new SupervisorService(wiring, Map.of(), props, flags, false);
    }
}
