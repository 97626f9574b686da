package org.imageserving.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped conf/logging.properties in a JVM of its own, set up as the supervisor's entry points set it up:
 * supervisor.log with the lines operators know, each server's output in its own file, the JDK's chatter filtered,
 * the level and console switches, and the last lines of a shutdown kept.
 */
class SupervisorLoggingTest {
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} ";

    @TempDir
    Path logs;

    private String run(Path config, String... properties) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoggingChild.class.getName(),
                config.toString(), logs.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        return output;
    }

    @Test
    void theShippedFileWritesTheSupervisorsLinesAndEachServersOwnFile() throws Exception {
        String console = run(Path.of("conf/logging.properties").toAbsolutePath());
        List<String> supervisor = Files.readAllLines(logs.resolve("supervisor.log"));
        String all = String.join("\n", supervisor);
        assertTrue(supervisor.stream().anyMatch(l -> l.matches(TIME
                + "INFO  \\[main\\] ManagedProcess - svg: STARTING -> RUNNING \\(ready\\)")), all);
        assertTrue(supervisor.stream().anyMatch(l -> l.matches(TIME + "WARN  \\[main\\] tcp - an RMI warning")), all);
        int error = indexOf(supervisor, "ERROR [main] ManagedProcess - svg: cannot start");
        assertEquals("java.lang.IllegalStateException: boom", supervisor.get(error + 1), all);
        assertTrue(supervisor.get(error + 2).startsWith("\tat org.imageserving.log.LoggingChild.main("), all);
        assertTrue(all.contains("no server id"), "a bad id is kept, in supervisor.log: " + all);
        assertTrue(supervisor.stream().anyMatch(l -> l.matches(TIME
                + "INFO  \\[shutdown\\] SupervisorService - supervisor stopped")), "after the JDK's hook: " + all);
        assertFalse(all.contains("a debug line") || all.contains("an RMI info line") || all.contains("svg says hello"), all);

        List<String> svg = Files.readAllLines(logs.resolve("svg.log"));
        assertEquals(1, svg.size(), svg.toString());
        assertTrue(svg.get(0).matches(TIME + "svg says hello"), svg.toString());
        assertEquals(List.of("supervisor.log", "svg.log"), names());
        assertEquals("", console, "nothing on the console by default");
    }

    @Test
    void levelAndConsoleAreSwitchedByTheirProperties() throws Exception {
        String console = run(Path.of("conf/logging.properties").toAbsolutePath(),
                "-Dimageserving.logLevel=DEBUG", "-Dimageserving.console=true");
        String supervisor = Files.readString(logs.resolve("supervisor.log"));
        assertTrue(supervisor.contains("DEBUG [main] ManagedProcess - a debug line"), supervisor);
        assertTrue(console.contains("INFO  [main] ManagedProcess - svg: STARTING -> RUNNING (ready)"), console);
        assertFalse(console.contains("svg says hello"), console);
    }

    @Test
    void withoutTheFileTheFilesAreWrittenWithTheirDefaults() throws Exception {
        String console = run(logs.resolve("no-such.properties"));
        assertTrue(console.contains("no-such.properties not found"), console);
        assertTrue(Files.readString(logs.resolve("supervisor.log")).contains("svg: STARTING -> RUNNING (ready)"));
        assertTrue(Files.readString(logs.resolve("svg.log")).contains("svg says hello"));
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + fragment + " in " + lines);
    }

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(logs)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
