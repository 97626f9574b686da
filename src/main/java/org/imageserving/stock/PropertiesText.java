package org.imageserving.stock;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Image Serving's text (Java properties) replies: {@code #S7Z OK}, a time-stamp comment, then
 * {@code name=value} lines, values escaped as Java properties (so a reply parses with java.util.Properties).
 */
public final class PropertiesText {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT);

    private PropertiesText() {
    }

    public static String body(Map<String, String> properties) {
        StringBuilder out = new StringBuilder("#S7Z OK\n#").append(STAMP.format(ZonedDateTime.now())).append('\n');
        properties.forEach((k, v) -> out.append(k).append('=').append(escape(v)).append('\n'));
        return out.toString();
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
