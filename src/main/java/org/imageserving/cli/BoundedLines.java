package org.imageserving.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a file nobody vouches for, one at a time and each at most {@code max} bytes: an overlong line (a log
 * without newlines, a binary file) is skipped to its end and reported as {@link #OVERLONG}, never held whole. Bytes
 * are read as ISO-8859-1, one char each: what is not ASCII is refused later anyway.
 */
final class BoundedLines implements AutoCloseable {
    /** Returned in place of a line longer than the limit. */
    static final String OVERLONG = new String("\u0000overlong");

    private final InputStream in;
    private final int max;
    private final byte[] line;

    BoundedLines(InputStream in, int max) {
        this.in = new BufferedInputStream(in, 65536);
        this.max = max;
        this.line = new byte[max];
    }

    /** The next line without its end (\n or \r\n), {@link #OVERLONG}, or null at the end of the input. */
    String next() throws IOException {
        int length = 0;
        boolean overlong = false;
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (length < max) {
                line[length++] = (byte) b;
            } else {
                overlong = true;
            }
        }
        if (b < 0 && length == 0 && !overlong) {
            return null;
        }
        if (overlong) {
            return OVERLONG;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
