package org.imageserving.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidRecordsTest {
    @TempDir
    Path run;

    @Test
    void writeReadRemove() throws Exception {
        PidRecords records = new PidRecords(run.resolve("servers"));
        Instant start = Instant.parse("2025-03-01T10:00:00.12Z");
        records.write(new PidRecords.Entry("ps", 1234, 1234, start));
        records.write(new PidRecords.Entry("svg", 99, -1, null));
        assertEquals(List.of(new PidRecords.Entry("ps", 1234, 1234, start), new PidRecords.Entry("svg", 99, -1, null)),
                records.readAll().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList());
        String text = Files.readString(run.resolve("servers/ps.pid"));
        assertTrue(text.contains("\npid=1234\npgid=1234\n"), "sh-readable key=value lines: " + text);
        records.remove("ps");
        assertEquals(1, records.readAll().size());
    }

    @Test
    void theTokenRoundTripsAndOnlyAWellFormedOneIsKept() throws Exception {
        PidRecords records = new PidRecords(run.resolve("servers"));
        String token = ServerToken.create();
        records.write(new PidRecords.Entry("is", 1234, 1234, null, token));
        assertEquals(token, records.readAll().get(0).token());
        assertTrue(Files.readString(run.resolve("servers/is.pid")).contains("\ntoken=" + token + "\n"));
        Files.writeString(run.resolve("servers/is.pid"), "id=is\npid=1234\npgid=1234\ntoken=$(reboot)\n");
        assertEquals(null, records.readAll().get(0).token(), "a malformed token proves nothing");
    }

    @Test
    void garbageIsSkipped() throws Exception {
        Files.createDirectories(run.resolve("servers"));
        Files.writeString(run.resolve("servers/bad.pid"), "pid=twelve\n");
        assertEquals(List.of(), new PidRecords(run.resolve("servers")).readAll());
        assertEquals(List.of(), new PidRecords(run.resolve("absent")).readAll());
    }
}
