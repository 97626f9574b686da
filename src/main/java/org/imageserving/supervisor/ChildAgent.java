package org.imageserving.supervisor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.proc.ProcFs;

/**
 * The JMX agent the supervisor starts in one child JVM to read its heap: the JDK's own remote agent
 * ({@code jdk.management.agent}), bound to 127.0.0.1 on a free port, with password authentication and one
 * read-only account whose random password only this supervisor knows. The agent reads the account from
 * {@code run/servers/<id>.<pid>.jmxremote.password} and {@code .access}, created owner-only (mode 0600: the agent
 * refuses a password file others can read; it rewrites it with salted hashes on the first login). The files go
 * when the process does.
 *
 * <p>Not {@code startLocalManagementAgent()}: the JDK's local connector binds the wildcard address and refuses
 * remote peers only after accepting them, and takes no credentials. The agent's RMI stub names the host of
 * {@code java.rmi.server.hostname}, which the {@code Launcher} sets to 127.0.0.1 in every Java server, so the
 * stub points where the agent listens.
 */
final class ChildAgent {
    private static final Logger LOG = LogManager.getLogger(ChildAgent.class);
    static final String USER = "supervisor";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String FILES = ".jmxremote.";
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * All that the agent may deserialise from a client: what the supervisor's one call is made of
     * ({@code getAttribute(ObjectName, String)}). The password is the first guard; this keeps a leaked one from
     * reaching any gadget in the server's class path.
     */
    static final String SERIAL_FILTER = "maxdepth=5;maxrefs=100;maxarray=1000;java.lang.String;javax.management.ObjectName;!*";

    private final long pid;
    private final int port;
    private final String password;
    private final Path passwordFile;
    private final Path accessFile;
    private final Path configFile;

    private ChildAgent(long pid, int port, String password, Path dir, String id) {
        this.pid = pid;
        this.port = port;
        this.password = password;
        this.passwordFile = dir.resolve(id + "." + pid + FILES + "password");
        this.accessFile = dir.resolve(id + "." + pid + FILES + "access");
        this.configFile = dir.resolve(id + "." + pid + FILES + "properties");
    }

    /**
     * Attaches to {@code pid} and starts its agent. Throws when it cannot (the files, the attach, the port taken
     * meanwhile, an agent already running there); nothing is left behind then.
     */
    static ChildAgent start(long pid, Path dir, String id) throws Exception {
        ChildAgent agent = new ChildAgent(pid, freeLoopbackPort(), newPassword(), dir, id);
        try {
            agent.writeFiles();
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                vm.startManagementAgent(agent.properties());
            } finally {
                vm.detach();
            }
            LOG.debug("{}: JMX agent of pid {} on {}:{}", id, pid, LOOPBACK, agent.port);
            return agent;
        } catch (Exception | LinkageError e) {
            agent.removeFiles();
            throw e;
        }
    }

    long pid() {
        return pid;
    }

    int port() {
        return port;
    }

    /**
     * A new connection to the agent, with the account's credentials. Without the RMI connector's heartbeat: that
     * is a thread per server, forever, to notice a lost connection that the next read notices anyway (and
     * {@link HeapGauge} then connects again).
     */
    JMXConnector connect() throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + LOOPBACK + ":" + port + "/jmxrmi");
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {USER, password},
                "jmx.remote.x.client.connection.check.period", 0L));
    }

    /** The process has ended (or the supervisor is closing): its agent's credential files go. */
    void removeFiles() {
        delete(passwordFile);
        delete(accessFile);
        delete(configFile);
    }

    /** Credential files of server {@code id} that a killed supervisor left behind; no live agent of ours uses them. */
    static void removeLeftovers(Path dir, String id) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, id + ".*" + FILES + "*")) {
            files.forEach(ChildAgent::delete);
        } catch (IOException e) {
            LOG.warn("{}: cannot list {} for old JMX credential files: {}", id, dir, e.toString());
        }
    }

    /** The JDK agent's properties (named as in ConnectorBootstrap), for ManagementAgent.start. */
    private Properties properties() {
        Properties props = new Properties();
        props.setProperty("com.sun.management.jmxremote.host", LOOPBACK);
        props.setProperty("com.sun.management.jmxremote.port", Integer.toString(port));
        props.setProperty("com.sun.management.jmxremote.rmi.port", Integer.toString(port));
        props.setProperty("com.sun.management.jmxremote.ssl", "false");
        props.setProperty("com.sun.management.jmxremote.registry.ssl", "false");
        props.setProperty("com.sun.management.jmxremote.authenticate", "true");
        props.setProperty("com.sun.management.jmxremote.password.file", passwordFile.toString());
        props.setProperty("com.sun.management.jmxremote.access.file", accessFile.toString());
        props.setProperty("com.sun.management.jmxremote.autodiscovery", "false");
        // The filter is not among ManagementAgent.start's options; the agent reads it from its config file.
        props.setProperty("com.sun.management.config.file", configFile.toString());
        return props;
    }

    private void writeFiles() throws IOException {
        if (passwordFile.toString().contains(",")) {
            // the agent splits its options at commas: such a path would arrive cut short
            throw new IOException("the JDK's JMX agent cannot take a path with a comma: " + passwordFile.getParent());
        }
        Files.createDirectories(passwordFile.getParent());
        writeOwnerOnly(passwordFile, "# the supervisor's account on this server's JMX agent; removed when it ends\n"
                + USER + " " + password + "\n");
        writeOwnerOnly(accessFile, USER + " readonly\n");
        // Scoped to this agent's connector, unlike jdk.serialFilter, which would also bind the server's own code.
        writeOwnerOnly(configFile, "com.sun.management.jmxremote.serial.filter.pattern=" + SERIAL_FILTER + "\n");
        handToTheChildsUser();
    }

    /**
     * The agent runs in the child and reads these files as the child's user: a root supervisor that runs the
     * child as another account gives the three files (still 0600) to that account, and to no one else.
     */
    private void handToTheChildsUser() throws IOException {
        boolean root = ProcFs.ids(ProcessHandle.current().pid()).map(ids -> ids.uid() == 0).orElse(false);
        Optional<ProcFs.Ids> child = ProcFs.ids(pid);
        if (!root || child.isEmpty() || child.get().uid() == 0) {
            return;
        }
        for (Path file : List.of(passwordFile, accessFile, configFile)) {
            Files.setAttribute(file, "unix:uid", (int) child.get().uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(file, "unix:gid", (int) child.get().gid(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Created with mode 0600 before a byte is written: the password is never readable by anyone else. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, text);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", file, e.toString());
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
