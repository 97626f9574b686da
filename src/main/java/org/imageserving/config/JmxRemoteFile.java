package org.imageserving.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imageserving.text.Blanks;

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

    /** Splits on runs of blanks, as the JDK's own reader does ({@link Blanks}). */
    public static String[] fields(String text) {
        return Blanks.split(text);
    }
}
