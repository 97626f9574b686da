package org.imageserving.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.imageserving.jmx.ServerMXBean;
import org.imageserving.process.ServerState;
import org.junit.jupiter.api.Test;

/**
 * Ten operator restarts of each stock server in a row, through the real supervisor, while a client keeps eight
 * requests in flight: every answer is 200 (no refused or reset connection, no 503). ps is handed over to a new
 * process on the same port (SO_REUSEPORT); is and svg restarts are held out by ps ({@code isConnection.hold}).
 */
class ZeroDowntimeRestartIT extends StockStackTestCase {
    private static final int RESTARTS = 10;
    private static final int CONCURRENCY = 8;
    private static final Duration WARM_UP = Duration.ofSeconds(90);

    @Test
    void tenRestartsOfPsUnderLoadAnswerOnly200() throws Exception {
        restartUnderLoad("ps");
    }

    @Test
    void tenRestartsOfIsUnderLoadAnswerOnly200() throws Exception {
        restartUnderLoad("is");
    }

    @Test
    void tenRestartsOfSvgUnderLoadAnswerOnly200() throws Exception {
        restartUnderLoad("svg");
    }

    @Test
    void aNewPsThatCannotStartLeavesTheOldOneServing() throws Exception {
        ServerMXBean ps = stack.server("ps");
        long before = ps.getPid();
        Path conf = stack.base().resolve("conf/PlatformServer.conf");
        String good = Files.readString(conf);
        List<ClientLoop.Answer> answers;
        try (ClientLoop client = ClientLoop.start(stack.ps(), CONCURRENCY, false)) {
            client.awaitOkSentAfter(System.nanoTime(), WARM_UP, "renders before the restart");
            Files.writeString(conf, good + "\nerrorStatus=bogus\n");      // the new ps exits 2 at start
            try {
                IllegalStateException failed = assertThrows(IllegalStateException.class, ps::restart);
                assertTrue(failed.getMessage().contains("exited with code 2 before it was ready"), failed.getMessage());
                assertTrue(failed.getMessage().contains("pid " + before + " keeps serving"), failed.getMessage());
            } finally {
                Files.writeString(conf, good);
            }
            assertEquals(before, ps.getPid(), "the old ps serves on");
            assertEquals(-1, ps.getHandoverPid(), "no second process left");
            assertEquals(ServerState.RUNNING, ps.getState());
            assertTrue(ps.getLastError().startsWith("restart failed: "), ps.getLastError());
            long after = System.nanoTime();
            client.awaitOkSentAfter(after, WARM_UP, "the old ps answering after the failed restart");
            answers = client.answers();
        }
        assertOnly200(answers);
        assertEquals(0, ps.getRestartCount());
    }

    private void restartUnderLoad(String id) throws Exception {
        ServerMXBean server = stack.server(id);
        long[] others = pidsOfOthers(id);
        int restartsBefore = server.getRestartCount();
        List<ClientLoop.Answer> answers;
        try (ClientLoop client = ClientLoop.start(stack.ps(), CONCURRENCY, true)) {
            client.awaitOkSentAfter(System.nanoTime(), WARM_UP, "renders before the restarts");
            for (int i = 0; i < RESTARTS; i++) {
                long old = server.getPid();
                assertEquals(ServerState.RUNNING, server.restart(), id + " restart " + (i + 1) + ": " + server.getLastError());
                long now = server.getPid();
                assertNotEquals(old, now, id + " runs in a new process after restart " + (i + 1));
                assertFalse(ProcessHandle.of(old).map(ProcessHandle::isAlive).orElse(false), "the old " + id + " is gone");
                assertEquals(-1, server.getHandoverPid(), "no second process once the restart has answered");
            }
            client.awaitOkSentAfter(System.nanoTime(), WARM_UP, "renders after the restarts");
            answers = client.answers();
        }
        assertOnly200(answers);
        assertEquals(restartsBefore, server.getRestartCount(), "an operator's restarts are not counted");
        assertEquals(ServerState.RUNNING, server.getState());
        long[] othersAfter = pidsOfOthers(id);
        assertEquals(others[0], othersAfter[0], "the other servers untouched");
        assertEquals(others[1], othersAfter[1], "the other servers untouched");
    }

    private long[] pidsOfOthers(String id) {
        return List.of("ps", "is", "svg").stream().filter(s -> !s.equals(id)).mapToLong(s -> stack.server(s).getPid()).toArray();
    }

    private static void assertOnly200(List<ClientLoop.Answer> answers) {
        String summary = ClientLoop.summary(answers);
        System.out.println(answers.size() + " answers: " + summary);
        assertTrue(answers.size() > 0, "the client was answered at all");
        assertTrue(answers.stream().allMatch(a -> a.status() == 200), "only 200: " + summary);
    }
}
