package org.imageserving.daemon;

import java.util.Map;
import java.util.Properties;

import org.imageserving.config.ConfigException;
import org.imageserving.install.Homes;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.supervisor.SupervisorControl;

/**
 * What {@link SupervisorService} is built from: where the install and instance are, the configuration, and the
 * supervisor itself. {@link StandardWiring} is the real one; tests put in a supervisor of their own.
 */
public interface Wiring {
    Homes homes(Map<String, String> env, Properties sysProps);

    /** Must not write anything: under jsvc it runs as root, before the switch to the service user. */
    SupervisorConfig config(Homes homes, Map<String, String> env, Properties sysProps, Map<String, String> flags)
            throws ConfigException;

    /** A supervisor that has started nothing yet; closed by the service if it is {@link AutoCloseable}. */
    SupervisorControl supervisor(SupervisorConfig config);
}
