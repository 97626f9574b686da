package org.imageserving.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A process's command line by pid. On Linux it is read from /proc directly: ProcessHandle would cost a few
 * milliseconds of its own initialisation on every `status`. Elsewhere, ProcessHandle.
 */
final class ProcessTable {
    private static final Path PROC = Path.of("/proc");

    private ProcessTable() {}

    /**
     * The command line of a live process, argv[0] first; an empty array when it lives but cannot be read; null when
     * there is no such process (or only its zombie).
     */
    static String[] commandLine(long pid) {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            return viaProcessHandle(pid);
        }
        Path dir = PROC.resolve(Long.toString(pid));
        byte[] raw;
        try {
            raw = Files.readAllBytes(dir.resolve("cmdline"));
        } catch (NoSuchFileException gone) {
            return null;
        } catch (AccessDeniedException hidden) {
            return new String[0];
        } catch (IOException unreadable) {
            return Files.isDirectory(dir) ? new String[0] : null;
        }
        if (raw.length == 0) {
            return zombie(dir) ? null : new String[] {"[kernel thread]"};
        }
        List<String> arguments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == 0) {
                if (i > start || i < raw.length) {
                    arguments.add(new String(raw, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return arguments.toArray(new String[0]);
    }

    /** A zombie (exited, not yet reaped) has an empty cmdline and state Z: it is gone for our purposes. */
    private static boolean zombie(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException gone) {
            return true;
        }
    }

    private static String[] viaProcessHandle(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return null;
        }
        ProcessHandle.Info info = handle.get().info();
        if (info.command().isEmpty()) {
            return new String[0];
        }
        List<String> commandLine = new ArrayList<>();
        commandLine.add(info.command().get());
        commandLine.addAll(List.of(info.arguments().orElse(new String[0])));
        return commandLine.toArray(new String[0]);
    }
}
