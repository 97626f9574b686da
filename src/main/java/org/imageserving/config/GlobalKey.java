package org.imageserving.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The supervisor's own keys, children of {@code <config>}: same name in the file and in every layer. */
enum GlobalKey {
    /** JMX/RMI connector port on 127.0.0.1, the original product's name and port; 0 = any free port. */
    TCP_PORT("tcpport", "9910"),
    /** Jolokia HTTP port on 127.0.0.1; 0 turns Jolokia off. */
    JOLOKIA_PORT("jolokiaPort", "8778");

    private final String key;
    private final String defaultValue;

    GlobalKey(String key, String defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    String key() {
        return key;
    }

    String defaultValue() {
        return defaultValue;
    }

    static Optional<GlobalKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(GlobalKey::key).toList();
    }
}
