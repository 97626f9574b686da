package org.imageserving.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a given process (or one of its descendants) itself holds a listening TCP socket on a port, read from
 * Linux's /proc. A handover needs it: while the old and the new process share a port (SO_REUSEPORT), a probe
 * of the port may be answered by either, so the new one counts as ready only once it listens there itself.
 * Answers false where /proc cannot tell (another OS, a process of another user).
 */
final class ListeningSockets {
    private static final Path PROC = Path.of("/proc");
    /** /proc/net/tcp's state column for LISTEN. */
    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    static boolean listens(ProcessHandle process, int port) {
        Set<String> inodes = listeningInodes(port);
        if (inodes.isEmpty()) {
            return false;
        }
        return Stream.concat(Stream.of(process), process.descendants())
                .anyMatch(p -> holdsAny(p.pid(), inodes));
    }

    /** The socket inodes of every TCP listener on the port, IPv4 and IPv6. */
    private static Set<String> listeningInodes(int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : new String[] {"net/tcp", "net/tcp6"}) {
            try (Stream<String> lines = Files.lines(PROC.resolve(table), StandardCharsets.US_ASCII)) {
                lines.skip(1).map(String::trim).map(l -> l.split("\\s+")).filter(f -> f.length > 9)
                        .filter(f -> f[1].endsWith(hexPort) && f[3].equals(LISTEN))
                        .forEach(f -> inodes.add("socket:[" + f[9] + "]"));
            } catch (IOException | RuntimeException e) {
                // no such table (no IPv6) or no /proc: nothing listens as far as we can tell
            }
        }
        return inodes;
    }

    private static boolean holdsAny(long pid, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(pid + "/fd"))) {
            for (Path fd : fds) {
                try {
                    if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException | RuntimeException e) {
                    // the descriptor closed while we looked
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not ours to read
        }
        return false;
    }
}
