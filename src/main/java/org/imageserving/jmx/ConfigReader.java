package org.imageserving.jmx;

import org.imageserving.config.ConfigException;
import org.imageserving.config.SupervisorConfig;

/** Reads the supervisor's configuration afresh, through the same layers its start read it: what reload() applies. */
@FunctionalInterface
public interface ConfigReader {
    SupervisorConfig read() throws ConfigException;
}
