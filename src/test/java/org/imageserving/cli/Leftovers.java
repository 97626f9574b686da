package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a test leaves behind: every process whose command line names its instance directory, and their
 * descendants. Tests assert that there are none, after ending any they find (so one failure does not leak into
 * the next test).
 */
final class Leftovers {
    private Leftovers() {}

    static List<ProcessHandle> of(Path base) {
        String marker = base.toString();
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(p -> {
                    found.add(p);
                    p.descendants().forEach(found::add);
                });
        return found;
    }

    /** Kills whatever is left, then fails if anything was: the test should have stopped it. */
    static void assertNone(Path base) throws InterruptedException {
        List<ProcessHandle> left = of(base);
        List<String> described = left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        for (ProcessHandle p : left) {
            p.destroyForcibly();
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        for (ProcessHandle p : left) {
            while (p.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
        }
        assertEquals(List.of(), described, "processes left behind");
    }

    /** Waits (with a deadline) until each process has ended; returns those still alive. */
    static List<ProcessHandle> awaitGone(List<ProcessHandle> processes, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline) && processes.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(50);
        }
        return processes.stream().filter(ProcessHandle::isAlive).toList();
    }
}
