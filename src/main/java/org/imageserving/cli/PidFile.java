package org.imageserving.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.imageserving.proc.ProcessLiveness;

/**
 * What {@code run/supervisor.pid} says, checked against the live process table by {@link ProcessLiveness}, the one
 * rule for "is this pid still the supervisor": a pid file is never trusted blindly. It is stale when its process
 * is gone, or when the pid now belongs to another program (pids are reused).
 */
record PidFile(Path file, Kind kind, long pid, String commandLine) {

    enum Kind {
        /** No pid file: the supervisor is not running (or was never started from this base). */
        ABSENT,
        /** The pid file names a live supervisor of this base. */
        RUNNING,
        /** The pid file names a process that is gone. */
        GONE,
        /** The pid file names a live process that is not this base's supervisor. */
        REUSED,
        /** The pid file does not hold a pid. */
        GARBAGE
    }

    static final String MARKER = ProcessLiveness.MARKER;

    static PidFile read(Path runDir, Path base) {
        Path file = runDir.resolve("supervisor.pid");
        String text;
        try {
            text = Files.readString(file).trim();
        } catch (NoSuchFileException absent) {
            return new PidFile(file, Kind.ABSENT, -1, null);
        } catch (IOException unreadable) {
            return new PidFile(file, Kind.GARBAGE, -1, unreadable.toString());
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            return new PidFile(file, Kind.GARBAGE, -1, text);
        }
        ProcessLiveness.Verdict verdict = ProcessLiveness.supervisorOf(pid, base);
        return switch (verdict.standing()) {
            case GONE -> new PidFile(file, Kind.GONE, pid, null);
            // Not ours to read (another user, hidepid): it cannot be proved stale, so it is not treated as stale.
            case UNREADABLE -> new PidFile(file, Kind.RUNNING, pid, "");
            case SUPERVISOR -> new PidFile(file, Kind.RUNNING, pid, String.join(" ", verdict.arguments()));
            case OTHER -> new PidFile(file, Kind.REUSED, pid, String.join(" ", verdict.arguments()));
        };
    }

    static boolean isSupervisorOf(String[] arguments, Path base) {
        return ProcessLiveness.isSupervisorOf(arguments, base);
    }

    boolean running() {
        return kind == Kind.RUNNING;
    }

    boolean stale() {
        return kind == Kind.GONE || kind == Kind.REUSED || kind == Kind.GARBAGE;
    }

    /** The live process the pid file names (for stop); empty when it is gone. */
    Optional<ProcessHandle> process() {
        return pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
    }

    /** Whether the supervisor is hosted by jsvc (its JVM runs inside the jsvc executable, whatever -procname says). */
    boolean underJsvc() {
        String executable = process().flatMap(p -> p.info().command()).orElse("");
        return executable.endsWith("/jsvc") || executable.equals("jsvc");
    }

    /** One line that explains a stale pid file, in the operator's language. */
    String explainStale(Messages messages) {
        return switch (kind) {
            case GONE -> messages.get("pid.stale.gone", file, pid);
            case REUSED -> messages.get("pid.stale.reused", file, pid, abbreviate(commandLine));
            case GARBAGE -> messages.get("pid.stale.garbage", file, abbreviate(commandLine));
            default -> throw new IllegalStateException(kind.name());
        };
    }

    /** Removes a stale pid file, unless it changed since it was read (a supervisor starting right now). */
    void removeIfStale() {
        if (!stale()) {
            return;
        }
        try {
            String now = Files.readString(file).trim();
            if (kind == Kind.GARBAGE || now.equals(Long.toString(pid))) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // already gone, or not ours to delete: the next start reports it again
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
