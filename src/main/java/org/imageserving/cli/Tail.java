package org.imageserving.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The last lines of a log, to show why a supervisor died during start-up without sending anyone to look. */
final class Tail {
    private static final int MAX_BYTES = 8192;

    private Tail() {}

    static String lastLines(Path file, int lines) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8).stripTrailing();
            int start = text.length();
            for (int found = 0; found < lines && start > 0; found++) {
                start = text.lastIndexOf('\n', start - 1);
                if (start < 0) {
                    start = 0;
                    break;
                }
            }
            return text.substring(start).strip();
        } catch (IOException unreadable) {
            return "";
        }
    }
}
