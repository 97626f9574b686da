package org.imageserving.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * {@code tail -n N -F} of one log file: its last lines, then every line appended, across log rolling. log4j2 rolls
 * by renaming the file and creating a new one under the same name: once the name points at another file (or the
 * file shrank), what is left of the old one is printed and the new one is read from its start. Only whole lines
 * are printed, so a line being written is never cut in two.
 */
final class LogFollower {
    /** How often a quiet file is looked at again. */
    static final Duration POLL = Duration.ofMillis(200);
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final PrintStream out;
    /** The bytes of a line not yet ended: printed once its line break comes (bytes: a character may span two reads). */
    private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
    private FileChannel channel;
    private Object fileKey;

    LogFollower(Path file, PrintStream out) {
        this.file = file;
        this.out = out;
    }

    /** Prints the last {@code lines} whole lines (fewer when the file has fewer); reads from the end on. */
    void printLast(int lines) throws IOException {
        open();
        long size = channel.size();
        Deque<String> last = new ArrayDeque<>();
        long from = size;
        // read backwards in chunks until enough line breaks are seen (bounded: a huge file is not read whole)
        int breaks = 0;
        while (from > 0 && breaks <= lines) {
            long start = Math.max(0, from - CHUNK);
            ByteBuffer buffer = ByteBuffer.allocate((int) (from - start));
            channel.read(buffer, start);
            for (byte b : buffer.array()) {
                if (b == '\n') {
                    breaks++;
                }
            }
            from = start;
        }
        ByteBuffer tail = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - from));
        channel.read(tail, from);
        int end = lastBreak(tail.array(), tail.position());
        partial.write(tail.array(), end + 1, tail.position() - end - 1);
        if (end >= 0) {
            new String(tail.array(), 0, end, StandardCharsets.UTF_8).lines().forEach(line -> {
                last.addLast(line);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            });
        }
        last.forEach(out::println);
        out.flush();
        channel.position(size);
    }

    /** Prints what is appended until {@code keepGoing} says stop (Ctrl-C ends the CLI otherwise). */
    void follow(BooleanSupplier keepGoing) throws IOException, InterruptedException {
        while (keepGoing.getAsBoolean()) {
            boolean read = readNew();
            if (!read) {
                if (replaced()) {
                    readNew();          // what the old file got after our last look
                    flushPartial();
                    open();
                    continue;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    private void open() throws IOException {
        close();
        channel = FileChannel.open(file, StandardOpenOption.READ);
        fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    /** Prints the whole lines appended since the last read; answers whether there was anything. */
    private boolean readNew() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        int n = channel.read(buffer);
        if (n <= 0) {
            return false;
        }
        partial.write(buffer.array(), 0, n);
        byte[] pending = partial.toByteArray();
        int end = lastBreak(pending, pending.length);
        if (end >= 0) {
            out.print(new String(pending, 0, end + 1, StandardCharsets.UTF_8));
            out.flush();
            partial.reset();
            partial.write(pending, end + 1, pending.length - end - 1);
        }
        return true;
    }

    /** The name now points at another file (rolled), or the file shrank (truncated). */
    private boolean replaced() throws IOException {
        try {
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
            return !Objects.equals(now.fileKey(), fileKey) || now.size() < channel.position();
        } catch (NoSuchFileException e) {
            return false;       // between the rename and the new file: look again next time
        }
    }

    private void flushPartial() {
        if (partial.size() > 0) {
            out.println(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
        }
    }

    private static int lastBreak(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
