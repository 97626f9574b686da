package org.imageserving.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Passes when a TCP connection to host:port succeeds. */
final class TcpProbe implements Probe {
    private final String host;
    private final int port;

    TcpProbe(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public boolean check(Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), Probes.millis(timeout));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "accepted a connection on " + host + ":" + port;
    }
}
