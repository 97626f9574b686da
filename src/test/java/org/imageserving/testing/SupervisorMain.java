package org.imageserving.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.imageserving.install.Homes;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.process.Platform;
import org.imageserving.supervisor.ServerControl;
import org.imageserving.supervisor.Supervisor;
import org.imageserving.testing.fixtures.Forker;

/**
 * A supervisor in a JVM of its own, for tests that kill it: {@code SupervisorMain <base> <marker> [guardian-only]}.
 * Runs two {@link Forker} JVMs (each with a {@code sleep} grandchild) and a shell with a background sleep,
 * prints {@code RUNNING <pid> <pid> <pid>} once all are ready, then waits to be killed. {@code guardian-only}
 * launches servers without the parent-death signal, so the guardian alone must clean up.
 */
public final class SupervisorMain {
    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        String marker = args[1];
        boolean guardianOnly = args.length > 2 && args[2].equals("guardian-only");
        Platform detected = Platform.detect();
        Platform platform = guardianOnly ? new Platform(detected.linux(), detected.setsid(), Optional.empty()) : detected;
        SupervisorConfig config = new SupervisorConfig(new Homes(Path.of("").toAbsolutePath(), base), 0, 0, List.of(
                TestServers.java(marker, "forker-a", Forker.class).upFor(Duration.ofMillis(300)).build(),
                TestServers.java(marker, "forker-b", Forker.class).upFor(Duration.ofMillis(300)).build(),
                TestServers.command(marker, "shell", "sh", "-c", "sleep 600 & sleep 600").upFor(Duration.ofMillis(300)).build()));
        Supervisor supervisor = new Supervisor(config, platform);
        supervisor.startAll().get(120, TimeUnit.SECONDS);
        StringBuilder line = new StringBuilder("RUNNING");
        for (ServerControl server : supervisor.servers()) {
            line.append(' ').append(server.pid());
        }
        System.out.println(line);
        System.out.flush();
        while (true) {
            Thread.sleep(60_000);
        }
    }
}
