package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imageserving.proc.ProcFs;
import org.imageserving.process.ServerState;
import org.imageserving.testing.Await;
import org.imageserving.testing.Ports;
import org.imageserving.testing.SupervisorTestCase;
import org.imageserving.testing.fixtures.Forker;
import org.imageserving.testing.fixtures.Sleeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A root supervisor runs a server with a {@code <user>} as that account (CI runs as root and creates a system
 * account for this): the server's process and its children have the account's uid and gid, its JMX agent still
 * answers (its credential files are the account's, 0600), it has its writable directories, and a root-only file
 * such as conf/jmxremote.password is out of its reach. Skipped when not root (nothing to switch from).
 */
@EnabledOnOs(OS.LINUX)
class RunAsUserTest extends SupervisorTestCase {
    /** Not "imageserving": creating that one would change how every other stack on this machine runs. */
    private static final String USER = "isrvtest";
    private static boolean created;

    @BeforeAll
    static void account() throws Exception {
        assumeTrue(ProcFs.ids(ProcessHandle.current().pid()).map(ids -> ids.uid() == 0).orElse(false), "needs root");
        if (run("getent", "passwd", USER) != 0) {
            assertEquals(0, run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER));
            created = true;
        }
    }

    @AfterAll
    static void removeAccount() throws Exception {
        if (created) {
            run("userdel", USER);
        }
    }

    @Test
    void aRootSupervisorRunsTheServerAsItsUser() throws Exception {
        long uid = Long.parseLong(output("id", "-u", USER));
        long gid = Long.parseLong(output("id", "-g", USER));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path password = base.resolve("conf/jmxremote.password");
        Files.createDirectories(password.getParent());
        Files.writeString(password, "admin secret\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        int port = Ports.free();
        h.supervisor(h.java("jvm", Sleeper.class, "--port", "" + port).tcp(port).build().runAs(USER, null),
                h.java("tree", Forker.class).build().runAs(USER, null));
        assertEquals(ServerState.RUNNING, await(h.server("jvm").start()));
        assertEquals(ServerState.RUNNING, await(h.server("tree").start()));

        for (String id : List.of("jvm", "tree")) {
            long pid = h.server(id).pid();
            assertEquals(new ProcFs.Ids(uid, gid), ProcFs.ids(pid).orElseThrow(), id + " runs as " + USER);
            assertTrue(statusLine(pid, "Uid:").matches("Uid:\\s+" + uid + "\\s+" + uid + "\\s+" + uid + "\\s+" + uid),
                    "real, effective, saved and file-system uid: " + statusLine(pid, "Uid:"));
            ProcessHandle.of(pid).orElseThrow().descendants().forEach(child ->
                    assertEquals(uid, ProcFs.ids(child.pid()).orElseThrow().uid(), id + "'s child too"));
        }
        assertEquals(MemoryReading.Kind.HEAP, h.server("jvm").memory().kind(),
                "the agent in the child reads its credentials as the child's user: " + h.server("jvm").memory());
        Path agentFile = base.resolve("run/servers/jvm." + h.server("jvm").pid() + ".jmxremote.password");
        assertEquals(uid, ((Number) Files.getAttribute(agentFile, "unix:uid")).longValue());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(agentFile)));

        assertEquals(uid, ((Number) Files.getAttribute(base.resolve("cache"), "unix:uid")).longValue());
        assertEquals(uid, ((Number) Files.getAttribute(base.resolve("temp"), "unix:uid")).longValue());
        assertEquals(0, asUser(uid, gid, "sh", "-c", "touch '" + base.resolve("logs/access.log") + "'"),
                "the server's user can add its log to logs/");
        Path rootLog = Files.writeString(base.resolve("logs/supervisor.log"), "root's\n");
        assertNotEquals(0, asUser(uid, gid, "rm", "-f", rootLog.toString()), "but not remove root's (sticky)");
        assertTrue(Files.exists(rootLog));
        assertNotEquals(0, asUser(uid, gid, "cat", password.toString()), "nor read the admin password");

        assertEquals(ServerState.STOPPED, await(h.server("jvm").stop()));
        assertEquals(ServerState.STOPPED, await(h.server("tree").stop()));
    }

    /** Runs a command as that account (setpriv, as the supervisor does), answers its exit code. */
    private static int asUser(long uid, long gid, String... command) throws Exception {
        List<String> words = new java.util.ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                "--init-groups", "--"));
        words.addAll(List.of(command));
        return run(words.toArray(String[]::new));
    }

    private static String statusLine(long pid, String key) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith(key))
                .findFirst().orElse("");
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return p.exitValue();
    }

    private static String output(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
