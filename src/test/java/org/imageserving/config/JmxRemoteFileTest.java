package org.imageserving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reading of the jmxremote files: what the supervisor and the control script both see. */
class JmxRemoteFileTest {
    @TempDir
    Path dir;

    @Test
    void entriesKeepTheirLineNumbersAndSkipCommentsAndBlankLines() throws Exception {
        Path file = Files.writeString(dir.resolve("jmxremote.access"),
                "# accounts\n\nmonitor   readonly\n  admin\treadwrite  \n#admin2 readwrite\nodd\u000Bone\n");
        List<JmxRemoteFile.Entry> entries = JmxRemoteFile.read(file);
        assertEquals(3, entries.size());
        assertEquals(3, entries.get(0).line());
        assertEquals(List.of("monitor", "readonly"), List.of(entries.get(0).fields()));
        assertEquals(4, entries.get(1).line());
        assertEquals(List.of("admin", "readwrite"), List.of(entries.get(1).fields()));
        assertEquals(List.of("odd", "one"), List.of(entries.get(2).fields()), "a vertical tab is a blank, as for \\s");
        assertEquals("", entries.get(0).field(2));
    }
}
