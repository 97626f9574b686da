package org.imageserving.config;

import java.util.Map;
import java.util.Properties;

/**
 * Reads conf/SupervisorRegistry.xml and layers it: built-in defaults &lt; the conf file &lt;
 * IMAGESERVING_* environment &lt; imageserving.* system properties &lt; command-line flags.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static SupervisorConfig load(Homes homes, Map<String, String> env, Properties sysProps,
            Map<String, String> flags) throws ConfigException {
        throw new UnsupportedOperationException("config loading: in progress");
    }
}
