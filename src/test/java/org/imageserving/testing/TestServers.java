package org.imageserving.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.imageserving.config.ServerSpec;
import org.imageserving.config.ServerSpec.CommandLaunch;
import org.imageserving.config.ServerSpec.HealthCheck;
import org.imageserving.config.ServerSpec.HttpReadiness;
import org.imageserving.config.ServerSpec.JavaLaunch;
import org.imageserving.config.ServerSpec.Launch;
import org.imageserving.config.ServerSpec.Readiness;
import org.imageserving.config.ServerSpec.RestartPolicy;
import org.imageserving.config.ServerSpec.RestartPolicy.Mode;
import org.imageserving.config.ServerSpec.TcpReadiness;
import org.imageserving.config.ServerSpec.UptimeReadiness;

/**
 * Builds {@link ServerSpec} records in code, with test-friendly defaults: ready after 300 ms up, generous start
 * timeout (busy CI), 10 s stop timeout, no liveness probe, restart on unexpected exit with short backoff.
 * Every server carries the test's marker (argument and environment) for the leftover checker.
 */
public final class TestServers {
    /** Lean flags for fixture JVMs: they start faster and weigh less on a shared 2-core box. */
    public static final List<String> LEAN_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

    private TestServers() {}

    public static Builder java(String marker, String id, Class<?> mainClass, String... args) {
        return new Builder(marker, id, new JavaLaunch(mainClass.getName(), "48m", LEAN_JVM), args);
    }

    public static Builder command(String marker, String id, String executable, String... args) {
        return new Builder(marker, id, new CommandLaunch(executable), args);
    }

    public static final class Builder {
        private final String id;
        private final Launch launch;
        private final List<String> arguments = new ArrayList<>();
        private final Map<String, String> environment = new HashMap<>();
        private Path workingDirectory;
        private int startPriority = 1;
        private Duration startDelay = Duration.ZERO;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(10);
        private Readiness readiness = new UptimeReadiness(Duration.ofMillis(300));
        private HealthCheck health = new HealthCheck(Duration.ZERO, Duration.ofSeconds(1), 3);
        private Mode mode = Mode.UNEXPECTED;
        private Set<Integer> expectedExitCodes = Set.of(0);
        private int maxRetries = 3;
        private Duration backoffInitial = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(2);
        private Duration stableAfter = Duration.ofSeconds(10);
        private boolean handover;

        private Builder(String marker, String id, Launch launch, String... args) {
            this.id = id;
            this.launch = launch;
            arguments.addAll(Arrays.asList(args));
            if (launch instanceof JavaLaunch) {
                arguments.add("marker=" + marker);      // commands get the marker through the environment only
            }
            environment.put(Leftovers.MARKER_ENV, marker);
        }

        public Builder tcp(int port) {
            readiness = new TcpReadiness("127.0.0.1", port);
            return this;
        }

        public Builder http(int port) {
            readiness = new HttpReadiness(URI.create("http://127.0.0.1:" + port + "/health"));
            return this;
        }

        public Builder upFor(Duration upFor) {
            readiness = new UptimeReadiness(upFor);
            return this;
        }

        public Builder health(Duration interval, Duration timeout, int failures) {
            health = new HealthCheck(interval, timeout, failures);
            return this;
        }

        public Builder restart(Mode mode, Set<Integer> expected) {
            this.mode = mode;
            this.expectedExitCodes = expected;
            return this;
        }

        public Builder backoff(int maxRetries, Duration initial, Duration max, Duration stableAfter) {
            this.maxRetries = maxRetries;
            this.backoffInitial = initial;
            this.backoffMax = max;
            this.stableAfter = stableAfter;
            return this;
        }

        public Builder priority(int priority) {
            this.startPriority = priority;
            return this;
        }

        public Builder startDelay(Duration delay) {
            this.startDelay = delay;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /** An operator's restart hands over: the new process starts beside the old one (needs a tcp/http probe). */
        public Builder handover() {
            this.handover = true;
            return this;
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        public ServerSpec build() {
            return new ServerSpec(id, "test server " + id, launch, arguments, workingDirectory, environment,
                    startPriority, startDelay, startTimeout, stopTimeout, readiness, health,
                    new RestartPolicy(mode, expectedExitCodes, maxRetries, backoffInitial, backoffMax, stableAfter), null, null, handover);
        }
    }
}
