package org.imageserving.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The ObjectNames users rely on. {@code type} comes first so JConsole and VisualVM file every server under
 * one {@code Server} node of the {@code ImageServing} tree.
 */
public final class MBeanNames {
    public static final String DOMAIN = "ImageServing";
    public static final ObjectName SUPERVISOR = name(DOMAIN + ":type=Supervisor");
    /** Pattern matching every server MBean. */
    public static final ObjectName ALL_SERVERS = name(DOMAIN + ":type=Server,*");
    /** The Platform Server's response cache, read from ps's JVM. */
    public static final ObjectName CACHE = name(DOMAIN + ":type=Cache");

    private MBeanNames() {}

    /** Server ids are {@code [a-z][a-z0-9-]*} (checked by the config), which need no quoting. */
    public static ObjectName server(String id) {
        return name(DOMAIN + ":type=Server,name=" + id);
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not an MBean name: " + name, e);
        }
    }
}
