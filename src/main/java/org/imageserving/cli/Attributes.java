package org.imageserving.cli;

/**
 * The MBean attributes {@code status} reads, in the order {@code --json} prints them. They are the getters of
 * {@link org.imageserving.jmx.SupervisorMXBean} and {@link org.imageserving.jmx.ServerMXBean}, so the JSON
 * agrees field for field with a Jolokia read of the same MBeans (a test holds the lists to the interfaces).
 */
final class Attributes {
    private Attributes() {}

    static final String[] SUPERVISOR = {"Pid", "Version", "Uptime", "HeapUsed", "ServerNames"};

    static final String[] SERVER = {"Id", "Description", "State", "Pid", "HandoverPid", "Uptime", "HeapUsed", "HeapUsedKind",
        "RenderEngine", "RestartCount", "LastExitCode", "LastError"};
}
