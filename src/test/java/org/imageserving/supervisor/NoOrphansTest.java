package org.imageserving.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.imageserving.process.PidRecords;
import org.imageserving.process.ProcessTree;
import org.imageserving.process.ServerToken;
import org.imageserving.testing.Await;
import org.imageserving.testing.Leftovers;
import org.imageserving.testing.SupervisorMain;
import org.imageserving.testing.TestLogging;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL the supervisor: its servers die through the parent-death signal, their children through the
 * guardian, within a few seconds. Each mechanism is tested alone where it can be.
 */
@EnabledOnOs(OS.LINUX)
class NoOrphansTest {
    /** "A few seconds", with room for a loaded CI box. */
    static final Duration FEW_SECONDS = Duration.ofSeconds(10);

    @TempDir
    Path base;

    @Test
    void killingTheSupervisorTakesEveryServerAndGrandchildWithIt() throws Exception {
        assertKillLeavesNothing("");
    }

    @Test
    void withoutTheParentDeathSignalTheGuardianAloneCleansUp() throws Exception {
        assertKillLeavesNothing("guardian-only");
    }

    /**
     * The guardian kills by proof, not by number: a record rewritten to name an unrelated process group (its
     * pid and group id, as after a reuse) and a record of a token nobody carries leave the stranger alive, while
     * every server, found by its token, still goes.
     */
    @Test
    void theGuardianSparesAnUnrelatedProcessThatReusedARecordedNumber() throws Exception {
        Process stranger = new ProcessBuilder("setsid", "sh", "-c", "sleep 600 & wait").start();
        try {
            Await.until("the stranger's child", () -> stranger.toHandle().children().findAny().isPresent());
            long child = stranger.toHandle().children().findFirst().orElseThrow().pid();
            assertKillLeavesNothing("guardian-only", () -> {
                PidRecords records = new PidRecords(base.resolve("run/servers"));
                PidRecords.Entry real = records.readAll().stream().filter(e -> e.id().equals("forker-a")).findFirst()
                        .orElseThrow();
                records.write(new PidRecords.Entry(real.id(), stranger.pid(), stranger.pid(), real.start(), real.token()));
                records.write(new PidRecords.Entry("reused", stranger.pid(), stranger.pid(), null, ServerToken.create()));
            });
            assertTrue(ProcessTree.isAlive(stranger.toHandle()), "the stranger survives the guardian");
            assertTrue(ProcessHandle.of(child).map(ProcessTree::isAlive).orElse(false), "and so does its group");
        } finally {
            stranger.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            stranger.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void assertKillLeavesNothing(String mode) throws Exception {
        assertKillLeavesNothing(mode, () -> { });
    }

    interface BeforeKill {
        void run() throws Exception;
    }

    private void assertKillLeavesNothing(String mode, BeforeKill beforeKill) throws Exception {
        TestLogging.useTestConfig();
        String marker = "imageserving-kill-" + java.util.UUID.randomUUID();
        Leftovers leftovers = Leftovers.begin(marker);
        Process supervisor = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + TestLogging.config(),
                "-Dimageserving.logs=" + base.resolve("logs"),
                "-cp", System.getProperty("java.class.path"), SupervisorMain.class.getName(),
                base.toString(), marker, mode)
                .redirectErrorStream(true).start();
        try {
            String running = readRunningLine(supervisor);
            assertTrue(running.startsWith("RUNNING"), running);
            // 2 forker JVMs + 2 sleeps, 1 shell + 2 sleeps; plus the guardian in the tree. RUNNING comes after
            // 300 ms up: on a loaded machine a grandchild may still be on its way
            Await.until("servers and grandchildren", FEW_SECONDS, () -> marked(marker, supervisor).size() >= 7,
                    () -> describe(marked(marker, supervisor)));
            List<ProcessHandle> tree = ProcessHandle.of(supervisor.pid()).orElseThrow().descendants().toList();
            List<ProcessHandle> marked = marked(marker, supervisor);
            assertTrue(tree.size() >= marked.size() + 1, "the guardian too: " + describe(tree));

            beforeKill.run();
            long killed = System.nanoTime();
            supervisor.destroyForcibly();   // SIGKILL: no shutdown hook, no close()
            supervisor.waitFor(30, TimeUnit.SECONDS);
            List<ProcessHandle> all = new ArrayList<>(tree);
            all.addAll(marked);
            Await.until("every server, grandchild and the guardian to go", FEW_SECONDS,
                    () -> all.stream().noneMatch(ProcessTree::isAlive),
                    () -> describe(all.stream().filter(ProcessTree::isAlive).toList()));
            long tookMillis = (System.nanoTime() - killed) / 1_000_000;
            System.out.println("after SIGKILL of the supervisor (" + (mode.isEmpty() ? "full" : mode)
                    + "), everything was gone in " + tookMillis + " ms");
        } finally {
            supervisor.destroyForcibly();
            leftovers.assertNone(Duration.ofSeconds(20));
        }
    }

    private static List<ProcessHandle> marked(String marker, Process supervisor) {
        return Leftovers.marked(marker).stream().filter(p -> p.pid() != supervisor.pid()).toList();
    }

    private static String readRunningLine(Process supervisor) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(supervisor.getInputStream()));
                StringBuilder seen = new StringBuilder();
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    if (l.startsWith("RUNNING")) {
                        return l;
                    }
                    seen.append(l).append('\n');
                }
                return "supervisor ended without RUNNING:\n" + seen;
            } catch (Exception e) {
                return e.toString();
            }
        });
        return line.get(120, TimeUnit.SECONDS);
    }

    static String describe(List<ProcessHandle> handles) {
        return handles.stream().map(ProcessTree::describe).toList().toString();
    }
}
