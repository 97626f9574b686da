package org.imageserving.cli;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.server.RemoteObject;
import java.rmi.server.RemoteObjectInvocationHandler;
import java.rmi.server.RemoteRef;
import java.util.List;
import java.util.Optional;
import org.imageserving.proc.ProcFs;

/**
 * Checks, before any credential leaves the CLI, that what answered is the supervisor and not a program another
 * local user put there: a registry squatting the port while the supervisor is down, or a connector stub that
 * points somewhere else. The supervisor serves its registry and connector on one port, without a client socket
 * factory, so the stub must name exactly the registry's host and port; and on Linux the socket listening there
 * must belong to root, to this user, or to the owner of the password file being sent from (the supervisor's
 * user). Anyone else could read that password file directly if they were one of those.
 *
 * <p>The window this closes is real: {@code start} polls the port while the new supervisor is still coming up,
 * and a program already listening there would get the admin password. Reading the socket table costs ~1 ms on a
 * quiet host and tens of ms on one with thousands of sockets, small beside an RMI connect.
 */
final class ExpectedConnector {
    private ExpectedConnector() {}

    /** @throws IOException naming what was wrong, when {@code stub} is not the connector expected there */
    static void verify(Object stub, String host, int port, Path passwordFile) throws IOException {
        RemoteRef ref = refOf(stub);
        if (ref == null) {
            throw new IOException("refusing to log in: the registry at " + host + ":" + port + " returned no RMI stub");
        }
        String endpoint = endpoint(ref.remoteToString());
        if (!endpoint.equals(host + ":" + port)) {
            throw new IOException("refusing to log in: the registry at " + host + ":" + port
                    + " points to a connector at [" + endpoint + "], not on its own port as the supervisor's does");
        }
        requireOwnListener(host, port, passwordFile);
    }

    /** On Linux, for a loopback host: every socket listening on {@code port} belongs to a user we trust. */
    static void requireOwnListener(String host, int port, Path passwordFile) throws IOException {
        if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            return; // another host: its users are not ours to judge
        }
        Optional<List<ProcFs.Listener>> listeners = ProcFs.tcpListeners();
        if (listeners.isEmpty()) {
            return; // not Linux: no socket table to judge by
        }
        boolean found = false;
        for (ProcFs.Listener listener : listeners.get()) {
            if (listener.port() != port || !isLoopbackOrAny(listener.address())) {
                continue;
            }
            found = true;
            if (!trusted(listener.uid(), passwordFile)) {
                throw new IOException("refusing to send credentials to " + host + ":" + port + ": it is served by uid "
                        + listener.uid() + ", not by root, this user or the owner of " + passwordFile);
            }
        }
        if (!found) {
            throw new IOException("refusing to send credentials to " + host + ":" + port + ": nothing listens there");
        }
    }

    private static boolean trusted(long uid, Path passwordFile) {
        return uid == 0 || uid == uidOf(Path.of("/proc/self")) || passwordFile != null && uid == uidOf(passwordFile);
    }

    private static long uidOf(Path path) {
        try {
            return ((Number) Files.getAttribute(path, "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** {@code 0100007F} (tcp) or {@code 0000000000000000FFFF00000100007F} (tcp6): loopback or any address. */
    private static boolean isLoopbackOrAny(String address) {
        return address.equals("0100007F") || address.equals("00000000")
                || address.equals("0000000000000000FFFF00000100007F") || address.equals("0000000000000000FFFF000000000000")
                || address.equals("00000000000000000000000000000000");
    }

    private static RemoteRef refOf(Object stub) {
        if (stub instanceof RemoteObject remote) {
            return remote.getRef();
        }
        if (stub != null && Proxy.isProxyClass(stub.getClass())
                && Proxy.getInvocationHandler(stub) instanceof RemoteObjectInvocationHandler handler) {
            return handler.getRef();
        }
        return null;
    }

    /**
     * {@code host:port} of the stub's endpoint, from RMI's description of it
     * ({@code ... endpoint:[127.0.0.1:9910](remote),objID:[...]}); a client socket factory shows as a third field
     * and makes the answer not match.
     */
    static String endpoint(String description) {
        int start = description.indexOf("endpoint:[");
        int end = start < 0 ? -1 : description.indexOf(']', start);
        return start < 0 || end < 0 ? "?" : description.substring(start + "endpoint:[".length(), end);
    }
}
