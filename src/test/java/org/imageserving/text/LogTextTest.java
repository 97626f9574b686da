package org.imageserving.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void aNewlineCannotStartAForgedLine() {
        String escaped = LogText.escape("admin\n2026-01-01 INFO svg: restart requested by root");
        assertFalse(escaped.contains("\n"));
        assertTrue(escaped.startsWith("admin\\n2026"), escaped);
    }

    @Test
    void controlsSeparatorsAndBidiOverridesBecomeVisible() {
        assertEquals("a\\r\\tb\\u001b[31m\\u2028\\u202e\\\\", LogText.escape("a\r\tb\u001b[31m\u2028\u202e\\"));
    }

    @Test
    void plainValuesStayAsTheyAre() {
        assertEquals("ImageServing:type=Server,name=svg", LogText.escape("ImageServing:type=Server,name=svg"));
        assertEquals("null", LogText.escape(null));
    }

    @Test
    void longValuesAreCutAndCounted() {
        String escaped = LogText.escape("x".repeat(LogText.MAX_CHARS + 10));
        assertTrue(escaped.endsWith("...(10 more chars)"), escaped);
        assertEquals(LogText.MAX_CHARS + "...(10 more chars)".length(), escaped.length());
    }
}
