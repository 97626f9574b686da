package org.imageserving.cli;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;

/**
 * The operator's language and terminal charset, read from the POSIX variables (LC_ALL, then LC_MESSAGES, then
 * LANG). The JVM cannot be trusted with this: when a locale such as {@code fr_FR.UTF-8} is not generated on the
 * machine, setlocale() fails and Java falls back to English and ASCII, printing "d?marr?".
 */
record CliLocale(Locale locale, Charset charset) {

    static CliLocale from(Map<String, String> env) {
        String spec = firstSet(env, "LC_ALL", "LC_MESSAGES", "LANG");
        if (spec == null) {
            return new CliLocale(Locale.getDefault(), null);
        }
        return new CliLocale(parseLocale(spec), parseCharset(spec));
    }

    /** {@code fr_FR.UTF-8@euro} → fr_FR; {@code C} and {@code POSIX} → the root (English) locale. */
    static Locale parseLocale(String spec) {
        String name = strip(spec);
        if (name.isEmpty() || name.equals("C") || name.equals("POSIX")) {
            return Locale.ROOT;
        }
        int underscore = name.indexOf('_');
        String language = underscore < 0 ? name : name.substring(0, underscore);
        String country = underscore < 0 ? "" : name.substring(underscore + 1);
        return new Locale(language.toLowerCase(Locale.ROOT), country.toUpperCase(Locale.ROOT));
    }

    /** The codeset after the dot ({@code UTF-8}, {@code utf8}, {@code ISO-8859-1}), or null when none is named. */
    static Charset parseCharset(String spec) {
        int dot = spec.indexOf('.');
        if (dot < 0) {
            return null;
        }
        int at = spec.indexOf('@', dot);
        String codeset = at < 0 ? spec.substring(dot + 1) : spec.substring(dot + 1, at);
        if (codeset.equalsIgnoreCase("utf8") || codeset.equalsIgnoreCase("utf-8")) {
            return java.nio.charset.StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(codeset);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static String strip(String spec) {
        int end = spec.length();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '.' || c == '@') {
                end = i;
                break;
            }
        }
        return spec.substring(0, end);
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
