package org.imageserving.config;

import org.imageserving.install.Homes;
import static org.imageserving.config.ServerKey.*;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.DeclaredServer.Probe;
import org.imageserving.config.ServerSpec.CommandLaunch;
import org.imageserving.config.ServerSpec.HealthCheck;
import org.imageserving.config.ServerSpec.HttpReadiness;
import org.imageserving.config.ServerSpec.JavaLaunch;
import org.imageserving.config.ServerSpec.Launch;
import org.imageserving.config.ServerSpec.Readiness;
import org.imageserving.config.ServerSpec.RestartPolicy;
import org.imageserving.config.ServerSpec.TcpReadiness;
import org.imageserving.config.ServerSpec.UptimeReadiness;

/**
 * Turns one declared server and the layered settings into a checked {@link ServerSpec}: defaults filled in,
 * placeholders expanded, every value typed, every rule enforced. Logs at DEBUG where each value came from.
 */
final class SpecBuilder {
    private static final Logger LOG = LogManager.getLogger(SpecBuilder.class);
    static final String DEFAULT_PROBE_HOST = "127.0.0.1";

    private final Homes homes;
    private final Map<String, Setting> settings;
    private final Placeholders placeholders;

    SpecBuilder(Homes homes, Map<String, Setting> settings) {
        this.homes = homes;
        this.settings = settings;
        this.placeholders = new Placeholders(homes);
    }

    ServerSpec build(DeclaredServer server) throws ConfigException {
        String id = server.id();
        Setting description = setting(id, DESCRIPTION);
        Launch launch = launch(server);
        List<String> arguments = expand(server.arguments());
        Path workingDirectory = workingDirectory(setting(id, WORKING_DIRECTORY));
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map.Entry<String, Setting> variable : server.environment().entrySet()) {
            environment.put(variable.getKey(), placeholders.expand(variable.getValue()));
        }
        int startPriority = Values.integer(setting(id, START_PRIORITY));
        Duration startDelay = Values.seconds(setting(id, START_DELAY), false);
        Duration startTimeout = Values.seconds(setting(id, START_TIMEOUT), true);
        Duration stopTimeout = Values.seconds(setting(id, STOP_TIMEOUT), false);
        Readiness readiness = readiness(server.ready(), id, startTimeout);
        HealthCheck health = health(id);
        Setting user = setting(id, USER);
        Setting group = setting(id, GROUP);
        if (group.value() != null && user.value() == null) {
            throw group.invalid("applies only with a <user>; add the user the server runs as");
        }
        boolean handover = Values.bool(setting(id, HANDOVER));
        if (handover && portOf(readiness) == 0) {
            throw setting(id, HANDOVER).invalid("needs a <ready> probe on the server's port (tcp or http): the new"
                    + " process is ready when it listens there itself");
        }
        return new ServerSpec(id, description.value() == null ? id : description.value().trim(), launch, arguments,
                workingDirectory, environment, startPriority, startDelay, startTimeout, stopTimeout, readiness,
                readiness instanceof UptimeReadiness ? HealthCheck.OFF : health, restart(id),
                user.value() == null ? null : Values.account(user), group.value() == null ? null : Values.account(group),
                handover);
    }

    /** The layered setting for a key, or its built-in default. */
    Setting setting(String serverId, ServerKey key) {
        return logged(settings.getOrDefault(Setting.fullKey(serverId, key.key()),
                new Setting(serverId, key.key(), key.defaultValue(), Origin.DEFAULT)));
    }

    Setting setting(GlobalKey key) {
        return logged(settings.getOrDefault(key.key(), new Setting(null, key.key(), key.defaultValue(), Origin.DEFAULT)));
    }

    private static Setting logged(Setting s) {
        LOG.debug("{} = {} ({})", s.fullKey(), s.value(), s.origin());
        return s;
    }

    private Launch launch(DeclaredServer server) throws ConfigException {
        String id = server.id();
        if (server.mainClass() != null && server.command() != null) {
            throw server.origin().error(id, "has both <mainClass> and <command>; keep one (mainClass: a Java class"
                    + " on the project's classpath, command: any executable)");
        }
        if (server.mainClass() != null) {
            Setting heap = setting(id, HEAP);
            return new JavaLaunch(Values.javaClass(server.mainClass()),
                    heap.value() == null ? null : Values.heap(heap), expand(server.jvmArguments()));
        }
        if (server.command() == null) {
            throw server.origin().error(id, "needs <mainClass> (a Java class on the project's classpath)"
                    + " or <command> (any executable)");
        }
        Setting heap = setting(id, HEAP);
        if (heap.value() != null) {
            throw heap.invalid("applies only to a <mainClass> server; put the heap option in the command's arguments");
        }
        if (server.jvmArgumentsOrigin() != null) {
            throw server.jvmArgumentsOrigin().error(id, "<jvmArguments> applies only to a <mainClass> server;"
                    + " put them in <arguments>");
        }
        return new CommandLaunch(command(server.command()));
    }

    private String command(Setting command) throws ConfigException {
        String executable = placeholders.expand(command).trim();
        if (executable.isEmpty()) {
            throw command.invalid("must name an executable");
        }
        Path path = pathOf(command, executable);
        if (path.isAbsolute() && !Files.isExecutable(path)) {
            String expanded = executable.equals(command.value().trim()) ? "" : " (" + executable + ")";
            throw command.invalid("is not an executable file" + expanded + "; fix the path or make it executable");
        }
        return executable;
    }

    private Path workingDirectory(Setting s) throws ConfigException {
        Path directory = homes.base().resolve(pathOf(s, placeholders.expand(s).trim())).normalize();
        if (!Files.isDirectory(directory)) {
            throw s.invalid("is not a directory (" + directory + "); create it or fix the path");
        }
        return directory;
    }

    private static Path pathOf(Setting s, String value) throws ConfigException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw s.invalid("is not a valid path (" + e.getReason() + ")");
        }
    }

    private List<String> expand(List<Setting> values) throws ConfigException {
        List<String> expanded = new ArrayList<>();
        for (Setting s : values) {
            expanded.add(placeholders.expand(s));
        }
        return expanded;
    }

    private Readiness readiness(Probe probe, String id, Duration startTimeout) throws ConfigException {
        if (probe == null) {
            return UptimeReadiness.DEFAULT;
        }
        Map<String, Setting> a = probe.attributes();
        return switch (probe.kind()) {
            case "tcp" -> {
                Setting host = a.getOrDefault("host", new Setting(id, "ready.tcp.host", DEFAULT_PROBE_HOST, probe.origin()));
                if (host.value().isBlank()) {
                    throw host.invalid("must be a host name or address, such as " + DEFAULT_PROBE_HOST);
                }
                yield new TcpReadiness(host.value().trim(), Values.port(a.get("port"), 1));
            }
            case "http" -> {
                Setting url = a.get("url");
                yield new HttpReadiness(Values.httpUrl(
                        new Setting(id, url.key(), placeholders.expand(url), url.origin())));
            }
            default -> {
                Setting seconds = a.getOrDefault("seconds", new Setting(id, "ready.uptime.seconds",
                        Values.seconds(UptimeReadiness.DEFAULT.upFor()), probe.origin()));
                Duration upFor = Values.seconds(seconds, false);
                if (upFor.compareTo(startTimeout) >= 0) {
                    throw seconds.invalid("must be shorter than startTimeout [" + Values.seconds(startTimeout)
                            + "], or the server can never become ready");
                }
                yield new UptimeReadiness(upFor);
            }
        };
    }

    /** Checked even when an uptime readiness makes it moot, so a bad value never hides. */
    private HealthCheck health(String id) throws ConfigException {
        return new HealthCheck(Values.seconds(setting(id, HEALTH_INTERVAL), false),
                Values.seconds(setting(id, HEALTH_TIMEOUT), true),
                Values.atLeast(setting(id, HEALTH_FAILURES), 1));
    }

    private RestartPolicy restart(String id) throws ConfigException {
        Duration backoffInitial = Values.seconds(setting(id, RESTART_BACKOFF_INITIAL), false);
        Setting max = setting(id, RESTART_BACKOFF_MAX);
        Duration backoffMax = Values.seconds(max, false);
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw max.invalid("must be >= restart.backoffInitial [" + Values.seconds(backoffInitial) + "]");
        }
        return new RestartPolicy(Values.policy(setting(id, RESTART_POLICY)),
                Values.exitCodes(setting(id, RESTART_EXIT_CODES)),
                Values.atLeast(setting(id, RESTART_MAX_RETRIES), 0),
                backoffInitial, backoffMax, Values.seconds(setting(id, RESTART_STABLE_AFTER), false));
    }

    /** The port a readiness probe reaches, for the clash check; 0 for uptime readiness. */
    static int portOf(Readiness readiness) {
        if (readiness instanceof TcpReadiness tcp) {
            return tcp.port();
        }
        if (readiness instanceof HttpReadiness http) {
            return Values.portOf(http.url());
        }
        return 0;
    }
}
