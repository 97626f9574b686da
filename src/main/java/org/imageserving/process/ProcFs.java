package org.imageserving.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The few facts about a process that only Linux's /proc tells: its process group, its resident memory,
 * whether it catches SIGQUIT. Every method answers "unknown" (empty) elsewhere or when the process is gone.
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
