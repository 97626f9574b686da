package org.imageserving.config;

/**
 * Bad configuration, told in one line that names the file, line, server, key, value and the fix, e.g.
 * {@code conf/SupervisorRegistry.xml:14: server [svg]: stopTimeout [-5] must be >= 0 seconds}.
 * Maps to exit code 2; nothing has been started when it is thrown.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
