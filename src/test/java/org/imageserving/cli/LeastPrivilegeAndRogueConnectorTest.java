package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.imageserving.testing.OtherUser;
import org.imageserving.testing.Ports;
import org.imageserving.testing.RoguePrograms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} logs in with the readonly account; and the CLI sends no password to a connector it did not
 * expect: a registry another local user put on the port, or a stub that points elsewhere.
 */
class LeastPrivilegeAndRogueConnectorTest {
    private static final String PASSWORD = "rogue-must-never-see-this";

    @TempDir
    Path base;

    private SupervisorProcess supervisor;

    @AfterEach
    void stopSupervisor() throws Exception {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    @Test
    void statusNeedsOnlyTheReadonlyAccount() throws Exception {
        supervisor = SupervisorProcess.start(base);
        Path passwords = base.resolve("conf/jmxremote.password");
        String monitorLine = Files.readAllLines(passwords).stream().filter(l -> l.startsWith("monitor ")).findFirst().orElseThrow();
        Files.writeString(passwords, monitorLine + "\n"); // the admin password kept elsewhere

        Cli.Result status = new Cli(base, base).run("status");
        assertEquals(0, status.code(), status.toString());
        Cli.Result restart = new Cli(base, base).run("restart", "svg");
        assertEquals(4, restart.code(), "acting needs the admin password: " + restart);
    }

    @Test
    void resolvesTheReadonlyUserForReadsAndTheReadwriteOneForActions() throws Exception {
        Files.createDirectories(base.resolve("conf"));
        Files.writeString(base.resolve("conf/jmxremote.access"), "admin readwrite\nmonitor readonly\n");
        Files.writeString(base.resolve("conf/jmxremote.password"), "admin a\nmonitor m\n");
        Files.createDirectories(base.resolve("run"));
        Files.writeString(base.resolve("run/jmx.url"), JmxTarget.urlForPort(19910));
        Cli cli = new Cli(base, base);
        CliContext ctx = cli.context();
        assertEquals("monitor", JmxTarget.resolveForReading(ConnectionOptions.NONE, ctx).user());
        assertEquals("admin", JmxTarget.resolve(ConnectionOptions.NONE, ctx).user());
    }

    @Test
    void aRegistryOfAnotherLocalUserNeverReceivesThePassword() throws Exception {
        Assumptions.assumeTrue(OtherUser.available(), "needs root to run a program as nobody");
        int port = Ports.free();
        try (OtherUser rogue = OtherUser.run(true, "RogueRegistry", RoguePrograms.REGISTRY, Integer.toString(port))) {
            assertTrue(rogue.awaitLine("ready", 120).contains("ready"), rogue.output());
            IOException refused = assertThrows(IOException.class, () -> SupervisorClient.connect(target(port)).close());
            assertTrue(refused.getMessage().contains("served by uid 65534"), refused.getMessage());
            assertFalse(rogue.output().contains("GOT"), rogue.output());
            assertFalse(rogue.output().contains(PASSWORD), rogue.output());
        }
    }

    @Test
    void aStubPointingAwayFromTheRegistryPortNeverReceivesThePassword() throws Exception {
        int port = Ports.free();
        int elsewhere = Ports.free();
        try (OtherUser rogue = OtherUser.run(false, "RogueRegistry", RoguePrograms.REGISTRY, Integer.toString(port),
                Integer.toString(elsewhere))) {
            assertTrue(rogue.awaitLine("ready", 120).contains("ready"), rogue.output());
            IOException refused = assertThrows(IOException.class, () -> SupervisorClient.connect(target(port)).close());
            assertTrue(refused.getMessage().contains("points to a connector at [127.0.0.1:" + elsewhere + "]"),
                    refused.getMessage());
            assertFalse(rogue.output().contains("GOT"), rogue.output());
        }
    }

    private JmxTarget target(int port) throws IOException {
        Path passwordFile = base.resolve("jmxremote.password");
        if (!Files.exists(passwordFile)) {
            Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, "admin " + PASSWORD + "\n");
        }
        return new JmxTarget(JmxTarget.urlForPort(port), "admin", PASSWORD, true, passwordFile);
    }
}
