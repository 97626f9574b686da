package org.imageserving.e2e;

import org.imageserving.e2e.ControlScript.Run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.imageserving.process.ServerState;
import org.imageserving.testing.ConnectLoop;
import org.junit.jupiter.api.Test;

/**
 * {@code ImageServing reload} against the real stack: the difference printed and applied, unchanged servers keep
 * their pids, a file that does not validate changes nothing (one line, exit 2), a changed ps is handed over with no
 * refused connection, and a ps change that cannot start leaves the serving ps as it was (exit 1).
 */
class ReloadIT extends StockStackTestCase {
    /** One run of bin/ImageServing on the stack's base. */
    @Test
    void reloadAppliesOnlyTheDifferenceAndABadFileChangesNothing() throws Exception {
        Path registry = stack.base().resolve("conf/SupervisorRegistry.xml");
        String shipped = Files.readString(registry);
        long ps = stack.server("ps").getPid();
        long is = stack.server("is").getPid();
        long svg = stack.server("svg").getPid();

        Run same = imageServing("reload");
        assertEquals(0, same.code(), same.toString());
        assertEquals("no change", same.out().strip());

        Files.writeString(registry, shipped.replace("<heap>200m</heap>", "<heap>200m</heap>\n    <stopTimeout>-5</stopTimeout>"));
        Run bad = imageServing("reload");
        assertEquals(2, bad.code(), bad.toString());
        assertEquals(1, bad.err().strip().lines().count(), "one line: " + bad);
        assertTrue(bad.err().contains("stopTimeout [-5]"), bad.toString());
        assertEquals(List.of(ps, is, svg), pids(), "a bad file changes nothing");

        String extra = "  <server id=\"extra\">\n    <command>sleep</command>\n    <arguments><argument>600</argument></arguments>\n"
                + "  </server>\n\n</config>";
        Files.writeString(registry, shipped.replace("<heap>200m</heap>", "<heap>256m</heap>").replace("</config>", extra));
        Run changed = imageServing("reload");
        assertEquals(0, changed.code(), changed.toString());
        assertEquals(List.of("changed svg: heap 200m -> 256m", "added extra"), changed.out().strip().lines().toList());
        assertEquals(ps, stack.server("ps").getPid(), "ps untouched");
        assertEquals(is, stack.server("is").getPid(), "is untouched");
        assertNotEquals(svg, stack.server("svg").getPid(), "svg restarted with its new heap");
        assertEquals(ServerState.RUNNING, stack.server("svg").getState());
        assertEquals(ServerState.RUNNING, stack.server("extra").getState(), "the added server has its MBean and runs");
        long extraPid = stack.server("extra").getPid();

        Files.writeString(registry, shipped.replace("<heap>200m</heap>", "<heap>256m</heap>"));
        Run removed = imageServing("reload");
        assertEquals(0, removed.code(), removed.toString());
        assertEquals("removed extra", removed.out().strip());
        assertTrue(!ProcessHandle.of(extraPid).map(ProcessHandle::isAlive).orElse(false), "extra's process is gone");
        Run status = imageServing("status", "extra");
        assertNotEquals(0, status.code(), "extra is no longer known: " + status);
        assertEquals(ps, stack.server("ps").getPid(), "ps untouched throughout");

        // a changed ps (<handover>true) is handed over to a process of its new settings: no refused connection
        String current = Files.readString(registry);
        int psAt = current.indexOf("<server id=\"ps\">");
        String psBlock = current.substring(psAt);
        String psHeap = current.substring(0, psAt) + psBlock.replaceFirst("<heap>256m</heap>", "<heap>320m</heap>");
        Files.writeString(registry, psHeap);
        ConnectLoop client = new ConnectLoop(stack.ports().ps());
        Run handedOver = client.during(() -> imageServing("reload"));
        assertEquals(0, handedOver.code(), handedOver.toString());
        assertEquals("changed ps: heap 256m -> 320m", handedOver.out().strip());
        assertEquals(0, client.refused(), "no connection refused during the reload (" + client.connected() + " made)");
        long newPs = stack.server("ps").getPid();
        assertNotEquals(ps, newPs, "ps runs in a new process");
        assertTrue(!ProcessHandle.of(ps).map(ProcessHandle::isAlive).orElse(false), "the old ps is gone");
        assertEquals(ServerState.RUNNING, stack.server("ps").getState());
        assertEquals(is, stack.server("is").getPid(), "is untouched");
        String log = Files.readString(stack.base().resolve("logs/supervisor.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("ps: handover (reload with new settings): pid " + newPs + " started beside pid " + ps),
                "the supervisor log names both pids");

        // a new ps that cannot start (a JVM option no JVM knows) leaves the serving one as it was: exit 1
        int newAt = psHeap.indexOf("<server id=\"ps\">");
        Files.writeString(registry, psHeap.substring(0, newAt) + psHeap.substring(newAt).replaceFirst(
                "</jvmArguments>", "<argument>-XX:+NoSuchReloadOption</argument></jvmArguments>"));
        ConnectLoop again = new ConnectLoop(stack.ports().ps());
        Run failed = again.during(() -> imageServing("reload"));
        assertEquals(1, failed.code(), failed.toString());
        assertTrue(failed.out().lines().anyMatch(l -> l.startsWith("failed ps: ") && l.contains("pid " + newPs + " keeps serving")),
                failed.toString());
        assertEquals(0, again.refused(), "no connection refused during the failed reload");
        assertEquals(newPs, stack.server("ps").getPid(), "the serving ps serves on");
        assertEquals(ServerState.RUNNING, stack.server("ps").getState());
    }

    private List<Long> pids() {
        return List.of(stack.server("ps").getPid(), stack.server("is").getPid(), stack.server("svg").getPid());
    }

    private Run imageServing(String... args) throws IOException, InterruptedException {
        return ControlScript.run(stack.base(), args);
    }
}
