package org.imageserving.jmx.remote;

/**
 * What the JMX connector may deserialise from a logged-in client
 * ({@code jmx.remote.rmi.server.serial.filter.pattern}): what the RMIConnection calls are made of (arrays of
 * arguments, object names, strings, numbers, attributes and attribute lists, notification filters, queries, the
 * wrapper that carries operation arguments, empty delegation Subject arrays), and nothing else: no maps, sets,
 * URLs, proxies or reflection types, which gadget chains are built of. The ImageServing operations take no
 * arguments at all. BadAttributeValueExpException is out: its readObject calls toString() on what it holds. The
 * bounds keep a client from making the supervisor allocate at will.
 */
final class SerialFilters {
    /** For the supervisor's connector (the children's agents have a narrower one: supervisor.ChildAgent). */
    static final String CONNECTOR = "maxdepth=20;maxrefs=10000;maxarray=1000000;maxbytes=10000000;"
            + "java.lang.Object;java.lang.String;java.lang.Number;java.lang.Boolean;java.lang.Character;"
            + "java.lang.Byte;java.lang.Short;java.lang.Integer;java.lang.Long;java.lang.Float;java.lang.Double;"
            + "java.rmi.MarshalledObject;javax.security.auth.Subject;"
            + "!javax.management.BadAttributeValueExpException;javax.management.*;java.util.ArrayList;java.util.Vector;"
            + "!*";

    private SerialFilters() {}
}
