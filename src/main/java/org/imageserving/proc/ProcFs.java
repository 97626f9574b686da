package org.imageserving.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.imageserving.text.Blanks;

/**
 * The one reader of Linux's /proc, for the supervisor and the control script alike: the few facts about a process
 * that only /proc tells (its process group, its resident memory, whether it catches SIGQUIT, its environment) and
 * its command line, which ProcessHandle would also give at a few milliseconds of its own start-up on every
 * {@code status}. Every method answers "unknown" (empty) elsewhere or when the process is gone. What the status
 * path calls ({@link #arguments}) uses no regex, no lambda and no string concatenation: they cost start-up.
 */
public final class ProcFs {
    private static final Path PROC = Path.of("/proc");

    private ProcFs() {}

    public static boolean available() {
        return Files.isRegularFile(PROC.resolve("self/stat"));
    }

    /** The parts of /proc/<pid>/stat we use. {@code state} 'Z' (zombie) or 'X' (dead) means gone. */
    public record Stat(long pid, char state, long ppid, long pgrp) {
        public boolean gone() {
            return state == 'Z' || state == 'X';
        }
    }

    public static Optional<Stat> stat(long pid) {
        String text = read(PROC.resolve(pid + "/stat"));
        if (text == null) {
            return Optional.empty();
        }
        // "pid (comm) S ppid pgrp ...": comm may hold spaces and parentheses, so cut at the last ')'
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = text.substring(close + 2).trim().split(" ");
        try {
            return Optional.of(new Stat(pid, fields[0].charAt(0), Long.parseLong(fields[1]), Long.parseLong(fields[2])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Live (not zombie) members of a process group, found wherever they were re-parented to. */
    public static List<Long> groupMembers(long pgrp) {
        List<Long> members = new ArrayList<>();
        if (pgrp <= 1) {
            return members;
        }
        for (long pid : pids()) {
            stat(pid).filter(s -> s.pgrp() == pgrp && !s.gone()).ifPresent(s -> members.add(s.pid()));
        }
        return members;
    }

    /** Every pid in /proc now. */
    public static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(PROC)) {
            for (Path entry : dir) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                    try {
                        pids.add(Long.parseLong(name));
                    } catch (NumberFormatException ignored) {
                        // not a process entry
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: nothing to report
        }
        return pids;
    }

    /** VmRSS of /proc/<pid>/status in bytes. */
    public static OptionalLong residentBytes(long pid) {
        String kb = statusField(pid, "VmRSS:");
        if (kb == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(kb.replace("kB", "").trim()) * 1024);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The real uid and gid of a process ("Uid:" and "Gid:" of /proc/<pid>/status), or empty. */
    public record Ids(long uid, long gid) {}

    public static Optional<Ids> ids(long pid) {
        String uid = statusField(pid, "Uid:");
        String gid = statusField(pid, "Gid:");
        if (uid == null || gid == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Ids(Long.parseLong(uid.split("\\s+")[0]), Long.parseLong(gid.split("\\s+")[0])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the process has a SIGQUIT handler installed. Attaching to a JVM sends it SIGQUIT; before the
     * JVM installs its handler (very early in start-up, or with -Xrs) that signal would kill it.
     */
    public static Optional<Boolean> catchesSigquit(long pid) {
        String mask = statusField(pid, "SigCgt:");
        if (mask == null) {
            return Optional.empty();
        }
        try {
            long bits = Long.parseUnsignedLong(mask.trim(), 16);
            return Optional.of((bits & (1L << (3 - 1))) != 0);     // SIGQUIT is signal 3
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The command line of a live process, argv[0] first; an empty array when it lives but cannot be read (another
     * user's, hidepid); null when there is no such process or only its zombie. Without /proc, from ProcessHandle.
     */
    public static String[] arguments(long pid) {
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
                    arguments.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
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
        if (info.command().isEmpty() || info.arguments().isEmpty()) {
            return new String[0];      // not ours to read: it cannot be judged by its arguments
        }
        List<String> commandLine = new ArrayList<>();
        commandLine.add(info.command().get());
        commandLine.addAll(List.of(info.arguments().get()));
        return commandLine.toArray(new String[0]);
    }

    /**
     * A listening TCP socket of /proc/net/tcp or tcp6: its local address as the kernel writes it (hex, e.g.
     * {@code 0100007F} for 127.0.0.1), its port, the uid that owns it and its inode (as in {@code socket:[inode]}
     * of a process's fd links).
     */
    public record Listener(String address, int port, long uid, String inode) {}

    /** Every listening TCP socket, IPv4 and IPv6; empty when neither table can be read (not Linux). */
    public static Optional<List<Listener>> tcpListeners() {
        List<Listener> listeners = new ArrayList<>();
        boolean readAny = false;
        for (String table : new String[] {"net/tcp", "net/tcp6"}) {
            String text = read(PROC.resolve(table));
            if (text == null) {
                continue;       // no IPv6, or no /proc
            }
            readAny = true;
            int start = text.indexOf('\n') + 1;       // the first line names the columns
            while (start > 0 && start < text.length()) {
                int end = text.indexOf('\n', start);
                Listener listener = listener(text.substring(start, end < 0 ? text.length() : end));
                if (listener != null) {
                    listeners.add(listener);
                }
                start = end + 1;
            }
        }
        return readAny ? Optional.of(listeners) : Optional.empty();
    }

    /** "sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...": a LISTEN (0A) row, or null. */
    private static Listener listener(String row) {
        String[] f = Blanks.split(row);
        if (f.length < 10 || !f[3].equals("0A")) {
            return null;
        }
        int colon = f[1].lastIndexOf(':');
        try {
            return colon < 0 ? null : new Listener(f[1].substring(0, colon),
                    Integer.parseInt(f[1].substring(colon + 1), 16), Long.parseLong(f[7]), f[9]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The NUL-separated command line, joined by spaces, or "". */
    public static String commandLine(long pid) {
        String text = read(PROC.resolve(pid + "/cmdline"));
        return text == null ? "" : text.replace('\0', ' ').trim();
    }

    /** The NUL-separated initial environment, or "" when unreadable. */
    public static String environment(long pid) {
        String text = read(PROC.resolve(pid + "/environ"));
        return text == null ? "" : text;
    }

    private static String statusField(long pid, String key) {
        String text = read(PROC.resolve(pid + "/status"));
        if (text == null) {
            return null;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(key.length()).trim();
            }
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
