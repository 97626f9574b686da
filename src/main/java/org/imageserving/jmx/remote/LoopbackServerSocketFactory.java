package org.imageserving.jmx.remote;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.rmi.server.RMIServerSocketFactory;

/**
 * Makes RMI listen on 127.0.0.1 only. One instance serves the registry and the connector server, so RMI puts
 * both on the same listening socket: one loopback port in all.
 *
 * <p>It also makes the registry read-only. The JDK's registry lets any process on this host {@code bind},
 * {@code rebind} and {@code unbind}: it decides by the caller's address, and every local user is local. A
 * rebind of {@code jmxrmi} would hand the next client's user name and password to whoever did it. The JDK's own
 * agent uses a read-only registry class of its own, which is not exported to applications; here the accepted
 * sockets report no peer address instead, and the registry refuses every change from an unknown origin
 * ("Registry.rebind disallowed; origin unknown") before it reads any argument. Lookups, and the JMX connector on
 * the same socket, do not use the peer address. The registry object itself stays writable in this JVM, where the
 * connector binds its stub.
 */
final class LoopbackServerSocketFactory implements RMIServerSocketFactory {
    static final String LOOPBACK = "127.0.0.1";
    private static final int BACKLOG = 50;

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new PeerHidingServerSocket(port, BACKLOG, loopback());
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

    /** Accepts connections whose peer address reads as unknown: see the class comment. */
    private static final class PeerHidingServerSocket extends ServerSocket {
        PeerHidingServerSocket(int port, int backlog, InetAddress address) throws IOException {
            super(port, backlog, address);
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = new PeerHidingSocket();
            implAccept(socket);
            return socket;
        }
    }

    private static final class PeerHidingSocket extends Socket {
        @Override
        public InetAddress getInetAddress() {
            return null; // RMI then names the caller "0.0.0.0", an origin its registry refuses changes from
        }
    }
}
