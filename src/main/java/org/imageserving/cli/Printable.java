package org.imageserving.cli;

/**
 * Text that came from elsewhere (another host's answer, a line of a file), made safe to print on a terminal: control
 * characters (escape sequences that would move the cursor or retitle the window included) become {@code \\uXXXX},
 * and anything longer than the limit is cut with an ellipsis, so one hostile value cannot flood the table.
 */
final class Printable {
    private Printable() {}

    static String text(Object value, int max) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= max) {
                return out.append('…').toString();
            }
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                out.append("\\u").append(String.format("%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A URL to echo in a message: an account in it ({@code user:password@}) is replaced by {@code ***@}. */
    static String url(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@', scheme + 3);
        if (scheme >= 0 && at >= 0) {
            int slash = url.indexOf('/', scheme + 3);
            if (slash < 0 || at < slash) {
                url = url.substring(0, scheme + 3).concat("***").concat(url.substring(at));
            }
        }
        return text(url, 200);
    }
}
