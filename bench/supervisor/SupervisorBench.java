import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.imageserving.install.Homes;
import org.imageserving.config.ServerSpec;
import org.imageserving.config.ServerSpec.HealthCheck;
import org.imageserving.config.ServerSpec.HttpReadiness;
import org.imageserving.config.ServerSpec.JavaLaunch;
import org.imageserving.config.ServerSpec.RestartPolicy;
import org.imageserving.config.SupervisorConfig;
import org.imageserving.process.Launcher;
import org.imageserving.process.Platform;
import org.imageserving.proc.ProcFs;
import org.imageserving.process.ServerState;
import org.imageserving.supervisor.MemoryReading;
import org.imageserving.supervisor.ServerControl;
import org.imageserving.supervisor.Supervisor;

/**
 * Benchmark of the Server Supervisor against a bare start of the same server, with supervisord beside it.
 * {@code timings <work> <runs>}: restart-to-ready and kill -9-to-ready (ours and supervisord's) vs bare start.
 * {@code rss <work>}: this JVM supervises three servers; prints its resident memory.
 * Every child is the same command line (the Launcher's), a JVM answering GET /health.
 */
public final class SupervisorBench {
    static final List<String> CHILD_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    static final Duration STABLE = Duration.ofSeconds(1);

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[1]).toAbsolutePath();
        switch (args[0]) {
            case "timings" -> timings(work, Integer.parseInt(args[2]));
            case "rss" -> rss(work);
            default -> throw new IllegalArgumentException("timings|rss");
        }
    }

    // ---------------------------------------------------------------- timings

    /** Measurements of one figure, each paired with a bare start taken just before it, under the same load. */
    static final class Figure {
        final List<Long> values = new ArrayList<>();
        final List<Long> bare = new ArrayList<>();

        /** Median [min..max] and the median of the paired ratios. */
        String cell() {
            if (values.isEmpty()) {
                return "";
            }
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                ratios.add(values.get(i) / (double) bare.get(i));
            }
            Collections.sort(ratios);
            return stats(values) + String.format(Locale.ROOT, "  %.2fx", ratios.get(ratios.size() / 2));
        }
    }

    /**
     * Each measurement follows a bare start of the same command line (on another port), so the two see the same
     * machine load; the ratio is taken pair by pair.
     */
    static void timings(Path work, int runs) throws Exception {
        Homes homes = new Homes(work, work);
        Launcher launcher = new Launcher(homes, Platform.plain());
        int bareport = freePort();
        List<String> bareCommand = launcher.command(spec("bare", bareport, work));
        bare(bareCommand, bareport, work);                            // warm-up: page cache, CDS archive

        Figure restart = new Figure();
        Figure kill = new Figure();
        try (Supervisor supervisor = new Supervisor(new SupervisorConfig(homes, 0, 0, List.of(spec("h", freePort(), work))))) {
            ServerControl h = supervisor.server("h").orElseThrow();
            expect(ServerState.RUNNING, h.start().toCompletableFuture().get(60, TimeUnit.SECONDS));
            for (int i = 0; i < runs; i++) {
                restart.bare.add(bare(bareCommand, bareport, work));
                awaitUptime(h, STABLE.plusMillis(200));
                long before = h.pid();
                long t0 = System.nanoTime();
                expect(ServerState.RUNNING, h.restart().toCompletableFuture().get(60, TimeUnit.SECONDS));
                restart.values.add(millisSince(t0));
                check(h.pid() != before, "restart made a new process");

                kill.bare.add(bare(bareCommand, bareport, work));
                awaitUptime(h, STABLE.plusMillis(200));
                before = h.pid();
                CompletableFuture<Void> ready = new CompletableFuture<>();
                h.addStateListener((id, from, to, reason) -> {
                    if (to == ServerState.RUNNING) {
                        ready.complete(null);
                    }
                });
                t0 = System.nanoTime();
                ProcessHandle.of(before).orElseThrow().destroyForcibly();
                ready.get(60, TimeUnit.SECONDS);
                kill.values.add(millisSince(t0));
                check(h.pid() != before, "kill -9 made a new process");
            }
        }

        Figure sdRestart = new Figure();
        Figure sdKill = new Figure();
        boolean withSupervisord = Supervisord.available();
        if (withSupervisord) {
            int port = freePort();
            try (Supervisord sd = new Supervisord(work, launcher.command(spec("h", port, work)), port)) {
                sd.awaitReady();
                for (int i = 0; i < runs; i++) {
                    sdRestart.bare.add(bare(bareCommand, bareport, work));
                    sleep(STABLE.plusMillis(200));
                    String before = health(port);
                    long t0 = System.nanoTime();
                    sd.rpc("supervisor.stopProcess", "h", true);
                    sd.rpc("supervisor.startProcess", "h", false);
                    awaitNewPid(port, before);
                    sdRestart.values.add(millisSince(t0));

                    sdKill.bare.add(bare(bareCommand, bareport, work));
                    sleep(STABLE.plusMillis(200));       // past supervisord's startsecs=1: RUNNING, so no backoff
                    before = health(port);
                    t0 = System.nanoTime();
                    ProcessHandle.of(Long.parseLong(before)).orElseThrow().destroyForcibly();
                    awaitNewPid(port, before);
                    sdKill.values.add(millisSince(t0));
                }
            }
        }

        List<Long> allBare = new ArrayList<>(restart.bare);
        allBare.addAll(kill.bare);
        System.out.printf(Locale.ROOT, "%n%d runs each, median [min..max] in ms; x = median over runs of (figure / the bare"
                + " start taken just before it)%nchild: a JVM answering GET /health (%s)%n", runs, String.join(" ", CHILD_JVM));
        System.out.printf(Locale.ROOT, "%-26s %-30s %-30s%n", "", "ImageServing", withSupervisord ? "supervisord (same child)" : "");
        System.out.printf(Locale.ROOT, "%-26s %-30s%n", "bare start, same command", stats(allBare));
        System.out.printf(Locale.ROOT, "%-26s %-30s %-30s%n", "restart-to-ready", restart.cell(), sdRestart.cell());
        System.out.printf(Locale.ROOT, "%-26s %-30s %-30s%n", "kill -9-to-ready", kill.cell(), sdKill.cell());
        System.out.println("ready = GET /health answered 200 by the new process. ImageServing: when restart()'s future"
                + " completes / the RUNNING event,");
        System.out.println("  as its own probe saw it (polls every 10 ms, then a tenth of the time waited). Bare and"
                + " supervisord: polled every 2 ms");
        System.out.println("  from outside. supervisord restart = XML-RPC stopProcess(wait) + startProcess, as"
                + " supervisorctl restart does.");
    }

    static ServerSpec spec(String id, int port, Path work) {
        return new ServerSpec(id, "benchmark child", new JavaLaunch("BenchChild", "64m", CHILD_JVM),
                List.of("--port", Integer.toString(port)), work, Map.of(), 1, Duration.ZERO, Duration.ofSeconds(60),
                Duration.ofSeconds(10), new HttpReadiness(URI.create("http://127.0.0.1:" + port + "/health")),
                new HealthCheck(Duration.ofSeconds(1), Duration.ofSeconds(2), 3),
                new RestartPolicy(RestartPolicy.Mode.UNEXPECTED, Set.of(0), 0, Duration.ofMillis(100),
                        Duration.ofSeconds(2), STABLE));
    }

    /** Time from spawn to the first 200 of a plainly started child; then stops it. */
    static long bare(List<String> command, int port, Path work) throws Exception {
        long t0 = System.nanoTime();
        Process child = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        while (health(port) == null) {
            check(child.isAlive(), "bare child died");
            sleep(Duration.ofMillis(2));
        }
        long took = millisSince(t0);
        child.destroy();
        check(child.waitFor(30, TimeUnit.SECONDS), "bare child stops");
        return took;
    }

    // ---------------------------------------------------------------- rss

    /** Runs in a JVM of its own (with the flags under test): three servers, then this JVM's RSS. */
    static void rss(Path work) throws Exception {
        Homes homes = new Homes(work, work);
        List<ServerSpec> specs = List.of(spec("h1", freePort(), work), spec("h2", freePort(), work), spec("h3", freePort(), work));
        try (Supervisor supervisor = new Supervisor(new SupervisorConfig(homes, 0, 0, specs))) {
            supervisor.startAll().get(120, TimeUnit.SECONDS);
            for (ServerControl s : supervisor.servers()) {
                expect(ServerState.RUNNING, s.state());
            }
            sleep(Duration.ofSeconds(2));
            long started = rssSelf();
            long heap = 0;
            for (int round = 0; round < 10; round++) {
                for (ServerControl s : supervisor.servers()) {
                    MemoryReading m = s.memory();
                    check(m.kind() == MemoryReading.Kind.HEAP && m.bytes() > 0, "heap of " + s.id() + ": " + m);
                    heap = m.bytes();
                }
            }
            long afterReads = rssSelf();
            sleep(Duration.ofSeconds(12));          // health checks every second meanwhile
            long held = rssSelf();
            System.out.printf(Locale.ROOT, "RSS %d %d %d heap-of-a-child %d%n", started, afterReads, held, heap);
        }
    }

    static long rssSelf() {
        return ProcFs.residentBytes(ProcessHandle.current().pid()).orElse(-1);
    }

    // ---------------------------------------------------------------- helpers

    /** Body of GET /health if 200, else null. */
    static String health(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!response.startsWith("HTTP/1.1 200")) {
                return null;
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4).trim();
        } catch (IOException e) {
            return null;
        }
    }

    static void awaitNewPid(int port, String before) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String now = health(port);
            if (now != null && !now.equals(before)) {
                return;
            }
            check(System.nanoTime() < until, "a new process within 60 s");
            sleep(Duration.ofMillis(2));
        }
    }

    static void awaitUptime(ServerControl server, Duration d) {
        while (server.uptimeMillis() < d.toMillis()) {
            sleep(Duration.ofMillis(20));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static String stats(List<Long> values) {
        return values.size() == 1 ? values.get(0) + ""
                : median(values) + " [" + Collections.min(values) + ".." + Collections.max(values) + "]";
    }

    static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void expect(ServerState expected, ServerState actual) {
        check(expected == actual, "expected " + expected + ", got " + actual);
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }

    /** supervisord managing the same child, driven over its XML-RPC interface on loopback. */
    static final class Supervisord implements AutoCloseable {
        final Process process;
        final int rpcPort;
        final int port;

        static boolean available() {
            return Files.isExecutable(Path.of("/usr/bin/supervisord"));
        }

        Supervisord(Path work, List<String> command, int port) throws IOException {
            this.port = port;
            this.rpcPort = freePort();
            Path dir = Files.createDirectories(work.resolve("supervisord"));
            String conf = String.join("\n",
                    "[supervisord]", "nodaemon=true", "logfile=" + dir.resolve("supervisord.log"),
                    "pidfile=" + dir.resolve("supervisord.pid"), "childlogdir=" + dir,
                    "[inet_http_server]", "port=127.0.0.1:" + rpcPort,
                    "[rpcinterface:supervisor]", "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
                    "[program:h]", "command=" + String.join(" ", command), "directory=" + work,
                    "autostart=true", "autorestart=true", "startsecs=1", "stopwaitsecs=10",
                    "stopasgroup=true", "killasgroup=true",
                    "stdout_logfile=" + dir.resolve("h.log"), "redirect_stderr=true", "");
            Files.writeString(dir.resolve("supervisord.conf"), conf);
            process = new ProcessBuilder("/usr/bin/supervisord", "-c", dir.resolve("supervisord.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        }

        void awaitReady() {
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (health(port) == null) {
                check(System.nanoTime() < until && process.isAlive(), "supervisord's child ready within 60 s");
                sleep(Duration.ofMillis(10));
            }
        }

        long pid() {
            return process.pid();
        }

        void rpc(String method, String name, boolean wait) throws IOException {
            String body = "<?xml version=\"1.0\"?><methodCall><methodName>" + method + "</methodName><params>"
                    + "<param><value><string>" + name + "</string></value></param>"
                    + "<param><value><boolean>" + (wait ? 1 : 0) + "</boolean></value></param></params></methodCall>";
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + rpcPort + "/RPC2").toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "text/xml");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            try (InputStream in = c.getInputStream()) {
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                check(!answer.contains("<fault>"), method + ": " + answer);
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();                      // SIGTERM: supervisord stops its children, then exits
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            String left = health(port);
            if (left != null) {
                ProcessHandle.of(Long.parseLong(left)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
