package org.imageserving.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imageserving.process.ServerState;
import org.junit.jupiter.api.Test;

/**
 * {@code ImageServing reload} against the real stack: the difference printed and applied, unchanged servers keep
 * their pids, and a file that does not validate changes nothing (one line, exit 2).
 */
class ReloadIT extends StockStackTestCase {
    /** One run of bin/ImageServing on the stack's base. */
    private record Run(int code, String out, String err) {}

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
    }

    private List<Long> pids() {
        return List.of(stack.server("ps").getPid(), stack.server("is").getPid(), stack.server("svg").getPid());
    }

    private Run imageServing(String... args) throws IOException, InterruptedException {
        Path home = Path.of("").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/ImageServing").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(stack.base(), "cli-", ".out");
        Path err = Files.createTempFile(stack.base(), "cli-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("IMAGESERVING_HOME", home.toString());
        builder.environment().put("IMAGESERVING_BASE", stack.base().toString());
        builder.environment().put("LANG", "C.UTF-8");
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ImageServing " + String.join(" ", args) + " did not end");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
