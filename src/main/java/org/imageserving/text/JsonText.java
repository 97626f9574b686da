package org.imageserving.text;

/**
 * Writes a JSON string literal, the one way for both halves of the house: the control script's {@code --json}
 * and the Platform Server's JSON(P) property replies. Safe to embed anywhere a reply may end up: besides what JSON
 * requires ({@code "}, {@code \}, control characters), {@code <} and the Unicode line and paragraph separators are
 * escaped too (and the C1 controls, which a terminal may act on), so a value can close no {@code <script>} and break no JavaScript string. No regex and no
 * {@code String.format}: the control script writes JSON on its {@code status} path.
 */
public final class JsonText {
    private JsonText() {
    }

    /** {@code "value"}, escaped, appended to {@code out}; returns {@code out}. */
    public static StringBuilder appendQuoted(StringBuilder out, CharSequence value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '<' || c == '\u2028' || c == '\u2029') {
                        out.append("\\u").append(hex(c >> 12)).append(hex(c >> 8)).append(hex(c >> 4)).append(hex(c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** {@code "value"}, escaped. */
    public static String quoted(CharSequence value) {
        return appendQuoted(new StringBuilder(value.length() + 8), value).toString();
    }

    private static char hex(int nibble) {
        return Character.forDigit(nibble & 15, 16);
    }
}
