package org.imageserving.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.imageserving.text.LogText;

/**
 * One base, at most one supervisor, whatever started it (jsvc, procrun, foreground, systemd): an exclusive
 * lock on {@code run/supervisor.lock} held for the supervisor's life. The kernel drops it when the process dies,
 * even by SIGKILL, so a stale lock cannot exist; the pid written inside is only for the message.
 */
final class BaseLock implements AutoCloseable {
    static final String FILE = "supervisor.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private BaseLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or throws with one line naming the holder. */
    static BaseLock acquire(Path runDir) throws StartException, IOException {
        Path file = runDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;            // held by another supervisor in this very JVM
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(file);
            channel.close();
            // worded as RunFiles words a live pid file: the same fact, found more reliably
            throw new StartException("the supervisor is already running (pid " + holder + ", " + file
                    + " is locked); fix: ImageServing stop");
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new BaseLock(channel, lock);
    }

    private static String holder(Path file) {
        try {
            return LogText.escape(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Released when the supervisor has stopped everything; the file stays (removing it would race a new holder). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
