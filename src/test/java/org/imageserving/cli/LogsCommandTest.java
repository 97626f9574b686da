package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.imageserving.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code logs <id> [-n N] [-f]} on real files: the last lines, bad ids refused, and following across a roll. */
class LogsCommandTest {
    private Path base;
    private Path logs;

    @BeforeEach
    void makeBase() throws Exception {
        base = Files.createTempDirectory("imageserving-logs-");
        logs = Files.createDirectories(base.resolve("logs"));
    }

    @AfterEach
    void deleteBase() throws Exception {
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void printsTheLastLinesOfAServerOrOfTheSupervisor() throws Exception {
        Files.writeString(logs.resolve("svg.log"), numbered("svg line ", 1, 30));
        Files.writeString(logs.resolve("supervisor.log"), "svg: STARTING -> RUNNING (ready)\nlast\n");
        Cli cli = new Cli(base, base);

        Cli.Result five = cli.run("logs", "svg", "-n", "5");
        assertEquals(0, five.code(), five.toString());
        assertEquals(numbered("svg line ", 26, 30), five.out());
        Cli.Result byDefault = cli.run("logs", "svg");
        assertEquals(numbered("svg line ", 21, 30), byDefault.out(), "10 lines by default");
        Cli.Result supervisor = cli.run("logs", "supervisor");
        assertEquals("svg: STARTING -> RUNNING (ready)\nlast\n", supervisor.out());
    }

    @Test
    void refusesIdsThatAreNotServerIdsAndSaysWhenThereIsNoLog() {
        Cli cli = new Cli(base, base);
        Cli.Result outside = cli.run("logs", "../../etc/passwd");
        assertEquals(2, outside.code(), outside.toString());
        assertTrue(outside.err().contains("is not a server id"), outside.toString());
        Cli.Result tooMany = cli.run("logs", "svg", "-n", "-1");
        assertEquals(2, tooMany.code(), tooMany.toString());
        Cli.Result none = cli.run("logs", "nosuch");
        assertEquals(1, none.code(), none.toString());
        assertTrue(none.err().contains("no log at"), none.toString());
    }

    @Test
    void followsAcrossARollAsLog4jRollsIt() throws Exception {
        Path file = logs.resolve("is.log");
        Files.writeString(file, numbered("old ", 1, 3));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LogFollower follower = new LogFollower(file, out);
        follower.printLast(2);
        AtomicBoolean following = new AtomicBoolean(true);
        Thread thread = new Thread(() -> {
            try {
                follower.follow(following::get);
            } catch (Exception e) {
                out.println("FAILED " + e);
            }
        }, "test-follow");
        thread.start();
        try {
            append(file, "appended 1\nhalf a ");
            append(file, "line\n");
            await(bytes, "old 2\nold 3\nappended 1\nhalf a line\n");
            // a roll: the file is renamed and a new one is created under the name
            append(file, "last of the old file\n");
            Files.move(file, logs.resolve("is.log.1"));
            Files.writeString(file, "first of the new file\n");
            append(file, "second of the new file\n");
            await(bytes, "old 2\nold 3\nappended 1\nhalf a line\nlast of the old file\nfirst of the new file\nsecond of the new file\n");
        } finally {
            following.set(false);
            thread.join(Duration.ofSeconds(10).toMillis());
            follower.close();
        }
    }

    private static void await(ByteArrayOutputStream bytes, String expected) {
        Await.until("the follower to print " + expected.lines().count() + " lines", Duration.ofSeconds(20),
                () -> bytes.toString(StandardCharsets.UTF_8).equals(expected), () -> "printed: [" + bytes.toString(StandardCharsets.UTF_8) + "]");
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    private static String numbered(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i + "\n").collect(Collectors.joining());
    }
}
