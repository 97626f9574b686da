package org.imageserving.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.imageserving.proc.ProcFs;
import org.imageserving.process.ProcessTree;

/**
 * The leftover-process checker every integration test ends with. A process is left over when it is a
 * descendant of this test JVM that was not there at the start of the test, or when anything on the machine
 * carries the test's marker in its command line or environment (so re-parented grandchildren and processes of
 * a killed child supervisor are caught too). Zombies do not count: they are gone, only not yet reaped.
 */
public final class Leftovers {
    /** Environment variable that carries the marker into every server and, by inheritance, its descendants. */
    public static final String MARKER_ENV = "IMAGESERVING_TEST_MARKER";

    private final String marker;
    private final Set<ProcessHandle> before;

    private Leftovers(String marker) {
        this.marker = marker;
        this.before = ProcessHandle.current().descendants().collect(Collectors.toSet());
    }

    /** Takes the "before" snapshot of this JVM's descendants. */
    public static Leftovers begin(String marker) {
        return new Leftovers(marker);
    }

    public String marker() {
        return marker;
    }

    /** The offenders now. */
    public List<ProcessHandle> find() {
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.current().descendants()
                .filter(ProcessTree::isAlive)
                .filter(h -> !before.contains(h))
                .forEach(found::add);
        found.addAll(marked(marker));
        return found.stream().distinct().filter(ProcessTree::isAlive).toList();
    }

    /** Live processes whose command line or environment holds {@code marker} (this JVM excluded). */
    public static List<ProcessHandle> marked(String marker) {
        List<ProcessHandle> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        for (long pid : ProcFs.pids()) {
            if (pid == self) {
                continue;
            }
            if (ProcFs.commandLine(pid).contains(marker) || ProcFs.environment(pid).contains(marker)) {
                ProcessHandle.of(pid).filter(ProcessTree::isAlive).ifPresent(found::add);
            }
        }
        return found;
    }

    /** Waits until nothing is left; otherwise kills the offenders (so later tests start clean) and fails. */
    public void assertNone(Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        List<ProcessHandle> left = find();
        while (!left.isEmpty() && System.nanoTime() - until < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = find();
        }
        if (!left.isEmpty()) {
            List<String> described = left.stream().map(ProcessTree::describe).toList();
            left.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError("processes left over after the test: " + described);
        }
    }
}
