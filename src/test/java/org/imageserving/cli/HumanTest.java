package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class HumanTest {
    private final Human english = Human.of(Messages.forLocale(Locale.ROOT));

    @Test
    void durationsShowTheTwoMostSignificantUnits() {
        assertEquals("0s", english.duration(0));
        assertEquals("12s", english.duration(12_999));
        assertEquals("4m 12s", english.duration((4 * 60 + 12) * 1000L));
        assertEquals("3h 0m", english.duration(3 * 3_600_000L + 59_000));
        assertEquals("2d 3h", english.duration((2 * 86_400 + 3 * 3_600 + 59 * 60) * 1000L));
        assertEquals("-", english.duration(-1));
    }

    @Test
    void sizesUseBinaryUnitsWithOneDecimal() {
        assertEquals("0 B", english.bytes(0));
        assertEquals("1023 B", english.bytes(1023));
        assertEquals("1.0 KiB", english.bytes(1024));
        assertEquals("1.5 KiB", english.bytes(1536));
        assertEquals("123.4 MiB", english.bytes(Math.round(123.4 * 1024 * 1024)));
        assertEquals("1.0 GiB", english.bytes(1024L * 1024 * 1024 - 1), "1023.99… MiB rounds up to the next unit");
        assertEquals("2.0 TiB", english.bytes(2L << 40));
        assertEquals("-", english.bytes(-1));
    }

    @Test
    void unitsAndDecimalSeparatorAreTheTranslators() {
        Human french = Human.of(Messages.forLocale(Locale.FRANCE));
        assertEquals("2j 3h", french.duration((2 * 86_400 + 3 * 3_600) * 1000L));
        assertEquals("4min 12s", french.duration((4 * 60 + 12) * 1000L));
        assertEquals("123,4 MiB", french.bytes(Math.round(123.4 * 1024 * 1024)));
        assertEquals("5u 1m", Human.of(Messages.forLocale(new Locale("nl"))).duration(5 * 3_600_000L + 60_000));
    }
}
