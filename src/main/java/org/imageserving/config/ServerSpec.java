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
 *
 * @param user  {@code <user>}: the account a root supervisor runs the server as (name or uid), or null
 * @param group {@code <group>}: its group (name or gid), or null for the user's primary group
 * @param handover an operator's restart starts the new process beside the old one, and stops the old one only
 *                 once the new one is ready and listens on the readiness port itself (the server shares its port,
 *                 SO_REUSEPORT): no refused connection. Otherwise the old process is stopped first.
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
        RestartPolicy restart,
        String user,
        String group,
        boolean handover) {

    /** The built-in defaults; conf/SupervisorRegistry.xml documents each beside its element. */
    public static final int DEFAULT_START_PRIORITY = 1;
    public static final Duration DEFAULT_START_DELAY = Duration.ZERO;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    public ServerSpec {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }

    /** A spec that runs as the supervisor's own user (no {@code <user>}/{@code <group>}), without handover. */
    public ServerSpec(String id, String description, Launch launch, List<String> arguments, Path workingDirectory,
            Map<String, String> environment, int startPriority, Duration startDelay, Duration startTimeout,
            Duration stopTimeout, Readiness readiness, HealthCheck health, RestartPolicy restart) {
        this(id, description, launch, arguments, workingDirectory, environment, startPriority, startDelay,
                startTimeout, stopTimeout, readiness, health, restart, null, null, false);
    }

    /** The same server run as {@code user} (name or uid) in {@code group} (null: the user's primary group). */
    public ServerSpec runAs(String user, String group) {
        return new ServerSpec(id, description, launch, arguments, workingDirectory, environment, startPriority,
                startDelay, startTimeout, stopTimeout, readiness, health, restart, user, group, handover);
    }

    /**
     * A spec with every built-in default, exactly what the conf file gives a server that declares only its
     * launch: priority 1, no start delay, 60 s start timeout, 30 s stop timeout, ready after 1 s up (so no
     * liveness probe), restart on unexpected exits. For code and tests that build specs by hand.
     */
    public static ServerSpec withDefaults(String id, Launch launch, List<String> arguments, Path workingDirectory) {
        return new ServerSpec(id, id, launch, arguments, workingDirectory, Map.of(), DEFAULT_START_PRIORITY,
                DEFAULT_START_DELAY, DEFAULT_START_TIMEOUT, DEFAULT_STOP_TIMEOUT, UptimeReadiness.DEFAULT,
                HealthCheck.OFF, RestartPolicy.DEFAULT);
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
    public record UptimeReadiness(Duration upFor) implements Readiness {
        public static final UptimeReadiness DEFAULT = new UptimeReadiness(Duration.ofSeconds(1));
    }

    /**
     * Liveness: the readiness probe (TCP or HTTP) repeated every {@code interval} while RUNNING; after
     * {@code failures} failures in a row, each allowed {@code timeout}, the server is restarted.
     * {@code interval} of zero turns liveness off.
     */
    public record HealthCheck(Duration interval, Duration timeout, int failures) {
        public static final HealthCheck DEFAULT = new HealthCheck(Duration.ofSeconds(5), Duration.ofSeconds(2), 3);
        /** No liveness probe: what an uptime-ready server gets, whatever its {@code <health>} says. */
        public static final HealthCheck OFF = new HealthCheck(Duration.ZERO, DEFAULT.timeout(), DEFAULT.failures());
    }

    /** When an ended process is started again, how fast, and when to give up. */
    public record RestartPolicy(
            Mode mode,
            Set<Integer> expectedExitCodes,
            int maxRetries,
            Duration backoffInitial,
            Duration backoffMax,
            Duration stableAfter) {

        public static final RestartPolicy DEFAULT = new RestartPolicy(Mode.UNEXPECTED, Set.of(0), 5,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30));

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
