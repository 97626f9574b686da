package org.imageserving.jmx.security;

import java.util.Map;
import java.util.Set;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Who may do what with the supervisor's MBeans: the one place that decides it, for JMX/RMI (the connector's
 * {@code PolicyForwarder}) and Jolokia (its {@code RoleRestrictor}, which also applies conf/jolokia-access.xml)
 * alike, so that the two paths cannot drift apart.
 *
 * <ul>
 *   <li>{@code readonly}: reads every attribute of the ImageServing MBeans and the harmless JVM figures below,
 *       and listens to the ImageServing MBeans' notifications. Not {@code SystemProperties},
 *       {@code InputArguments} or anything else of the JVM: they may hold secrets.</li>
 *   <li>{@code readwrite}: that, and the ImageServing operations (start, stop, restart a server; startAll,
 *       stopAll, restartAll, shutdown, reload).</li>
 *   <li>{@code unrestricted}: anything, including what loads code, writes files, dumps memory or changes the
 *       JVM (DiagnosticCommand, HotSpotDiagnostic, Flight Recorder, Logging, MLet, creating, registering and
 *       unregistering MBeans, writing platform attributes). No shipped account has it.</li>
 * </ul>
 * Everyone who logged in may browse: query names and read MBeanInfo, which hold no values.
 */
public final class ManagementPolicy {
    public static final ObjectName SUPERVISOR = name("ImageServing:type=Supervisor");
    public static final ObjectName SERVERS = name("ImageServing:type=Server,*");
    public static final ObjectName CACHE = name("ImageServing:type=Cache");
    private static final ObjectName NOTIFICATION_STORE = name("jolokia:type=NotificationStore,*");
    private static final ObjectName DELEGATE = name("JMImplementation:type=MBeanServerDelegate");

    private static final Map<ObjectName, Set<String>> OPERATIONS = Map.of(
            SUPERVISOR, Set.of("startAll", "stopAll", "restartAll", "shutdown", "reload"),
            SERVERS, Set.of("start", "stop", "restart"));

    /** The supervisor JVM's own figures, as conf/jolokia-access.xml grants them. */
    private static final Map<ObjectName, Set<String>> JVM_READS = Map.of(
            name("java.lang:type=Memory"), Set.of("HeapMemoryUsage", "NonHeapMemoryUsage", "ObjectPendingFinalizationCount",
                    "Verbose", "ObjectName"),
            // counts only (hawtio's charts): no thread names, stacks or locks
            name("java.lang:type=Threading"), Set.of("ThreadCount", "PeakThreadCount", "DaemonThreadCount",
                    "TotalStartedThreadCount"),
            name("java.lang:type=Runtime"), Set.of("Uptime", "StartTime", "Pid", "Name", "VmName", "VmVendor",
                    "VmVersion", "SpecVersion"));

    private ManagementPolicy() {}

    public static boolean mayRead(Role role, ObjectName mbean, String attribute) {
        if (role == Role.UNRESTRICTED) {
            return true;
        }
        if (isImageServing(mbean)) {
            return true;
        }
        return attribute != null && JVM_READS.entrySet().stream()
                .anyMatch(grant -> grant.getKey().equals(mbean) && grant.getValue().contains(attribute));
    }

    /** The ImageServing MBeans have no writable attribute today; should one come, readwrite may set it. */
    public static boolean mayWrite(Role role, ObjectName mbean, String attribute) {
        return role == Role.UNRESTRICTED || role == Role.READWRITE && isImageServing(mbean);
    }

    /**
     * @param operation the name, alone or with a signature as Jolokia passes it ({@code "restart()"})
     */
    public static boolean mayInvoke(Role role, ObjectName mbean, String operation) {
        if (role == Role.UNRESTRICTED) {
            return true;
        }
        String bare = bareName(operation);
        if (isNotificationPull(mbean, bare)) {
            return true; // fetching the notifications collected for oneself is a read, done with an exec
        }
        return role == Role.READWRITE && OPERATIONS.entrySet().stream()
                .anyMatch(grant -> grant.getKey().apply(mbean) && !mbean.isPattern() && grant.getValue().contains(bare));
    }

    /** Notifications of the ImageServing MBeans (State changes) and of the MBean server (registrations). */
    public static boolean mayListen(Role role, ObjectName mbean) {
        return role == Role.UNRESTRICTED || isImageServing(mbean) || DELEGATE.equals(mbean);
    }

    /**
     * Creating, registering and unregistering MBeans, instantiating classes, reaching class loaders, and making
     * an MBean the listener of another: each can load code or reach past the MBeans' own interfaces.
     */
    public static boolean mayChangeTheMBeanServer(Role role) {
        return role == Role.UNRESTRICTED;
    }

    static boolean isImageServing(ObjectName mbean) {
        return !mbean.isPattern() && (SUPERVISOR.equals(mbean) || SERVERS.apply(mbean) || CACHE.equals(mbean));
    }

    private static boolean isNotificationPull(ObjectName mbean, String operation) {
        return NOTIFICATION_STORE.apply(mbean) && !mbean.isPattern() && operation.equals("pull");
    }

    private static String bareName(String operation) {
        if (operation == null) {
            return "";
        }
        int paren = operation.indexOf('(');
        return paren < 0 ? operation : operation.substring(0, paren);
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
