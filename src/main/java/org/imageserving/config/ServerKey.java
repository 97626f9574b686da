package org.imageserving.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.imageserving.config.ServerSpec.HealthCheck;
import org.imageserving.config.ServerSpec.RestartPolicy;

/**
 * The single-valued keys of a {@code <server>}: the ones the environment, system properties and flags can
 * override as {@code server.<id>.<key>}. A dotted key is an attribute: {@code health.interval} is
 * {@code <health interval="…"/>}. The defaults here are the built-in layer, written as the file would write
 * them; they come from the constants on {@link ServerSpec}.
 */
enum ServerKey {
    DESCRIPTION("description", null),
    HEAP("heap", null),
    WORKING_DIRECTORY("workingDirectory", Placeholders.BASE),
    START_PRIORITY("startPriority", String.valueOf(ServerSpec.DEFAULT_START_PRIORITY)),
    START_DELAY("startDelay", Values.seconds(ServerSpec.DEFAULT_START_DELAY)),
    START_TIMEOUT("startTimeout", Values.seconds(ServerSpec.DEFAULT_START_TIMEOUT)),
    STOP_TIMEOUT("stopTimeout", Values.seconds(ServerSpec.DEFAULT_STOP_TIMEOUT)),
    HANDOVER("handover", "false"),
    HEALTH_INTERVAL("health.interval", Values.seconds(HealthCheck.DEFAULT.interval())),
    HEALTH_TIMEOUT("health.timeout", Values.seconds(HealthCheck.DEFAULT.timeout())),
    HEALTH_FAILURES("health.failures", String.valueOf(HealthCheck.DEFAULT.failures())),
    RESTART_POLICY("restart.policy", Values.policy(RestartPolicy.DEFAULT.mode())),
    RESTART_EXIT_CODES("restart.exitCodes", Values.exitCodes(RestartPolicy.DEFAULT.expectedExitCodes())),
    RESTART_MAX_RETRIES("restart.maxRetries", String.valueOf(RestartPolicy.DEFAULT.maxRetries())),
    RESTART_BACKOFF_INITIAL("restart.backoffInitial", Values.seconds(RestartPolicy.DEFAULT.backoffInitial())),
    RESTART_BACKOFF_MAX("restart.backoffMax", Values.seconds(RestartPolicy.DEFAULT.backoffMax())),
    RESTART_STABLE_AFTER("restart.stableAfter", Values.seconds(RestartPolicy.DEFAULT.stableAfter())),
    USER("user", null),
    GROUP("group", null);

    /** Server keys that only the conf file can set: they are lists, maps or choices, not single values. */
    static final List<String> FILE_ONLY =
            List.of("mainClass", "command", "jvmArguments", "arguments", "environment", "ready");

    private final String key;
    private final String defaultValue;

    ServerKey(String key, String defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    String key() {
        return key;
    }

    /** The built-in value as text, or null when there is none (description: the id; heap: the JVM's). */
    String defaultValue() {
        return defaultValue;
    }

    /** The XML element that holds this key: {@code stopTimeout}, or {@code health} for health.interval. */
    String element() {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    /** The attribute of {@link #element()} that holds it, or null when the element's text does. */
    String attribute() {
        int dot = key.indexOf('.');
        return dot < 0 ? null : key.substring(dot + 1);
    }

    static Optional<ServerKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    static Optional<ServerKey> of(String element, String attribute) {
        return of(attribute == null ? element : element + "." + attribute);
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(ServerKey::key).toList();
    }
}
