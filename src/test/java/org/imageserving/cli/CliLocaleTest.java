package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliLocaleTest {
    @Test
    void posixPrecedenceIsLcAllThenLcMessagesThenLang() {
        assertEquals(Locale.FRANCE, CliLocale.from(Map.of("LANG", "fr_FR.UTF-8")).locale());
        assertEquals(new Locale("nl", "BE"), CliLocale.from(Map.of("LANG", "fr_FR.UTF-8", "LC_MESSAGES", "nl_BE.UTF-8")).locale());
        assertEquals(new Locale("es", "ES"),
                CliLocale.from(Map.of("LANG", "fr_FR.UTF-8", "LC_MESSAGES", "nl_BE", "LC_ALL", "es_ES.UTF-8")).locale());
        assertEquals(Locale.FRANCE, CliLocale.from(Map.of("LC_ALL", "", "LANG", "fr_FR")).locale(), "empty means unset");
    }

    @Test
    void namesAreParsedWithoutCodesetOrModifier() {
        assertEquals(new Locale("de", "DE"), CliLocale.parseLocale("de_DE.ISO-8859-15@euro"));
        assertEquals(new Locale("nl"), CliLocale.parseLocale("nl"));
        assertEquals(Locale.ROOT, CliLocale.parseLocale("C"));
        assertEquals(Locale.ROOT, CliLocale.parseLocale("C.UTF-8"));
        assertEquals(Locale.ROOT, CliLocale.parseLocale("POSIX"));
    }

    @Test
    void theCodesetPicksTheOutputCharset() {
        assertEquals(StandardCharsets.UTF_8, CliLocale.parseCharset("fr_FR.UTF-8"));
        assertEquals(StandardCharsets.UTF_8, CliLocale.parseCharset("fr_FR.utf8"));
        assertEquals(StandardCharsets.ISO_8859_1, CliLocale.parseCharset("fr_FR.ISO-8859-1@euro"));
        assertNull(CliLocale.parseCharset("fr_FR"));
        assertNull(CliLocale.parseCharset("fr_FR.NOT-A-CHARSET"));
    }

    @Test
    void withoutAnyVariableTheJvmDefaultStands() {
        assertEquals(Locale.getDefault(), CliLocale.from(Map.of()).locale());
    }
}
