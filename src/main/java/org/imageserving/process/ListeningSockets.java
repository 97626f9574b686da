package org.imageserving.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.imageserving.proc.ProcFs;

/**
 * Whether a given process (or one of its descendants) itself holds a listening TCP socket on a port, read from
 * Linux's /proc. A handover needs it: while the old and the new process share a port (SO_REUSEPORT), a probe
 * of the port may be answered by either, so the new one counts as ready only once it listens there itself.
 * Answers false where /proc cannot tell (another OS, a process of another user).
 */
final class ListeningSockets {
    private static final Path PROC = Path.of("/proc");

    private ListeningSockets() {}

    static boolean listens(ProcessHandle process, int port) {
        Set<String> inodes = listeningInodes(port);
        if (inodes.isEmpty()) {
            return false;
        }
        return Stream.concat(Stream.of(process), process.descendants())
                .anyMatch(p -> holdsAny(p.pid(), inodes));
    }

    /** The socket inodes of every TCP listener on the port, IPv4 and IPv6 ({@link ProcFs#tcpListeners}). */
    private static Set<String> listeningInodes(int port) {
        Set<String> inodes = new HashSet<>();
        for (ProcFs.Listener listener : ProcFs.tcpListeners().orElse(List.of())) {
            if (listener.port() == port) {
                inodes.add("socket:[" + listener.inode() + "]");
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
