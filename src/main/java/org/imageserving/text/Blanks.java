package org.imageserving.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line into its fields at runs of blanks (space, tab, form feed, vertical tab, CR, LF), as {@code \s+}
 * would, without regex: the control script splits credential files and the kernel's socket tables on its
 * {@code status} path, where loading java.util.regex costs start-up.
 */
public final class Blanks {
    private Blanks() {
    }

    public static String[] split(String line) {
        List<String> fields = new ArrayList<>(4);
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean blank = i == line.length() || isBlank(line.charAt(i));
            if (blank && start >= 0) {
                fields.add(line.substring(start, i));
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
