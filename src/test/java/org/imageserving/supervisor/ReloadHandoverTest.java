package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imageserving.config.ServerSpec;
import org.imageserving.process.ServerState;
import org.imageserving.testing.ConnectLoop;
import org.imageserving.testing.Ports;
import org.imageserving.testing.SupervisorTestCase;
import org.imageserving.testing.fixtures.Sleeper;
import org.junit.jupiter.api.Test;

/**
 * A reload that changes a RUNNING {@code <handover>} server hands it over to a process of the new spec: no refused
 * connection, RUNNING throughout, the new settings in the new process; a new spec that cannot start leaves the old
 * process serving with the old spec, and the reload says so.
 */
class ReloadHandoverTest extends SupervisorTestCase {
    private static final String SETTING = "RELOAD_HANDOVER_SETTING";

    @Test
    void aChangedHandoverServerIsHandedOverToTheNewSpecWithNoRefusedConnection() throws Exception {
        int port = Ports.free();
        ServerSpec before = shared(port).env(SETTING, "old").build();
        Supervisor supervisor = h.supervisor(before);
        ServerControl server = h.server("shared");
        assertEquals(ServerState.RUNNING, await(server.start()));
        long old = server.pid();

        ServerSpec after = shared(port).env(SETTING, "new").stopTimeout(Duration.ofSeconds(4)).build();
        ConnectLoop client = new ConnectLoop(port);
        Reloaded reloaded = client.during(() -> supervisor.reload(h.config(after)).get(90, TimeUnit.SECONDS));

        assertEquals(1, reloaded.lines().size(), reloaded.lines().toString());
        assertTrue(reloaded.lines().get(0).startsWith("changed shared: "), reloaded.lines().toString());
        // a changed variable is named, its values are not (the environment is where secrets live)
        assertTrue(reloaded.lines().get(0).contains("environment ~" + SETTING), reloaded.lines().toString());
        assertFalse(reloaded.lines().get(0).contains("=old") || reloaded.lines().get(0).contains("=new"), reloaded.lines().toString());
        assertEquals(0, client.refused(), "no connection refused (" + client.connected() + " made)");
        assertTrue(client.connected() > 0);
        long now = server.pid();
        assertNotEquals(old, now, "a new process serves");
        assertFalse(alive(old), "the old one is gone once reload answers");
        assertEquals(ServerState.RUNNING, server.state());
        assertEquals(List.of(ServerState.STARTING, ServerState.RUNNING),
                h.recorder().of("shared").stream().map(e -> e.to()).toList(), "RUNNING throughout the handover");
        assertEquals(-1, server.handoverPid());
        assertTrue(environment(now).contains(SETTING + "=new"), "the new process runs with the new setting");
        assertEquals(after, h.server("shared").spec(), "the server's spec is the new one");
        assertTrue(pidRecord("shared").contains("pid=" + now + "\n"), "the pid record names the new process");
        assertEquals(0, server.restartCount(), "a reload is not an automatic restart");

        Reloaded again = supervisor.reload(h.config(after)).get(60, TimeUnit.SECONDS);
        assertEquals(List.of(), again.lines(), "the new spec is the server's: nothing left to change");
        assertEquals(now, server.pid());

        // the new spec's parts own the process now: a stop reaps it and removes its record
        assertEquals(ServerState.STOPPED, await(server.stop()));
        assertFalse(alive(now));
        assertFalse(Files.exists(h.homes().run().resolve("servers").resolve("shared.pid")), "no record of a stopped server");
    }

    @Test
    void aNewSpecThatCannotStartLeavesTheOldProcessServingWithTheOldSpec() throws Exception {
        int port = Ports.free();
        ServerSpec before = shared(port).env(SETTING, "old").startTimeout(Duration.ofSeconds(30)).build();
        Supervisor supervisor = h.supervisor(before);
        ServerControl server = h.server("shared");
        assertEquals(ServerState.RUNNING, await(server.start()));
        long old = server.pid();

        // without --shared the new process has no SO_REUSEPORT: it cannot bind beside the old one and exits 1
        ServerSpec broken = h.java("shared", Sleeper.class, "--port", "" + port).tcp(port).handover()
                .env(SETTING, "new").startTimeout(Duration.ofSeconds(30)).build();
        ConnectLoop client = new ConnectLoop(port);
        Reloaded reloaded = client.during(() -> supervisor.reload(h.config(broken)).get(90, TimeUnit.SECONDS));

        String failure = reloaded.lines().stream().filter(l -> l.startsWith("failed shared: ")).findFirst()
                .orElseThrow(() -> new AssertionError("the reload reports no failure: " + reloaded.lines()));
        assertTrue(failure.contains("exited with code 1 before it was ready; pid " + old + " keeps serving"), failure);
        assertEquals(0, client.refused(), "no connection refused (" + client.connected() + " made)");
        assertEquals(old, server.pid(), "the old process serves on");
        assertEquals(ServerState.RUNNING, server.state());
        assertEquals(-1, server.handoverPid());
        assertEquals(before, server.spec(), "with its old settings");
        assertTrue(environment(old).contains(SETTING + "=old"));
        assertTrue(pidRecord("shared").contains("pid=" + old + "\n"), "the pid record still names the old process");
        new Socket(InetAddress.getLoopbackAddress(), port).close();     // and still answers
    }

    private org.imageserving.testing.TestServers.Builder shared(int port) {
        return h.java("shared", Sleeper.class, "--port", "" + port, "--shared", "yes").tcp(port).handover();
    }

    private static List<String> environment(long pid) throws IOException {
        String text = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8);
        return Arrays.asList(text.split("\0"));
    }

    private String pidRecord(String id) throws IOException {
        return Files.readString(h.homes().run().resolve("servers").resolve(id + ".pid"));
    }
}
