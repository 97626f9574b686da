package org.imageserving.jmx.security;

import java.util.Locale;

/**
 * Access levels, from conf/jmxremote.access (the JDK's words {@code readonly} and {@code readwrite}, and ours,
 * {@code unrestricted}). What each may do is written once, in {@link ManagementPolicy}, and enforced over JMX/RMI
 * and Jolokia alike.
 */
public enum Role {
    /** Reads the ImageServing MBeans and a few harmless JVM figures; receives their notifications. */
    READONLY,
    /** Also starts, stops and restarts the servers (the ImageServing operations). */
    READWRITE,
    /**
     * Everything the MBean server offers: diagnostic commands, heap dumps, Flight Recorder, VM flags, logger
     * levels, creating and unregistering MBeans. That can load code into the supervisor, write files as its user
     * and read every secret in its memory, so no shipped account has it.
     */
    UNRESTRICTED;

    /** The role's word in conf/jmxremote.access. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
