package org.imageserving.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.config.ServerSpec;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.process.Guardian;
import org.imageserving.process.Launcher;
import org.imageserving.process.Loop;
import org.imageserving.process.PidRecords;
import org.imageserving.process.Platform;
import org.imageserving.process.ServerState;
import org.imageserving.process.OutputPump;
import org.imageserving.process.Survivors;

/**
 * The Server Supervisor: owns the managed servers, starts them by priority group and stops them in reverse.
 *
 * <p>Construction does not start any server. It kills the process trees of servers a dead supervisor left
 * behind (recorded under {@code run/servers/}), starts the guardian that cleans up after this supervisor if
 * it is killed, and starts the supervisor loop. {@link #close()} stops every server, reaps every descendant
 * and ends the loop and the guardian.
 *
 * <p>A server's output goes to the logger {@code imageserving.server.<id>} (logs/<id>.log); transitions are
 * logged under {@code org.imageserving.process.ManagedProcess} (supervisor.log).
 */
public final class Supervisor implements SupervisorControl, AutoCloseable {
    /** Logger name prefix of each server's stdout+stderr ({@code imageserving.server.<id>}). */
    public static final String SERVER_LOGGER_PREFIX = OutputPump.LOGGER_PREFIX;

    private static final Logger LOG = LogManager.getLogger(Supervisor.class);
    private static final Duration SURVIVOR_DEADLINE = Duration.ofSeconds(10);
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(15);

    private volatile SupervisorConfig config;
    private final Instant startedAt = Instant.now();
    private final PidRecords records;
    private final Optional<Guardian> guardian;
    private final Loop loop;
    private final ScheduledThreadPoolExecutor pool;
    private final Launcher launcher;
    private final Map<String, ManagedServer> servers = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    public Supervisor(SupervisorConfig config) {
        this(config, Platform.detect());
    }

    /** With a given platform; {@link Platform#plain()} exercises the path for systems without setsid/setpriv. */
    public Supervisor(SupervisorConfig config, Platform platform) {
        this.config = config;
        rejectDuplicateIds(config.servers());
        this.records = new PidRecords(config.homes().run().resolve("servers"));
        int killed = Survivors.sweep(records, SURVIVOR_DEADLINE, "survived a previous supervisor");
        if (killed > 0) {
            LOG.warn("killed {} server process tree(s) left by a previous supervisor", killed);
        }
        this.guardian = Guardian.start(records, platform);
        this.loop = new Loop("supervisor-loop");
        this.pool = probePool(config.servers().size() + 1);
        this.launcher = new Launcher(config.homes(), platform);
        for (ServerSpec spec : config.servers()) {
            servers.put(spec.id(), managed(spec));
        }
        LOG.info("supervisor ready: {} server(s) {}, base {}, process groups {}, parent-death signal {}, guardian {}",
                servers.size(), servers.keySet(), config.homes().base(), platform.groupsServers() ? "on" : "off",
                platform.setpriv().isPresent() ? "on" : "off", guardian.map(g -> "pid " + g.pid()).orElse("off"));
    }

    public SupervisorConfig config() {
        return config;
    }

    @Override
    public List<ServerControl> servers() {
        synchronized (servers) {
            return List.copyOf(servers.values());
        }
    }

    @Override
    public Optional<ServerControl> server(String id) {
        synchronized (servers) {
            return Optional.ofNullable(servers.get(id));
        }
    }

    /**
     * Applies the difference to {@code next} (see {@link SupervisorControl#reload}); one reload at a time. The
     * servers' order becomes the new file's. Global settings (tcpport, jolokiaPort) apply at the next start of the
     * supervisor; the answer says so when they changed.
     */
    @Override
    public synchronized CompletableFuture<Reloaded> reload(SupervisorConfig next) {
        rejectDuplicateIds(next.servers());
        List<ServerSpec> before = servers().stream().map(ServerControl::spec).toList();
        ConfigDiff diff = ConfigDiff.between(before, next.servers());
        List<String> lines = new ArrayList<>(diff.lines());
        if (next.tcpPort() != config.tcpPort() || next.jolokiaPort() != config.jolokiaPort()) {
            lines.add("unchanged until the supervisor restarts: tcpport " + config.tcpPort() + " -> " + next.tcpPort()
                    + ", jolokiaPort " + config.jolokiaPort() + " -> " + next.jolokiaPort());
        }
        LOG.info("reload of {}: {}", next.homes().supervisorRegistry(), lines.isEmpty() ? "no change" : lines);
        List<CompletableFuture<?>> work = new ArrayList<>();
        for (String id : diff.removed()) {
            ManagedServer gone = managed(id);
            work.add(gone.stop().thenRun(() -> {
                synchronized (servers) {
                    servers.remove(id, gone);
                }
                gone.closeGauges();
            }));
        }
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        for (ServerSpec spec : diff.changed()) {
            ManagedServer old = managed(spec.id());
            if (handsOver(old, spec)) {
                // no gap: a process of the new spec starts beside the serving one, which stops once it serves
                work.add(old.restartWith(spec).handle((state, e) -> {
                    if (e != null) {
                        failed.add("failed " + spec.id() + ": " + rootMessage(e) + "; it keeps its old settings");
                    }
                    return state;
                }));
                continue;
            }
            work.add(old.stop().thenCompose(stopped -> {
                ManagedServer fresh = managed(spec);
                synchronized (servers) {
                    servers.replace(spec.id(), fresh);
                }
                old.closeGauges();
                return fresh.start();
            }));
        }
        for (ServerSpec spec : diff.added()) {
            ManagedServer fresh = managed(spec);
            synchronized (servers) {
                servers.put(spec.id(), fresh);
            }
            work.add(after(spec.startDelay()).thenCompose(x -> fresh.start()));
        }
        this.config = next;
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).thenApply(v -> {
            reorder(next.servers());
            lines.addAll(failed);
            return new Reloaded(lines, diff.added().stream().map(ServerSpec::id).toList(), diff.removed(),
                    diff.changed().stream().map(ServerSpec::id).toList());
        });
    }

    /**
     * A changed server is handed over (no gap) when it serves and shares its port with its successor in both
     * specs; the launch kind stays, so the management plane's view of it (heap gauge) stays right.
     */
    private static boolean handsOver(ManagedServer server, ServerSpec next) {
        ServerSpec was = server.spec();
        return was.handover() && next.handover() && server.state() == ServerState.RUNNING
                && was.launch().getClass() == next.launch().getClass();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private ManagedServer managed(String id) {
        synchronized (servers) {
            return servers.get(id);
        }
    }

    private List<ManagedServer> managedServers() {
        synchronized (servers) {
            return List.copyOf(servers.values());
        }
    }

    private ManagedServer managed(ServerSpec spec) {
        return new ManagedServer(spec, loop, pool, launcher, records, records.dir());
    }

    /** The file's order is the start order. */
    private void reorder(List<ServerSpec> order) {
        synchronized (servers) {
            Map<String, ManagedServer> copy = new LinkedHashMap<>();
            order.forEach(spec -> {
                ManagedServer server = servers.get(spec.id());
                if (server != null) {
                    copy.put(spec.id(), server);
                }
            });
            servers.keySet().removeAll(copy.keySet());
            copy.putAll(servers);
            servers.clear();
            servers.putAll(copy);
        }
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    /** Group by group in startPriority order; in a group, each after its startDelay; all settled before the next. */
    @Override
    public CompletableFuture<Void> startAll() {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (List<ManagedServer> group : groups(false)) {
            chain = chain.thenCompose(v -> all(group, s -> after(s.spec().startDelay()).thenCompose(x -> s.start())));
        }
        return chain;
    }

    /** Group by group in reverse startPriority order; completes when every process tree is gone. */
    @Override
    public CompletableFuture<Void> stopAll() {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (List<ManagedServer> group : groups(true)) {
            chain = chain.thenCompose(v -> all(group, s -> s.stop()));
        }
        return chain;
    }

    @Override
    public CompletableFuture<Void> restartAll() {
        return stopAll().thenCompose(v -> startAll());
    }

    /**
     * Stops every server (bounded by their stop timeouts), kills whatever is left of their trees, ends the
     * loop and the guardian. Idempotent; blocks until done.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("supervisor closing: stopping {} server(s)", servers.size());
        try {
            stopAll().get(closeDeadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.error("servers did not stop within {} s; killing what is left", closeDeadline().toSeconds());
        } catch (Exception e) {
            LOG.error("stopping the servers failed; killing what is left", e);
        }
        CompletableFuture<Void> last = new CompletableFuture<>();
        loop.execute(() -> {
            managedServers().forEach(ManagedServer::abandon);
            last.complete(null);
        }, last::completeExceptionally);
        last.orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        loop.close();
        reapLeftovers();
        pool.shutdownNow();
        managedServers().forEach(ManagedServer::closeGauges);
        guardian.ifPresent(Guardian::close);
        LOG.info("supervisor closed");
    }

    /** Last resort after the loop ends: anything a server record still names is killed here. */
    private void reapLeftovers() {
        int killed = Survivors.sweep(records, SURVIVOR_DEADLINE, "outlived its stop");
        if (killed > 0) {
            LOG.error("{} server process tree(s) were still alive at close and have been killed", killed);
        }
    }

    private Duration closeDeadline() {
        Duration total = CLOSE_MARGIN;
        for (List<ManagedServer> group : groups(true)) {
            total = total.plus(group.stream().map(s -> s.spec().stopTimeout()).filter(d -> d != null)
                    .max(Comparator.naturalOrder()).orElse(Duration.ZERO));
        }
        return total;
    }

    private List<List<ManagedServer>> groups(boolean reverse) {
        TreeMap<Integer, List<ManagedServer>> byPriority = new TreeMap<>();
        managedServers().forEach(s -> byPriority.computeIfAbsent(s.spec().startPriority(), p -> new ArrayList<>()).add(s));
        return new ArrayList<>((reverse ? byPriority.descendingMap() : byPriority).values());
    }

    private static CompletableFuture<Void> all(List<ManagedServer> group,
            Function<ManagedServer, CompletableFuture<?>> action) {
        return CompletableFuture.allOf(group.stream().map(action).toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> after(Duration delay) {
        if (delay == null || delay.compareTo(Duration.ZERO) <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> due = new CompletableFuture<>();
        loop.schedule(() -> due.complete(null), delay);
        return due;
    }

    private static ScheduledThreadPoolExecutor probePool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, task -> {
            Thread t = new Thread(task, "supervisor-probe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        pool.setKeepAliveTime(30, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static void rejectDuplicateIds(List<ServerSpec> specs) {
        Set<String> seen = new HashSet<>();
        for (ServerSpec spec : specs) {
            if (!seen.add(spec.id())) {
                throw new IllegalArgumentException("server [" + spec.id() + "] is declared twice");
            }
        }
    }
}
