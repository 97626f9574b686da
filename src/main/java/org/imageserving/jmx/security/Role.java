package org.imageserving.jmx.security;

/** Access levels of the JDK's jmxremote.access format, as enforced over JMX/RMI and Jolokia alike. */
public enum Role {
    /** Reads attributes and receives notifications; cannot invoke operations or set attributes. */
    READONLY,
    /** Reads, invokes the supervisor's and servers' operations. */
    READWRITE;

    public boolean mayInvoke() {
        return this == READWRITE;
    }
}
