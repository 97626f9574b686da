package org.imageserving.stock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.imageserving.testing.Trees;

/**
 * The three stock servers as real child JVMs on free ports (port 0, the chosen port read back from each
 * server's "ready" line), in a temporary base that holds a copy of the project's conf/. Started in the
 * supervisor's order (svg, is, then ps); {@link #close()} sends SIGTERM to each, expects exit code 0
 * within a deadline, force-kills anything left, and deletes the base.
 */
public final class StockCluster implements AutoCloseable {

    /** One running server: its process, its log file and the port it bound. */
    public record Server(String id, Process process, Path log, int port) {}

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern READY = Pattern.compile(": ready, .*?(?:127\\.0\\.0\\.1|0\\.0\\.0\\.0):(\\d+)");

    private final Path base;
    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StockCluster(Path base) {
        this.base = base;
    }

    /** A base with conf/ copied from the project, {@code edits} applied (file under conf/ → new content). */
    public static StockCluster prepare(Map<String, String> edits) throws IOException {
        Path base = Files.createTempDirectory("imageserving-stock-");
        Trees.copy(Path.of("conf"), base.resolve("conf"));
        for (Map.Entry<String, String> e : edits.entrySet()) {
            Files.writeString(base.resolve("conf").resolve(e.getKey()), e.getValue());
        }
        return new StockCluster(base);
    }

    /**
     * The shipped conf/ImageServerRegistry.xml with {@code RenderEngine=java}: the engine that sends SVG sources to
     * the svg server, for tests of what ps and is do while svg is down or hung (the libvips engine rasterises SVG
     * itself and never calls svg).
     */
    public static String javaEngineRegistry() throws IOException {
        String shipped = Files.readString(Path.of("conf", "ImageServerRegistry.xml"));
        String java = shipped.replace("<RenderEngine>auto</RenderEngine>", "<RenderEngine>java</RenderEngine>");
        if (java.equals(shipped)) {
            throw new IllegalStateException("conf/ImageServerRegistry.xml has no <RenderEngine>auto</RenderEngine> to replace");
        }
        return java;
    }

    /** Starts svg, is and ps. */
    public StockCluster startAll() throws Exception {
        Server svg = start("svg", "org.imageserving.svg.SvgServerMain", "200m", "--port", "0");
        Server is = start("is", "org.imageserving.imageserver.ImageServerMain", "256m", "--port", "0", "--svg-port",
                Integer.toString(svg.port()));
        start("ps", "org.imageserving.platform.PlatformServerMain", "256m", "--port", "0", "--image-server-port",
                Integer.toString(is.port()), "--bind", "127.0.0.1");
        return this;
    }

    public Path base() {
        return base;
    }

    public Server server(String id) {
        return servers.get(id);
    }

    /** http://127.0.0.1:{ps port} */
    public String psUrl() {
        return "http://127.0.0.1:" + servers.get("ps").port();
    }

    /** Starts (or restarts, replacing the record) one server and waits until its log says it is ready. */
    public Server start(String id, String mainClass, String heap, String... args) throws Exception {
        Path log = base.resolve("logs").resolve(id + "-" + System.nanoTime() + ".log");
        Files.createDirectories(log.getParent());
        Process process = launch(base, log, mainClass, heap, args);
        int port = awaitReady(process, log);
        Server server = new Server(id, process, log, port);
        servers.put(id, server);
        return server;
    }

    /** A child JVM of the test classpath running {@code mainClass}, output into {@code log}. */
    public static Process launch(Path base, Path log, String mainClass, String heap, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("IMAGESERVING_BASE", base.toString());
        builder.environment().put("IMAGESERVING_HOME", base.toString());
        return builder.start();
    }

    private static int awaitReady(Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = READY.matcher(text);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + " before it was ready:\n" + text);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("server not ready within " + READY_TIMEOUT + ":\n" + Files.readString(log));
    }

    public HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(psUrl() + pathAndQuery)).timeout(Duration.ofSeconds(60)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> head(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(psUrl() + pathAndQuery)).timeout(Duration.ofSeconds(60))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A status code and body from a request line sent as is (for URLs java.net.URI refuses to build). */
    public record RawReply(int status, String body) {}

    public RawReply rawGet(String requestTarget) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", servers.get("ps").port())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET " + requestTarget + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(reply.substring(9, 12));
            int bodyAt = reply.indexOf("\r\n\r\n");
            return new RawReply(status, bodyAt < 0 ? "" : reply.substring(bodyAt + 4));
        }
    }

    /** The instance's render key (run/render.key), which is and svg require on every path but /health. */
    public String renderKey() throws IOException {
        return Files.readString(base.resolve("run").resolve(RenderKey.FILE)).trim();
    }

    /** GET on any server's own port (health checks). */
    public int status(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** SIGTERM, then the exit code (or -1 when the deadline passed and the process had to be killed). */
    public static int terminate(Process process, Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        if (process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        return -1;
    }

    /** Stops every server; returns their exit codes by id. */
    public Map<String, Integer> stopAll() throws InterruptedException {
        Map<String, Integer> codes = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(servers.keySet());
        java.util.Collections.reverse(ids);
        for (String id : ids) {
            Process p = servers.get(id).process();
            codes.put(id, p.isAlive() ? terminate(p, STOP_TIMEOUT) : p.exitValue());
        }
        return codes;
    }

    /** True when none of this cluster's processes (or their children) is alive. */
    public boolean nothingLeft() {
        return servers.values().stream().noneMatch(s -> s.process().isAlive() || s.process().descendants().anyMatch(ProcessHandle::isAlive));
    }

    public String logs() {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            for (Path f : files.sorted().toList()) {
                out.append("==== ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        } catch (IOException e) {
            out.append(e);
        }
        return out.toString();
    }

    @Override
    public void close() throws Exception {
        try {
            stopAll();
        } finally {
            for (Server s : servers.values()) {
                s.process().descendants().forEach(ProcessHandle::destroyForcibly);
                s.process().destroyForcibly();
            }
            delete(base);
        }
    }

    /** Deletes {@code root} and everything below it; nothing when it does not exist. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
