package org.imageserving.daemon;

import java.util.Map;
import java.util.Properties;

import org.imageserving.config.ConfigException;
import org.imageserving.config.ConfigLoader;
import org.imageserving.install.Homes;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.supervisor.Supervisor;
import org.imageserving.supervisor.SupervisorControl;

/** The real parts: {@link Homes#resolve}, conf/SupervisorRegistry.xml through {@link ConfigLoader}, {@link Supervisor}. */
final class StandardWiring implements Wiring {
    @Override
    public Homes homes(Map<String, String> env, Properties sysProps) {
        return Homes.resolve(env, sysProps);
    }

    @Override
    public SupervisorConfig config(Homes homes, Map<String, String> env, Properties sysProps, Map<String, String> flags)
            throws ConfigException {
        return ConfigLoader.load(homes, env, sysProps, flags);
    }

    @Override
    public SupervisorControl supervisor(SupervisorConfig config) {
        return new Supervisor(config);
    }

    /** The service every entry point runs: this process's environment and system properties, logging owned. */
    static ServiceFactory factory() {
        return flags -> new SupervisorService(new StandardWiring(), System.getenv(), System.getProperties(), flags, true);
    }
}
