package org.imageserving.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one JSON string writer and the one blank splitter both halves share. */
class JsonTextTest {
    @Test
    void whatJsonRequiresAndWhatEmbeddingNeedsIsEscaped() {
        assertEquals("\"plain é\"", JsonText.quoted("plain é"));
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\"", JsonText.quoted("a\"b\\c\nd\re\tf\u0001"));
        assertEquals("\"\\u003c/script>\\u2028\\u2029\"", JsonText.quoted("</script>\u2028\u2029"));
    }

    @Test
    void blanksSplitAsRegexWhitespaceWould() {
        assertArrayEquals(new String[] {"a", "b", "c"}, Blanks.split("  a\tb \u000B\f c \r\n"));
        assertArrayEquals(new String[0], Blanks.split(" \t "));
    }
}
