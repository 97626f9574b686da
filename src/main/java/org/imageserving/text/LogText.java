package org.imageserving.text;

/**
 * Makes a value that came from outside (a login name, an MBean name, a URL, a header, a catalog id) safe to put
 * in a log line: control characters and Unicode line/paragraph separators become visible escapes, so no value
 * can start a forged line or hide text from a terminal, and a long value is cut, so no value can flood the log.
 * A leaf used by both halves of the house (the management plane and the stock servers).
 */
public final class LogText {
    /** Longest value written whole; the rest is counted, not written. */
    public static final int MAX_CHARS = 256;

    private LogText() {
    }

    /** The value escaped and cut to {@link #MAX_CHARS}; {@code null} prints as {@code null}. */
    public static String escape(CharSequence value) {
        if (value == null) {
            return "null";
        }
        int length = value.length();
        int shown = Math.min(length, MAX_CHARS);
        StringBuilder out = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (length > shown) {
            out.append("...(").append(length - shown).append(" more chars)");
        }
        return out.toString();
    }

    // C0 and C1 controls, DEL, the line/paragraph separators, and the bidi overrides that reorder what a reader sees.
    private static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
