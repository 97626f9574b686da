package org.imageserving.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** RFC 9110 byte ranges as {@link StaticFile} reads them, for a 1000-byte file. */
class StaticFileRangeTest {

    private static StaticFile.Span range(String header) {
        return StaticFile.parseRange(header, 1000);
    }

    @Test
    void oneRangeInEachForm() {
        assertEquals(new StaticFile.Span(0, 99), range("bytes=0-99"));
        assertEquals(new StaticFile.Span(900, 999), range("bytes=900-"));
        assertEquals(new StaticFile.Span(990, 999), range("bytes=-10"));
        assertEquals(new StaticFile.Span(0, 999), range("bytes=-5000"), "a suffix longer than the file is the file");
        assertEquals(new StaticFile.Span(500, 999), range("bytes=500-99999999999"), "the end is clipped");
        assertEquals(new StaticFile.Span(5, 5), range("BYTES= 5-5"));
    }

    @Test
    void pastTheEndIsUnsatisfiable() {
        assertEquals(StaticFile.UNSATISFIABLE, range("bytes=1000-"));
        assertEquals(StaticFile.UNSATISFIABLE, range("bytes=5000-6000"));
        assertEquals(StaticFile.UNSATISFIABLE, range("bytes=-0"));
    }

    @Test
    void anythingElseSendsTheWholeFile() {
        for (String header : new String[] {"bytes=0-1,5-9", "items=0-5", "bytes=", "bytes=-", "bytes=9-3", "bytes=a-b",
                "bytes=99999999999999999999-", "bytes=-99999999999999999999", "bytes=1-2-3"}) {
            assertNull(range(header), header);
        }
    }
}
