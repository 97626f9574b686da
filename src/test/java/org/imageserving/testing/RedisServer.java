package org.imageserving.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (Debian's package) for a test: on a free loopback port (never 6379), in a temporary
 * folder of its own, with a password from its own config file (mode 0600: never on a command line), no
 * persistence, and maxmemory with allkeys-lru as the README asks of a site. It can be stopped and started again on
 * the same port, and paused (SIGSTOP) to play a Redis that accepts connections but does not answer.
 * {@link #call} speaks RESP over a socket, for the test's own looks into Redis.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(30);

    private final Path dir;
    private final int port;
    private final String password;
    private Process process;

    private RedisServer(Path dir, int port, String password) {
        this.dir = dir;
        this.port = port;
        this.password = password;
    }

    /** Whether Debian's redis-server is installed (.ci/run installs it). */
    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/redis-server"));
    }

    /** Started and answering PING. */
    public static RedisServer start(String password) throws Exception {
        return start(password, false);
    }

    /**
     * Three nodes of a Redis Cluster (three masters, no replicas), created with {@code redis-cli --cluster create}
     * (the password reaches redis-cli through REDISCLI_AUTH, not its command line), once every slot is served.
     */
    public static List<RedisServer> startCluster(String password) throws Exception {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(start(password, true));
            }
            List<String> command = new ArrayList<>(List.of("/usr/bin/redis-cli", "--cluster", "create"));
            for (RedisServer node : nodes) {
                command.add("127.0.0.1:" + node.port());
            }
            command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            ProcessBuilder create = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(nodes.get(0).dir.resolve("cluster-create.out").toFile());
            create.environment().put("REDISCLI_AUTH", password);
            int code = create.start().waitFor();
            if (code != 0) {
                throw new IllegalStateException("redis-cli --cluster create exited with " + code + ": "
                        + Files.readString(nodes.get(0).dir.resolve("cluster-create.out")));
            }
            for (RedisServer node : nodes) {
                Await.until("cluster_state:ok on port " + node.port(), START, () -> {
                    try {
                        return node.call("CLUSTER", "INFO").contains("cluster_state:ok");
                    } catch (IOException e) {
                        return false;
                    }
                });
            }
            return nodes;
        } catch (Exception | AssertionError e) {
            for (RedisServer node : nodes) {
                node.close();
            }
            throw e;
        }
    }

    private static RedisServer start(String password, boolean cluster) throws Exception {
        int port = Ports.free();
        while (port == 6379) {
            port = Ports.free();
        }
        Path dir = Files.createTempDirectory("imageserving-redis-");
        RedisServer redis = new RedisServer(dir, port, password);
        Path conf = dir.resolve("redis.conf");
        Files.createFile(conf, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(conf, String.join("\n", "port " + port, "bind 127.0.0.1", "dir " + dir, "save \"\"",
                "appendonly no", "daemonize no", "logfile " + dir.resolve("redis.log"), "maxmemory 64mb",
                "maxmemory-policy allkeys-lru", "requirepass " + password, "") + "\n"
                + (cluster ? "cluster-enabled yes\ncluster-config-file nodes.conf\ncluster-node-timeout 2000\nmasterauth "
                        + password + "\n" : ""));
        redis.start();
        return redis;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Starts the server again (empty: nothing persists), waiting until it answers. */
    public synchronized void start() throws Exception {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder("/usr/bin/redis-server", dir.resolve("redis.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.out").toFile()).start();
        Await.until("redis-server on port " + port, START, () -> {
            try {
                return "PONG".equals(call("PING"));
            } catch (IOException e) {
                return false;
            }
        }, this::log);
    }

    /** SIGTERM, and waits for the exit: connections are refused from then on. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        resume();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGSTOP: connections are accepted by the kernel, and nothing answers. */
    public void pause() throws Exception {
        signal("-STOP");
    }

    /** SIGCONT. */
    public void resume() {
        try {
            signal("-CONT");
        } catch (Exception e) {
            // the process is gone: nothing to resume
        }
    }

    private void signal(String signal) throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        int code = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (code != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " exited with " + code);
        }
    }

    /** One command, logged in with the password; the reply as text (an array's items joined by newlines). */
    public String call(String... args) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            send(out, "AUTH", password);
            String auth = reply(in);
            if (!"OK".equals(auth)) {
                throw new IOException("AUTH: " + auth);
            }
            send(out, args);
            return reply(in);
        }
    }

    private static void send(OutputStream out, String... args) throws IOException {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            b.append('$').append(arg.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n").append(arg).append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String reply(InputStream in) throws IOException {
        String line = line(in);
        switch (line.charAt(0)) {
            case '+', ':' -> {
                return line.substring(1);
            }
            case '-' -> {
                return "ERR:" + line.substring(1);
            }
            case '$' -> {
                int length = Integer.parseInt(line.substring(1));
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            case '*' -> {
                int count = Integer.parseInt(line.substring(1));
                List<String> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(reply(in));
                }
                return String.join("\n", items);
            }
            default -> throw new IOException("not a RESP reply: " + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) >= 0;) {
            if (c == '\n' && b.length() > 0 && b.charAt(b.length() - 1) == '\r') {
                return b.substring(0, b.length() - 1);
            }
            b.append((char) c);
        }
        throw new IOException("connection closed mid-reply");
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no redis.log: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
