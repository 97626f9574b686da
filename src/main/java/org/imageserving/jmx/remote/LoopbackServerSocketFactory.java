package org.imageserving.jmx.remote;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.rmi.server.RMIServerSocketFactory;

/**
 * Makes RMI listen on 127.0.0.1 only. One instance serves the registry and the connector server, so RMI puts
 * both on the same listening socket: one loopback port in all.
 */
final class LoopbackServerSocketFactory implements RMIServerSocketFactory {
    static final String LOOPBACK = "127.0.0.1";
    private static final int BACKLOG = 50;

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new ServerSocket(port, BACKLOG, loopback());
    }

    /**
     * A port that is free on 127.0.0.1 right now. RMI never closes a listener it opened for port 0 (it keeps
     * such endpoints for later exports), so "any free port" is chosen here and then exported as a fixed port,
     * which RMI does release when the last object on it is unexported.
     */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, loopback())) {
            return probe.getLocalPort();
        }
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByName(LOOPBACK);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("no IPv4 loopback address", e);
        }
    }
}
