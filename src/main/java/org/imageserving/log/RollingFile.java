package org.imageserving.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One log file that is rolled before it grows past {@code limit} bytes and, if {@code daily}, when a line of a new
 * day arrives: {@link Rollover} moves the full file aside, and a new one is started under the same name (what
 * {@code ImageServing logs -f} follows). Each line is written whole and at once, from any thread.
 *
 * <p>A file that cannot be written (a full disk, a removed directory) costs the lines, never the caller: the
 * failure is returned for the handler to report, and the next line tries again.
 */
final class RollingFile implements AutoCloseable {
    private final Path file;
    private final long limit;
    private final boolean daily;
    private final Rollover rollover;
    private final Clock clock;

    private OutputStream out;
    private long size;
    private LocalDate day;

    RollingFile(Path file, long limit, boolean daily, Rollover rollover, Clock clock) {
        this.file = file;
        this.limit = limit;
        this.daily = daily;
        this.rollover = rollover;
        this.clock = clock;
    }

    /** Appends {@code line}, rolling first when it is due; null once written, else why it was not. */
    synchronized IOException write(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        try {
            if (out == null) {
                open();
            }
            LocalDate today = LocalDate.now(clock);
            boolean newDay = daily && !today.equals(day);
            if (size > 0 && (newDay || size + bytes.length > limit)) {
                roll();
            }
            day = today;
            out.write(bytes);
            out.flush();
            size += bytes.length;
            return null;
        } catch (IOException e) {
            closeQuietly();    // reopened, and the file's size read again, on the next line
            return e;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void open() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
        // a file carried over from an earlier run belongs to the day it was last written
        day = size == 0 ? LocalDate.now(clock)
                : LocalDate.ofInstant(Files.getLastModifiedTime(file).toInstant(), zone());
    }

    private void roll() throws IOException {
        out.close();
        out = null;
        rollover.roll(file, day);
        open();
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the lines are already lost or written; nothing more to save
            }
            out = null;
        }
    }
}
