package org.imageserving.cli;

import org.imageserving.exit.ExitCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code status --hosts <file|list>} and {@code status --url <u1> --url <u2>…}: every host's supervisor asked at
 * once through its Jolokia bridge, each with its own deadline, so a dead host costs one timeout, not one per host;
 * then one table (host column first) and a line per host, or JSON with one object per host. The exit code is the
 * highest of the hosts' (0 all RUNNING, 3 a server not running, 4 a host unreachable or not answering sensibly).
 */
final class FleetStatus {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(600);
    /** Hosts asked at once; beyond this they wait for a free thread (and the overall wait grows with them). */
    static final int MAX_PARALLEL = 32;
    /** Beyond a host's own deadline: thread start-up, DNS. A host not done by then is reported as silent. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final CliContext ctx;
    private final Messages messages;

    FleetStatus(CliContext ctx) {
        this.ctx = ctx;
        this.messages = ctx.messages();
    }

    ExitCode run(String hosts, List<String> urls, ConnectionOptions account, Double timeoutSeconds, String onlyId, boolean json) {
        Duration timeout = timeout(timeoutSeconds);
        List<FleetHost> fleet = FleetHosts.of(hosts, urls, messages);
        List<FleetProbe.Outcome> outcomes = askAll(fleet, account, onlyId, timeout);
        FleetView view = new FleetView(messages);
        ctx.out().print(json ? view.json(outcomes) : view.table(outcomes));
        ExitCode worst = ExitCode.OK;
        for (FleetProbe.Outcome outcome : outcomes) {
            if (outcome.code().code() > worst.code()) {
                worst = outcome.code();
            }
        }
        return worst;
    }

    private Duration timeout(Double seconds) {
        if (seconds == null) {
            return DEFAULT_TIMEOUT;
        }
        if (!(seconds >= 0.1) || seconds > MAX_TIMEOUT.toSeconds()) {
            throw new CliException(ExitCode.USAGE, messages.get("status.badTimeout", seconds, MAX_TIMEOUT.toSeconds()));
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private List<FleetProbe.Outcome> askAll(List<FleetHost> fleet, ConnectionOptions account, String onlyId, Duration timeout) {
        DefaultAccount defaults = new DefaultAccount(account);
        FleetProbe probe = new FleetProbe(messages);
        int threads = Math.min(fleet.size(), MAX_PARALLEL);
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "fleet-status");
            thread.setDaemon(true); // a host stuck past every deadline must not keep the CLI alive
            return thread;
        });
        try {
            List<Future<FleetProbe.Outcome>> answers = new ArrayList<>(fleet.size());
            for (FleetHost host : fleet) {
                String user = host.hasAccount() ? host.user() : defaults.user();
                Path passwordFile = host.hasAccount() ? host.passwordFile() : defaults.passwordFile();
                answers.add(pool.submit(() -> probe.ask(host, user, passwordFile, onlyId, timeout)));
            }
            int waves = (fleet.size() + threads - 1) / threads;
            long deadline = System.nanoTime() + timeout.multipliedBy(waves).plus(GRACE).toNanos();
            List<FleetProbe.Outcome> outcomes = new ArrayList<>(fleet.size());
            for (int i = 0; i < fleet.size(); i++) {
                outcomes.add(await(answers.get(i), fleet.get(i), deadline, timeout));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private FleetProbe.Outcome await(Future<FleetProbe.Outcome> answer, FleetHost host, long deadline, Duration timeout) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException silent) {
            answer.cancel(true);
            return FleetProbe.Outcome.unreachable(host, messages.get("fleet.timeout", FleetProbe.seconds(timeout)));
        } catch (ExecutionException broken) {
            return FleetProbe.Outcome.failed(host, ExitCode.UNKNOWN, Printable.text(Connections.rootMessage(broken), 200));
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return FleetProbe.Outcome.unreachable(host, messages.get("fleet.timeout", FleetProbe.seconds(timeout)));
        }
    }

    /**
     * The account for hosts the hosts file gives none: --user / --password-file, else the environment, else this
     * instance's first readonly user and conf/jmxremote.password, the same precedence as plain status. Read only
     * when a host needs it, so that a monitoring machine with a full hosts file needs no local instance.
     */
    private final class DefaultAccount {
        private final ConnectionOptions options;
        private String user;

        DefaultAccount(ConnectionOptions options) {
            this.options = options;
        }

        String user() {
            if (user == null) {
                user = options.user() != null ? options.user() : ctx.envOrNull(JmxTarget.USER_ENV);
                if (user == null) {
                    user = Credentials.firstReadingUser(ctx.homes().conf().resolve("jmxremote.access"), messages);
                }
            }
            return user;
        }

        Path passwordFile() {
            if (options.passwordFile() != null) {
                return options.passwordFile();
            }
            String fromEnv = ctx.envOrNull(JmxTarget.PASSWORD_FILE_ENV);
            return fromEnv != null ? Path.of(fromEnv) : ctx.homes().conf().resolve("jmxremote.password");
        }
    }
}
