package org.imageserving.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;

/**
 * RMI's default sockets connect without a timeout: a firewalled {@code --url} would hang for minutes. This
 * factory bounds the connect; reads keep RMI's own behaviour (operations legitimately block while a server
 * restarts). Installed once per JVM, for every RMI connection the CLI makes.
 */
final class ConnectTimeout extends RMISocketFactory {
    static final int MILLIS = 10_000;
    private static boolean installed;

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        try {
            RMISocketFactory.setSocketFactory(new ConnectTimeout());
        } catch (IOException alreadySet) {
            // another factory was set first (a test harness, say): keep it
        }
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), MILLIS);
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new ServerSocket(port);
    }
}
