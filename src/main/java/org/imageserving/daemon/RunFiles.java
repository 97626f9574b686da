package org.imageserving.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.proc.ProcessLiveness;

/**
 * run/supervisor.pid, run/jmx.url and run/jolokia.url: how the CLI and operators find a running supervisor.
 * Each is written whole (temporary file, then renamed) so a reader never sees half a line.
 */
final class RunFiles {
    static final String PID_FILE = "supervisor.pid";
    static final String JMX_URL_FILE = "jmx.url";
    static final String JOLOKIA_URL_FILE = "jolokia.url";
    private static final Logger LOG = LogManager.getLogger(RunFiles.class);

    private final Path run;
    private final Path base;
    private final long pid = ProcessHandle.current().pid();

    RunFiles(Path run, Path base) {
        this.run = run;
        this.base = base;
    }

    Path pidFile() {
        return run.resolve(PID_FILE);
    }

    /**
     * Records our pid, refusing when the file names another live supervisor. A file holding our own pid is
     * jsvc's ({@code -pidfile run/supervisor.pid}) and is left as it is; a stale one is replaced.
     */
    void claimPid() throws IOException {
        Optional<Long> recorded = readPid();
        if (recorded.isPresent() && recorded.get() == pid) {
            return;
        }
        if (recorded.isPresent() && ProcessLiveness.supervisorOf(recorded.get(), base).supervisor()) {
            throw new IllegalStateException("the supervisor is already running (pid " + recorded.get() + ", "
                    + pidFile() + "); fix: ImageServing stop, or delete the file if pid " + recorded.get()
                    + " is not the supervisor");
        }
        recorded.ifPresent(stale -> LOG.warn("{} named pid {}, which is not this base's supervisor: replacing it", pidFile(), stale));
        write(PID_FILE, Long.toString(pid));
    }

    void write(String name, String line) throws IOException {
        Files.createDirectories(run);
        Path temp = Files.createTempFile(run, "." + name, ".tmp");
        try {
            Files.writeString(temp, line + System.lineSeparator(), StandardCharsets.UTF_8);
            if (Files.getFileAttributeView(temp, PosixFileAttributeView.class) != null) {
                // no secrets here; monitoring under another account may read them (temp files start at 0600)
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(temp, run.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    void delete(String name) {
        try {
            Files.deleteIfExists(run.resolve(name));
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", run.resolve(name), e.toString());
        }
    }

    /** Removes the pid file if it is still ours (a later supervisor may have claimed a stale one). */
    void releasePid() {
        if (readPid().filter(recorded -> recorded == pid).isPresent()) {
            delete(PID_FILE);
        }
    }

    private Optional<Long> readPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile(), StandardCharsets.UTF_8).strip()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            LOG.warn("{} is unreadable ({}): replacing it", pidFile(), e.toString());
            return Optional.empty();
        }
    }
}
