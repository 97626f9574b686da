package org.imageserving.config;

/**
 * One raw configured value before it is checked and typed, with the key it belongs to and where it came
 * from. {@code serverId} is null for the supervisor's own keys (tcpport, jolokiaPort).
 */
record Setting(String serverId, String key, String value, Origin origin) {

    /** The layering key: {@code tcpport}, or {@code server.<id>.<key>}. */
    String fullKey() {
        return fullKey(serverId, key);
    }

    static String fullKey(String serverId, String key) {
        return serverId == null ? key : "server." + serverId + "." + key;
    }

    /** {@code <origin>: server [id]: key [value] <rule>}, the house format for a bad value. */
    ConfigException invalid(String rule) {
        return origin.error(serverId, key + " [" + value + "] " + rule);
    }
}
