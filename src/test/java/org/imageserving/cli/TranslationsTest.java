package org.imageserving.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.imageserving.exit.ExitCode;

/** Every key in every language, and every translation usable where it is used. */
class TranslationsTest {
    static final List<String> LANGUAGES = List.of("fr", "es", "nl");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");

    @ParameterizedTest
    @ValueSource(strings = {"fr", "es", "nl"})
    void messagesHaveEveryKeyWithTheSameArguments(String language) {
        ResourceBundle english = new MessageTexts();
        ResourceBundle translated = Messages.translation(language);
        assertTrue(translated != null, "MessageTexts_" + language + " is missing");
        assertEquals(new TreeSet<>(english.keySet()), new TreeSet<>(translated.keySet()),
                "MessageTexts_" + language + " must translate exactly the English keys");
        for (String key : english.keySet()) {
            String value = translated.getString(key);
            assertFalse(value.isBlank(), language + ": " + key + " is empty");
            assertEquals(arguments(english.getString(key)), arguments(value), language + ": " + key + " changes the arguments");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr", "es", "nl"})
    void messagesAreValidMessageFormatPatterns(String language) {
        ResourceBundle messages = language.equals("en") ? new MessageTexts() : Messages.translation(language);
        for (String key : messages.keySet()) {
            String value = messages.getString(key);
            new MessageFormat(value); // throws on a broken pattern
            assertFalse(value.replace("''", "").contains("'"),
                    language + ": " + key + ": a straight apostrophe must be doubled ('') or typographic");
        }
    }

    @Test
    void theStandardResourceBundleLookupFindsTheSameTexts() {
        ResourceBundle viaJdk = ResourceBundle.getBundle(MessageTexts.class.getName(), new Locale("nl", "BE"));
        assertEquals(Messages.translation("nl").getString("stop.stopped"), viaJdk.getString("stop.stopped"));
        assertEquals("ImageServing stopped", Messages.forLocale(new Locale("de")).get("stop.stopped"),
                "a language without translation reads English");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr", "es", "nl"})
    void helpHasEveryKey(String language) throws IOException {
        Properties english = load("Help", "");
        Properties translated = load("Help", "_" + language);
        assertEquals(new TreeSet<>(english.stringPropertyNames()), new TreeSet<>(translated.stringPropertyNames()),
                "Help_" + language + " must translate exactly the English keys");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_fr", "_es", "_nl"})
    void helpTextsAreValidPicocliFormatsAndListEveryExitCode(String suffix) throws IOException {
        Properties help = load("Help", suffix);
        for (String key : help.stringPropertyNames()) {
            String value = help.getProperty(key);
            assertFalse(value.replace("%%", "").replace("%n", "").contains("%"),
                    "Help" + suffix + ": " + key + ": a percent sign must be written %%");
            assertFalse(value.isBlank() && !key.endsWith("Heading"), "Help" + suffix + ": " + key + " is empty");
        }
        for (ExitCode code : ExitCode.values()) {
            String entry = help.getProperty("usage.exitCodeList." + code.ordinal());
            assertTrue(entry != null && entry.startsWith(code.code() + ":"),
                    "Help" + suffix + " must list exit code " + code.code() + " as usage.exitCodeList." + code.ordinal());
        }
    }

    static Properties load(String bundle, String suffix) throws IOException {
        String resource = "/org/imageserving/cli/" + bundle + suffix + ".properties";
        Properties properties = new Properties();
        try (InputStream in = TranslationsTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, resource + " is missing");
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Set<String> arguments(String pattern) {
        Set<String> arguments = new TreeSet<>();
        Matcher matcher = ARGUMENT.matcher(pattern);
        while (matcher.find()) {
            arguments.add(matcher.group(1));
        }
        return arguments;
    }
}
