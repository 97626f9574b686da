package org.imageserving.stock;

/**
 * A command whose value cannot be used ({@code wid=abc}, {@code rotate=45}, {@code fmt=bmp}): the
 * one-line message names the command, the value and what is expected.
 */
public final class BadValueException extends IllegalArgumentException {

    public BadValueException(String command, String value, String expected) {
        super(command + "=" + abbreviate(value) + ": " + expected);
    }

    private static String abbreviate(String value) {
        String v = value == null ? "" : value;
        StringBuilder clean = new StringBuilder();
        for (int i = 0; i < v.length() && clean.length() < 60; i++) {
            char c = v.charAt(i);
            clean.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return v.length() > 60 ? clean + "…" : clean.toString();
    }
}
