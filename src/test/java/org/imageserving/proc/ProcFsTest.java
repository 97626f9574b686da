package org.imageserving.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The one /proc reader, against this JVM and a real child. */
@EnabledOnOs(OS.LINUX)
class ProcFsTest {

    @Test
    void aLoopbackListenerOfOursIsInTheSocketTableWithOurUidAndAnInodeWeHold() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<ProcFs.Listener> mine = ProcFs.tcpListeners().orElseThrow().stream()
                    .filter(l -> l.port() == socket.getLocalPort()).toList();
            assertEquals(1, mine.size(), mine.toString());
            assertTrue(List.of("0100007F", "0000000000000000FFFF00000100007F").contains(mine.get(0).address()),
                    "127.0.0.1, in tcp or (a dual-stack socket) tcp6: " + mine.get(0).address());
            assertEquals(((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue(), mine.get(0).uid());
            String link = "socket:[" + mine.get(0).inode() + "]";
            try (var fds = Files.list(Path.of("/proc/self/fd"))) {
                assertTrue(fds.anyMatch(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).toString().equals(link);
                    } catch (Exception gone) {
                        return false;
                    }
                }), link + " is one of our descriptors");
            }
        }
    }

    @Test
    void theArgumentsOfALiveChildAndNoneOfAGoneOne() throws Exception {
        Process child = new ProcessBuilder("sleep", "300").start();
        try {
            assertArrayEquals(new String[] {"sleep", "300"}, ProcFs.arguments(child.pid()));
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertNull(ProcFs.arguments(child.pid()), "reaped: gone");
    }
}
