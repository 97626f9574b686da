package org.imageserving.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The one timestamp of every log line, {@code yyyy-MM-dd HH:mm:ss.SSS} in the local zone (what log4j2's
 * {@code %d{yyyy-MM-dd HH:mm:ss.SSS}} printed before, so tools that read our logs see the same lines). Written by
 * hand: a DateTimeFormatter pattern would load the locale data for what is twenty digits.
 */
final class LogTime {
    private LogTime() {}

    static void append(StringBuilder line, Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
        digits(line, t.getYear(), 4).append('-');
        digits(line, t.getMonthValue(), 2).append('-');
        digits(line, t.getDayOfMonth(), 2).append(' ');
        digits(line, t.getHour(), 2).append(':');
        digits(line, t.getMinute(), 2).append(':');
        digits(line, t.getSecond(), 2).append('.');
        digits(line, t.getNano() / 1_000_000, 3);
    }

    private static StringBuilder digits(StringBuilder line, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            line.append('0');
        }
        return line.append(text);
    }
}
