package org.imageserving.config;

/**
 * Where a configured value came from: a line of the conf file, an environment variable, a system property,
 * a flag, or the built-in default. Every error about the value starts with it, so the operator knows what
 * to edit.
 */
record Origin(Layer layer, String label) {

    /** The layers, lowest precedence first. */
    enum Layer { DEFAULT, FILE, ENVIRONMENT, SYSTEM_PROPERTY, FLAG }

    static final Origin DEFAULT = new Origin(Layer.DEFAULT, "built-in default");

    static Origin file(String file, int line) {
        return new Origin(Layer.FILE, line > 0 ? file + ":" + line : file);
    }

    static Origin environment(String variable) {
        return new Origin(Layer.ENVIRONMENT, variable);
    }

    static Origin systemProperty(String name) {
        return new Origin(Layer.SYSTEM_PROPERTY, "-D" + name);
    }

    static Origin flag(String key) {
        return new Origin(Layer.FLAG, "flag " + key);
    }

    /** A one-line error: {@code <origin>: <message>}. */
    ConfigException error(String message) {
        return new ConfigException(label + ": " + message);
    }

    /** A one-line error about a server: {@code <origin>: server [id]: <message>}. */
    ConfigException error(String serverId, String message) {
        return serverId == null ? error(message) : error("server [" + serverId + "]: " + message);
    }

    @Override
    public String toString() {
        return label;
    }
}
