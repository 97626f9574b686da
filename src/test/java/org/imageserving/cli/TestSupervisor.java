package org.imageserving.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import org.imageserving.jmx.ServerMXBean;
import org.imageserving.jmx.SupervisorMXBean;
import org.imageserving.process.ServerState;

/**
 * A stand-in supervisor for the control script's tests and benchmark, until the real one is merged: a child JVM
 * that registers real implementations of SupervisorMXBean and ServerMXBean over an authenticated RMI connector on
 * 127.0.0.1 (the wire is the real one), manages real child processes ({@code sleep}, like the supervisord setup
 * the benchmark compares with), and writes run/supervisor.pid, run/jmx.url and the conf/jmxremote.* files the way
 * the supervisor does.
 *
 * <p>Usage: {@code TestSupervisor [<base>] [--servers is,svg,ps] [--fatal <id>]... [--hang <id>]...} (a hung
 * server never answers a read of its State, as a wedged supervisor would not); launch it with
 * {@code -Dimageserving.base=<base>} so that its pid file is recognised as this base's supervisor.
 * {@link TestSupervisorDaemon} is the same under jsvc.
 */
public final class TestSupervisor {
    private TestSupervisor() {}

    /** The foreground form ({@code bin/ImageServing run} with this class as the supervisor). */
    public static void main(String[] args) throws Exception {
        Running running = launch(args, null);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close));
        System.out.println("ready " + running.url);
        Thread.currentThread().join(); // the RMI threads serve; shutdown() or a signal ends the JVM
    }

    /**
     * Starts the servers and the connector; {@code args}: {@code [<base>] [--servers is,svg,ps] [--fatal <id>]...},
     * the base defaulting to -Dimageserving.base. Under jsvc ({@code askJsvcToStop} set) the pid file is jsvc's own.
     */
    static Running launch(String[] args, Runnable askJsvcToStop) throws Exception {
        Path base = Path.of(System.getProperty("imageserving.base", ".")).toAbsolutePath();
        List<String> ids = List.of("is", "svg", "ps");
        List<String> fatal = new ArrayList<>();
        List<String> hung = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--servers" -> ids = List.of(args[++i].split(","));
                case "--fatal" -> fatal.add(args[++i]);
                case "--hang" -> hung.add(args[++i]);
                default -> {
                    if (args[i].startsWith("--") || i > 0) {
                        throw new IllegalArgumentException("unknown argument: " + args[i]);
                    }
                    base = Path.of(args[i]).toAbsolutePath();
                }
            }
        }
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        Path conf = Files.createDirectories(base.resolve("conf"));
        Path run = Files.createDirectories(base.resolve("run"));
        writeCredentials(conf);

        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        List<SleepingServer> servers = new ArrayList<>();
        for (String id : ids) {
            SleepingServer server = new SleepingServer(id, hung.contains(id));
            servers.add(server);
            mbeans.registerMBean(server, new ObjectName("ImageServing:type=Server,name=" + id));
            if (fatal.contains(id)) {
                server.giveUp();
            } else {
                server.start();
            }
        }

        int port = freePort();
        Loopback loopback = new Loopback();
        Registry registry = LocateRegistry.createRegistry(port, null, loopback);
        Map<String, Object> env = new HashMap<>();
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, loopback);
        env.put("jmx.remote.x.password.file", conf.resolve("jmxremote.password").toString());
        env.put("jmx.remote.x.access.file", conf.resolve("jmxremote.access").toString());
        env.put(RMIConnectorServer.CREDENTIALS_FILTER_PATTERN, "java.lang.String;!*");
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        JMXConnectorServer connector = JMXConnectorServerFactory.newJMXConnectorServer(url, env, mbeans);
        connector.start();

        Running running = new Running(url, servers, connector, registry, run, askJsvcToStop == null);
        Runnable shutdown = askJsvcToStop != null ? askJsvcToStop : () -> {
            running.close();
            System.exit(0);
        };
        mbeans.registerMBean(new Supervisor(servers, shutdown), new ObjectName("ImageServing:type=Supervisor"));
        Files.writeString(run.resolve("jmx.url"), url + "\n");
        if (running.ownsPidFile) {
            Files.writeString(run.resolve("supervisor.pid"), ProcessHandle.current().pid() + "\n");
        }
        return running;
    }

    /** What a launch started, and how to undo it. */
    static final class Running {
        final JMXServiceURL url;
        private final List<SleepingServer> servers;
        private final JMXConnectorServer connector;
        private final Registry registry;
        private final Path run;
        final boolean ownsPidFile;
        private boolean closed;

        Running(JMXServiceURL url, List<SleepingServer> servers, JMXConnectorServer connector, Registry registry, Path run,
                boolean ownsPidFile) {
            this.url = url;
            this.servers = servers;
            this.connector = connector;
            this.registry = registry;
            this.run = run;
            this.ownsPidFile = ownsPidFile;
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            servers.forEach(SleepingServer::stop);
            try {
                connector.stop();
                UnicastRemoteObject.unexportObject(registry, true);
                Files.deleteIfExists(run.resolve("jmx.url"));
                if (ownsPidFile) {
                    Files.deleteIfExists(run.resolve("supervisor.pid"));
                }
            } catch (IOException ignored) {
                // ending anyway
            }
        }
    }

    static void writeCredentials(Path conf) throws IOException {
        Path password = conf.resolve("jmxremote.password");
        if (Files.exists(password)) {
            return;
        }
        var owner = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        SecureRandom random = new SecureRandom();
        Files.createFile(password, owner);
        Files.writeString(password, "admin " + token(random) + "\nmonitor " + token(random) + "\n");
        Path access = conf.resolve("jmxremote.access");
        Files.deleteIfExists(access);
        Files.createFile(access, owner);
        Files.writeString(access, "# written by TestSupervisor\nadmin readwrite\nmonitor readonly\n");
    }

    private static String token(SecureRandom random) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Binds every RMI listener to 127.0.0.1 only. */
    record Loopback() implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        }
    }

    /** The supervisor MBean: its own JVM's uptime and heap, and the servers' ids. */
    public static final class Supervisor implements SupervisorMXBean {
        private final List<SleepingServer> servers;
        private final Runnable exit;

        Supervisor(List<SleepingServer> servers, Runnable exit) {
            this.servers = servers;
            this.exit = exit;
        }

        @Override public long getUptime() { return ManagementFactory.getRuntimeMXBean().getUptime(); }
        @Override public long getHeapUsed() { return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(); }
        @Override public String getVersion() { return "test"; }
        @Override public String[] getServerNames() { return servers.stream().map(SleepingServer::getId).toArray(String[]::new); }
        @Override public long getPid() { return ProcessHandle.current().pid(); }
        @Override public void startAll() { servers.forEach(SleepingServer::start); }
        @Override public void stopAll() { servers.forEach(SleepingServer::stop); }
        @Override public void restartAll() { stopAll(); startAll(); }
        @Override public String[] reload() { return new String[0]; }
        @Override public void shutdown() { new Thread(exit, "shutdown").start(); }
    }

    /** One managed server: a real {@code sleep} process, RUNNING while it lives. */
    public static final class SleepingServer implements ServerMXBean {
        private static final Set<ServerState> NO_PROCESS = Set.of(ServerState.STOPPED, ServerState.EXITED, ServerState.FATAL);
        private final String id;
        private final boolean hung;
        private Process process;
        private ServerState state = ServerState.STOPPED;
        private long startedAt;
        private int restartCount;
        private int lastExitCode = -1;
        private String lastError = "";

        SleepingServer(String id, boolean hung) {
            this.id = id;
            this.hung = hung;
        }

        synchronized void giveUp() {
            state = ServerState.FATAL;
            restartCount = 3;
            lastExitCode = 1;
            lastError = "exited with code 1 three times in a row";
        }

        @Override public String getId() { return id; }
        @Override public String getDescription() { return "sleeping test server " + id; }
        @Override
        public ServerState getState() {
            while (hung) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            synchronized (this) {
                return state;
            }
        }
        @Override public synchronized long getPid() { return NO_PROCESS.contains(state) ? -1 : process.pid(); }
        @Override public long getHandoverPid() { return -1; }
        @Override public synchronized long getUptime() { return NO_PROCESS.contains(state) ? 0 : System.currentTimeMillis() - startedAt; }
        @Override public String getHeapUsedKind() { return "resident"; }
        @Override public String getRenderEngine() { return ""; }
        @Override public synchronized int getRestartCount() { return restartCount; }
        @Override public synchronized int getLastExitCode() { return lastExitCode; }
        @Override public synchronized String getLastError() { return lastError; }

        @Override
        public synchronized long getHeapUsed() {
            if (NO_PROCESS.contains(state)) {
                return -1;
            }
            try { // resident set size: the second field of /proc/<pid>/statm, in pages
                String[] statm = Files.readString(Path.of("/proc", Long.toString(process.pid()), "statm")).trim().split(" ");
                return Long.parseLong(statm[1]) * 4096;
            } catch (IOException | RuntimeException gone) {
                return -1;
            }
        }

        @Override
        public synchronized ServerState start() {
            if (state == ServerState.RUNNING) {
                return state;
            }
            try {
                Process started = new ProcessBuilder("sleep", "100000").start();
                process = started;
                startedAt = System.currentTimeMillis();
                state = ServerState.RUNNING;
                started.onExit().thenAccept(this::exited);
            } catch (IOException e) {
                state = ServerState.FATAL;
                lastError = e.getMessage();
            }
            return state;
        }

        private synchronized void exited(Process ended) {
            if (ended == process && state == ServerState.RUNNING) {
                state = ServerState.EXITED;
                lastExitCode = ended.exitValue();
                lastError = "exited with code " + lastExitCode;
            }
        }

        @Override
        public synchronized ServerState stop() {
            if (process != null && process.isAlive()) {
                state = ServerState.STOPPING;
                process.destroy();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (state != ServerState.FATAL) {
                state = ServerState.STOPPED;
            }
            return state;
        }

        @Override
        public synchronized ServerState restart() {
            stop();
            state = ServerState.STOPPED;
            restartCount++;
            return start();
        }
    }
}
