package org.imageserving.cli;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.server.RemoteObject;
import java.rmi.server.RemoteObjectInvocationHandler;
import java.rmi.server.RemoteRef;
import java.util.List;

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
    private static final List<String> LISTEN_TABLES = List.of("/proc/net/tcp", "/proc/net/tcp6");
    private static final String LISTEN = "0A";

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
        boolean found = false;
        boolean readAny = false;
        for (String table : LISTEN_TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException | UnsupportedOperationException notLinux) {
                continue;
            }
            readAny = true;
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = Credentials.fields(line.strip()); // no regex: this runs on every status
                if (f.length < 8 || !f[3].equals(LISTEN) || !isLoopbackOrAny(f[1], port)) {
                    continue;
                }
                found = true;
                long uid = Long.parseLong(f[7]);
                if (!trusted(uid, passwordFile)) {
                    throw new IOException("refusing to send credentials to " + host + ":" + port + ": it is served by uid "
                            + uid + ", not by root, this user or the owner of " + passwordFile);
                }
            }
        }
        if (readAny && !found) {
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

    /** {@code 0100007F:26C6} (tcp) or {@code 0000000000000000FFFF00000100007F:26C6} (tcp6), at our port. */
    private static boolean isLoopbackOrAny(String local, int port) {
        int colon = local.lastIndexOf(':');
        if (colon < 0 || Integer.parseInt(local.substring(colon + 1), 16) != port) {
            return false;
        }
        String address = local.substring(0, colon);
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
