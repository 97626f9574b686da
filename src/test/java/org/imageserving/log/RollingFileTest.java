package org.imageserving.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files in a temporary directory: when each kind of log rolls, what it keeps, and what a failure costs. */
class RollingFileTest {
    @TempDir
    Path logs;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    /** Line {@code n}, 100 bytes with its newline. */
    private static String line(int n) {
        String head = "line " + n + " ";
        return head + "x".repeat(99 - head.length()) + "\n";
    }

    @Test
    void aServerLogRollsBySizeNewestBackupFirstAndKeepsCount() throws IOException {
        Path file = logs.resolve("svg.log");
        try (RollingFile log = new RollingFile(file, 1024, false, new NumberedBackups(2), clock)) {
            for (int i = 1; i <= 35; i++) {
                log.write(line(i));
            }
        }
        // 10 lines a file: 31..35 current, 21..30 in .1, 11..20 in .2, 1..10 dropped
        assertEquals(List.of("svg.log", "svg.log.1", "svg.log.2"), names());
        assertTrue(Files.readString(file).startsWith("line 31 "), Files.readString(file));
        assertEquals(5, Files.readAllLines(file).size());
        assertTrue(Files.readString(logs.resolve("svg.log.1")).startsWith("line 21 "));
        assertTrue(Files.readString(logs.resolve("svg.log.2")).startsWith("line 11 "));
        for (Path each : List.of(file, logs.resolve("svg.log.1"), logs.resolve("svg.log.2"))) {
            assertTrue(Files.size(each) <= 1024, each + " " + Files.size(each));
        }
    }

    @Test
    void theSupervisorLogRollsBySizeIntoTheDaysCompressedArchivesKeepingTheNewest() throws Exception {
        Path file = logs.resolve("supervisor.log");
        try (RollingFile log = new RollingFile(file, 1024, true, new DatedArchives(3), clock)) {
            for (int i = 1; i <= 55; i++) {
                log.write(line(i));
                if (i % 10 == 0) {
                    Thread.sleep(5);   // archives apart in time: the oldest is dropped first
                }
            }
        }
        assertEquals(List.of("supervisor-2026-12-06-3.log.gz", "supervisor-2026-12-06-4.log.gz",
                "supervisor-2026-12-06-5.log.gz", "supervisor.log"), names());
        String third = gunzip(logs.resolve("supervisor-2026-12-06-3.log.gz"));
        assertTrue(third.startsWith("line 21 ") && third.endsWith(line(30)), third);
        assertTrue(Files.readString(file).startsWith("line 51 "));
    }

    @Test
    void theSupervisorLogRollsWhenADayBegins() throws IOException {
        Path file = logs.resolve("supervisor.log");
        try (RollingFile log = new RollingFile(file, 1 << 20, true, new DatedArchives(10), clock)) {
            log.write(line(1));
            log.write(line(2));
            now.set(Instant.parse("2026-12-07T00:00:01Z"));
            log.write(line(3));
        }
        assertEquals(List.of("supervisor-2026-12-06-1.log.gz", "supervisor.log"), names());
        assertEquals(line(1) + line(2), gunzip(logs.resolve("supervisor-2026-12-06-1.log.gz")));
        assertEquals(line(3), Files.readString(file));
    }

    @Test
    void aFileLeftFromAnEarlierDayIsArchivedUnderThatDayAtTheFirstLine() throws IOException {
        Path file = logs.resolve("supervisor.log");
        Files.writeString(file, "from an earlier run\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-12-04T22:00:00Z")));
        try (RollingFile log = new RollingFile(file, 1 << 20, true, new DatedArchives(10), clock)) {
            log.write(line(1));
        }
        assertEquals("from an earlier run\n", gunzip(logs.resolve("supervisor-2026-12-04-1.log.gz")));
        assertEquals(line(1), Files.readString(file));
        assertEquals(LocalDate.of(2026, 12, 6), LocalDate.ofInstant(now.get(), ZoneOffset.UTC));
    }

    @Test
    void aFileThatCannotBeWrittenCostsTheLinesNotTheCaller() throws IOException {
        Path notADirectory = Files.writeString(logs.resolve("logs"), "a file where the directory should be");
        try (RollingFile log = new RollingFile(notADirectory.resolve("svg.log"), 1024, false, new NumberedBackups(2), clock)) {
            assertNotNull(log.write(line(1)));
            Files.delete(notADirectory);
            assertEquals(null, log.write(line(2)), "the directory is back: writing goes on");
        }
        assertEquals(line(2), Files.readString(notADirectory.resolve("svg.log")));
    }

    @Test
    void linesFromManyThreadsArriveWholeAcrossRolls() throws Exception {
        Path file = logs.resolve("is.log");
        int threads = 4;
        int each = 2000;
        try (RollingFile log = new RollingFile(file, 10 * 1024, false, new NumberedBackups(1000), clock)) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread writer = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        log.write(line(id * each + i));
                    }
                });
                writers.add(writer);
                writer.start();
            }
            for (Thread writer : writers) {
                writer.join();
            }
        }
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.toList()) {
                all.addAll(Files.readAllLines(f));
            }
        }
        assertEquals(threads * each, all.size());
        assertEquals(threads * each, all.stream().distinct().count());
        assertFalse(all.stream().anyMatch(l -> l.length() != 99), "every line whole");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String gunzip(Path archive) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
