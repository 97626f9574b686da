package org.imageserving.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDK's jmxremote file format, read one way for the supervisor (which checks every line) and the control
 * script (which looks up one account): {@code conf/jmxremote.password} ({@code user password}) and
 * {@code conf/jmxremote.access} ({@code user readonly|readwrite|unrestricted}), one entry a line, fields separated
 * by blanks, {@code #} starting a comment line. No regex and no string concatenation: the control script reads
 * these files on every {@code status}, where their start-up cost counts.
 */
public final class JmxRemoteFile {
    private JmxRemoteFile() {}

    /** One entry: its fields and its line number (from 1), for messages that name file:line. */
    public record Entry(int line, String[] fields) {
        public String field(int index) {
            return index < fields.length ? fields[index] : "";
        }
    }

    /** The entries of a file in UTF-8, blank and comment lines left out. */
    public static List<Entry> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Entry> entries = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (!text.isEmpty() && text.charAt(0) != '#') {
                entries.add(new Entry(i + 1, fields(text)));
            }
        }
        return entries;
    }

    /** Splits on runs of blanks (space, tab, form feed, vertical tab), as the JDK's own reader does. */
    public static String[] fields(String text) {
        List<String> fields = new ArrayList<>(2);
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean blank = i == text.length() || isBlank(text.charAt(i));
            if (blank && start >= 0) {
                fields.add(text.substring(start, i));
                start = -1;
            } else if (!blank && start < 0) {
                start = i;
            }
        }
        return fields.toArray(new String[0]);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || c == '\r' || c == '\n';
    }
}
