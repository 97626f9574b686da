package org.imageserving.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for the tests: never a stock port, always one the kernel just handed out. */
final class TestPorts {
    private TestPorts() {}

    /** A loopback port that was free a moment ago and has nothing listening on it now. */
    static int closed() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
