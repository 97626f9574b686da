package org.imageserving.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imageserving.jmx.ServerMXBean;
import org.imageserving.process.ServerState;
import org.imageserving.testing.Await;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Image Server restarted under a client's load, by the operator (its MBean's restart()) and by a crash
 * ({@code kill -9} of the pid its MBean names), through the real supervisor: clients see 200 or 503 with
 * Retry-After and nothing else, ps recovers by itself, and only is gets a new process.
 */
class ImageServerRestartIT extends StockStackTestCase {
    /** From the end of the restart (or the kill) to ps's next 200 for a fresh render. */
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    private static final int EXIT_ON_SIGKILL = 128 + 9;

    private StateChanges changes;

    @BeforeAll
    void listen() throws Exception {
        changes = StateChanges.listen(stack, "is");
    }

    @Test
    void restartThroughTheMBeanKeepsClientsAnswered() throws Exception {
        ServerMXBean is = stack.server("is");
        Pids before = Pids.read(stack);
        int changesBefore = changes.count();
        List<ClientLoop.Answer> answers;
        try (ClientLoop client = ClientLoop.start(stack.ps())) {
            client.awaitOkSentAfter(System.nanoTime(), RECOVERY, "renders before the restart");
            assertEquals(ServerState.RUNNING, is.restart(), is.getLastError());
            long restarted = System.nanoTime();
            client.awaitOkSentAfter(restarted, RECOVERY, "ps to serve again after the restart of is");
            answers = client.answers();
        }
        assertOnly200Or503WithRetryAfter(answers);
        Pids after = Pids.read(stack);
        assertNotEquals(before.is(), after.is(), "is runs in a new process");
        assertFalse(ProcessHandle.of(before.is()).map(ProcessHandle::isAlive).orElse(false), "the old is process is gone");
        assertEquals(before.ps(), after.ps(), "ps untouched");
        assertEquals(before.svg(), after.svg(), "svg untouched");
        assertEquals(ServerState.RUNNING, stack.server("ps").getState());
        assertEquals(0, stack.server("ps").getRestartCount(), "ps was never restarted");
        List<String> seen = changes.awaitBackTo("RUNNING", changesBefore, RECOVERY);
        assertEquals(List.of("RUNNING -> STOPPING", "STOPPING -> STOPPED", "STOPPED -> STARTING", "STARTING -> RUNNING"),
                seen, "is's State as JMX notifications told");
    }

    @Test
    void killMinus9IsRestartedBySupervisorAlone() throws Exception {
        ServerMXBean is = stack.server("is");
        Pids before = Pids.read(stack);
        int restartsBefore = is.getRestartCount();
        int changesBefore = changes.count();
        List<ClientLoop.Answer> answers;
        long killed;
        try (ClientLoop client = ClientLoop.start(stack.ps())) {
            client.awaitOkSentAfter(System.nanoTime(), RECOVERY, "renders before the kill");
            kill9(before.is());
            killed = System.nanoTime();
            Await.until("is RUNNING in a new process", StockStack.START_DEADLINE,
                    () -> is.getState() == ServerState.RUNNING && is.getPid() > 0 && is.getPid() != before.is(),
                    () -> is.getState() + " pid " + is.getPid() + "; " + is.getLastError() + stack.diagnostics());
            client.awaitOkSentAfter(killed, RECOVERY, "ps to serve again after is was killed");
            answers = client.answers();
        }
        assertOnly200Or503WithRetryAfter(answers);
        assertTrue(is.getRestartCount() > restartsBefore, "RestartCount " + restartsBefore + " -> " + is.getRestartCount());
        assertEquals(EXIT_ON_SIGKILL, is.getLastExitCode(), "LastExitCode");
        long sinceKill = Duration.ofNanos(System.nanoTime() - killed).toMillis();
        assertTrue(is.getUptime() > 0 && is.getUptime() <= sinceKill, "Uptime " + is.getUptime()
                + " ms is the new process's (killed " + sinceKill + " ms ago)");
        Await.until("HeapUsed of the new is", StockStack.START_DEADLINE, () -> is.getHeapUsed() > 0,
                () -> "HeapUsed " + is.getHeapUsed());
        List<String> seen = changes.awaitBackTo("RUNNING", changesBefore, RECOVERY);
        assertEquals("RUNNING -> EXITED", seen.get(0), "the crash, as JMX notifications told: " + seen);
        assertEquals("STARTING -> RUNNING", seen.get(seen.size() - 1), "and the restart: " + seen);
        Pids after = Pids.read(stack);
        assertEquals(before.ps(), after.ps(), "ps untouched");
        assertEquals(before.svg(), after.svg(), "svg untouched");
        assertEquals(0, stack.server("ps").getRestartCount(), "ps was never restarted");
    }

    private static void kill9(long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS), "kill -9 ran");
        assertEquals(0, kill.exitValue(), "kill -9 " + pid);
    }

    private static void assertOnly200Or503WithRetryAfter(List<ClientLoop.Answer> answers) {
        String summary = ClientLoop.summary(answers);
        for (ClientLoop.Answer answer : answers) {
            assertTrue(answer.status() == 200 || answer.status() == 503, "only 200 and 503: " + summary);
            assertTrue(answer.status() != 503 || answer.retryAfter(), "503 without Retry-After: " + answer.detail());
        }
        System.out.println(summary);
    }

    /** The servers' pids, read from their MBeans. */
    private record Pids(long ps, long is, long svg) {
        static Pids read(StockStack stack) {
            return new Pids(stack.server("ps").getPid(), stack.server("is").getPid(), stack.server("svg").getPid());
        }
    }
}
