package org.imageserving.process;

import static org.imageserving.process.ServerState.BACKOFF;
import static org.imageserving.process.ServerState.EXITED;
import static org.imageserving.process.ServerState.FATAL;
import static org.imageserving.process.ServerState.RUNNING;
import static org.imageserving.process.ServerState.STARTING;
import static org.imageserving.process.ServerState.STOPPED;
import static org.imageserving.process.ServerState.STOPPING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.imageserving.process.Transitions.Transition;
import org.junit.jupiter.api.Test;

class TransitionsTest {
    @Test
    void theTableAsDocumented() {
        assertEquals(EnumSet.of(STARTING), Transitions.from(STOPPED));
        assertEquals(EnumSet.of(RUNNING, BACKOFF, FATAL, STOPPING), Transitions.from(STARTING));
        assertEquals(EnumSet.of(EXITED, STOPPING), Transitions.from(RUNNING));
        assertEquals(EnumSet.of(STARTING, BACKOFF, FATAL, STOPPED), Transitions.from(EXITED));
        assertEquals(EnumSet.of(STARTING, STOPPED), Transitions.from(BACKOFF));
        assertEquals(EnumSet.of(STOPPED), Transitions.from(STOPPING));
        assertEquals(EnumSet.of(STARTING, STOPPED), Transitions.from(FATAL));
    }

    @Test
    void onlyAnOperatorsStartLeavesFatalForALiveState() {
        assertFalse(Transitions.allowed(FATAL, RUNNING));
        assertFalse(Transitions.allowed(FATAL, BACKOFF));
        assertTrue(Transitions.allowed(FATAL, STARTING));
    }

    @Test
    void noStateGoesToItself() {
        for (ServerState s : ServerState.values()) {
            assertFalse(Transitions.allowed(s, s), s.name());
        }
    }

    @Test
    void everyStateIsReachableAndEveryStateCanReachStopped() {
        EnumSet<ServerState> reached = EnumSet.of(STOPPED);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ServerState s : EnumSet.copyOf(reached)) {
                grew |= reached.addAll(Transitions.from(s));
            }
        }
        assertEquals(EnumSet.allOf(ServerState.class), reached);
        for (ServerState s : ServerState.values()) {
            assertTrue(s == STOPPED || Transitions.from(s).contains(STOPPED) || Transitions.from(s).contains(STOPPING),
                    s + " must be stoppable");
        }
    }

    /** The table in Transitions' own Javadoc is the table in the code, row for row. */
    @Test
    void theJavadocShowsTheTable() throws IOException {
        String source = Files.readString(Path.of("src/main/java/org/imageserving/process/Transitions.java"));
        String expected = javadocTable();
        assertTrue(source.contains(expected), "the <pre> table in Transitions.java must read, from the code's table:\n"
                + expected);
    }

    /** README's table of transitions is the table in the code, row for row. */
    @Test
    void theReadmeShowsTheTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String expected = markdownTable();
        assertTrue(readme.contains(expected), "README.md's table of transitions must read, from the code's table:\n"
                + expected);
    }

    /** Each row names the StateMachine methods that decide it; they exist. */
    @Test
    void everyDecidingMethodExists() {
        Set<String> methods = Arrays.stream(StateMachine.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toSet());
        for (Transition t : Transitions.table()) {
            for (String name : t.decidedIn()) {
                assertTrue(methods.contains(name), t.from() + " -> " + t.to() + ": StateMachine has no " + name);
            }
        }
    }

    /** The decisions sit in one place: no class but StateMachine asks Lifecycle (package-private) for a move. */
    @Test
    void onlyTheStateMachineMovesTheState() throws IOException {
        List<String> movers;
        try (var sources = Files.walk(Path.of("src/main/java/org/imageserving/process"))) {
            movers = sources.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains("lifecycle.moveTo(");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("StateMachine.java"), movers);
    }

    /** What users of supervisord expect: a stop in BACKOFF calls off the retry and is STOPPED at once. */
    @Test
    void aStopInBackoffStopsAtOnce() {
        assertTrue(Transitions.allowed(BACKOFF, STOPPED));
        assertFalse(Transitions.allowed(BACKOFF, STOPPING));
    }

    static String javadocTable() {
        int when = Transitions.table().stream().mapToInt(t -> t.when().length()).max().orElse(0) + 2;
        String format = " *  %-9s %-9s %-" + when + "s %s";
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(format, "from", "to", "when", "decided in").stripTrailing());
        Transitions.table().forEach(t -> lines.add(String.format(format, t.from(), t.to(), t.when(),
                String.join(", ", t.decidedIn()))));
        return " * <pre>\n" + String.join("\n", lines) + "\n * </pre>";
    }

    static String markdownTable() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("| from | to | when | decided in `StateMachine.` |");
        lines.add("|---|---|---|---|");
        Transitions.table().forEach(t -> lines.add("| `" + t.from() + "` | `" + t.to() + "` | " + t.when() + " | "
                + t.decidedIn().stream().map(m -> "`" + m + "`").collect(Collectors.joining(", ")) + " |"));
        return String.join("\n", lines) + "\n";
    }
}
