package org.imageserving.jmx.remote;

/**
 * What the JMX connectors may deserialise from a client ({@code jmx.remote.rmi.server.serial.filter.pattern}):
 * the parts of the RMIConnection calls (arrays of arguments, names, strings, numbers, attributes, notification filters and queries,
 * the wrapper that carries operation arguments, the (empty) delegation Subject arrays), and nothing else: not the collections, URLs, proxies or
 * reflection types that gadget chains are built of. The ImageServing operations take no arguments. Bounds keep
 * a logged-in client from making the supervisor allocate at will. BadAttributeValueExpException is out: its
 * readObject calls toString() on what it holds.
 */
public final class SerialFilters {
    /** For the supervisor's connector, and for the children's loopback agents ({@code jdk.serialFilter}). */
    public static final String CONNECTOR = "maxdepth=20;maxrefs=10000;maxarray=1000000;maxbytes=10000000;"
            + "java.lang.Object;java.lang.String;java.lang.Number;java.lang.Boolean;java.lang.Character;java.lang.Byte;"
            + "java.lang.Short;java.lang.Integer;java.lang.Long;java.lang.Float;java.lang.Double;"
            + "java.rmi.MarshalledObject;javax.security.auth.Subject;!javax.management.BadAttributeValueExpException;javax.management.*;java.util.ArrayList;java.util.Vector;!*";

    private SerialFilters() {}
}
