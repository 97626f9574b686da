package org.imageserving.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the supervisor knows about one managed server, fully resolved and validated:
 * defaults, the conf file, the environment, system properties and flags already layered in.
 */
public record ServerSpec(
        String id,
        String description,
        Launch launch,
        List<String> arguments,
        Path workingDirectory,
        Map<String, String> environment,
        int startPriority,
        Duration startDelay,
        Duration startTimeout,
        Duration stopTimeout,
        Readiness readiness,
        HealthCheck health,
        RestartPolicy restart) {

    public ServerSpec {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }

    /** How the server's process is made. */
    public sealed interface Launch permits JavaLaunch, CommandLaunch {}

    /**
     * A Java main class on the project's classpath, in a child JVM of its own.
     * @param maxHeap the -Xmx value ("256m"), or null for the JVM's default
     */
    public record JavaLaunch(String mainClass, String maxHeap, List<String> jvmArguments) implements Launch {
        public JavaLaunch {
            jvmArguments = List.copyOf(jvmArguments);
        }
    }

    /** Any executable; found on PATH when not absolute. */
    public record CommandLaunch(String executable) implements Launch {}

    /** How the supervisor tells that a freshly started server is ready (and, later, still healthy). */
    public sealed interface Readiness permits TcpReadiness, HttpReadiness, UptimeReadiness {}

    /** Ready when a TCP connection to host:port succeeds. */
    public record TcpReadiness(String host, int port) implements Readiness {}

    /** Ready when GET url answers 2xx. */
    public record HttpReadiness(URI url) implements Readiness {}

    /** Ready once the process has stayed up this long (supervisord's startsecs); no liveness probe. */
    public record UptimeReadiness(Duration upFor) implements Readiness {}

    /**
     * Liveness: the readiness probe (TCP or HTTP) repeated every {@code interval} while RUNNING; after
     * {@code failures} failures in a row, each allowed {@code timeout}, the server is restarted.
     * {@code interval} of zero turns liveness off.
     */
    public record HealthCheck(Duration interval, Duration timeout, int failures) {}

    /** When an ended process is started again, how fast, and when to give up. */
    public record RestartPolicy(
            Mode mode,
            Set<Integer> expectedExitCodes,
            int maxRetries,
            Duration backoffInitial,
            Duration backoffMax,
            Duration stableAfter) {

        public RestartPolicy {
            expectedExitCodes = Set.copyOf(expectedExitCodes);
        }

        public enum Mode {
            /** Restart after every exit. */
            ALWAYS,
            /** Restart unless the exit code is one of {@code expectedExitCodes} (supervisord's default). */
            UNEXPECTED,
            /** Never restart on its own. */
            NEVER
        }
    }
}
