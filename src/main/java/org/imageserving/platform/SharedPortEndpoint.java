package org.imageserving.platform;

import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.apache.tomcat.util.net.NioEndpoint;

/**
 * Tomcat's NIO endpoint with its listening socket opened with SO_REUSEPORT, so that a new Platform Server can
 * listen on the same port while the old one still serves: the supervisor's zero-downtime restart
 * ({@code <handover>} in SupervisorRegistry.xml) starts the new one beside the old, and stops the old one only
 * once the new one accepts. The kernel spreads new connections over both until the old one closes its socket
 * (first thing in {@link PlatformServer#stop}); its requests in flight then finish.
 *
 * <p>Tomcat has no setting for SO_REUSEPORT and keeps its channel in a private field, so the socket is opened
 * here as Tomcat would open it, plus the option, and handed to the endpoint by reflection (checked at start:
 * a Tomcat that renames the field fails the start, loudly, rather than serving without the option).
 */
final class SharedPortEndpoint extends NioEndpoint {
    private static final Field SERVER_SOCK = serverSockField();

    @Override
    protected void initServerSocket() throws Exception {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            getSocketProperties().setProperties(channel.socket());
            channel.bind(new InetSocketAddress(getAddress(), getPortWithOffset()), getAcceptCount());
            channel.configureBlocking(true);
            SERVER_SOCK.set(this, channel);
        } catch (Exception | Error e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A connection the acceptor took after the stop began. Tomcat closes it unanswered (its acceptor is told to stop
     * before the socket closes, and whatever accept() still returns is destroyed); but the kernel queued it on this
     * socket while it was one of the port's listeners, so for the client it is a request sent to ps that gets no
     * bytes. While the endpoint still runs (its poller and workers serve the connections in flight) it is served
     * like them instead, and answered with {@code Connection: close} by the {@link DrainValve}.
     */
    @Override
    protected void destroySocket(SocketChannel socket) {
        if (isRunning() && setSocketOptions(socket)) {
            return;
        }
        super.destroySocket(socket);
    }

    /** Whether this platform can share a listening port (SO_REUSEPORT: Linux, the BSDs, macOS). */
    static boolean supported() {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static Field serverSockField() {
        try {
            Field field = NioEndpoint.class.getDeclaredField("serverSock");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this Tomcat's NioEndpoint has no serverSock field: update SharedPortEndpoint", e);
        }
    }
}
