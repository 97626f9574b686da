package org.imageserving.jmx.remote;

import java.lang.reflect.Proxy;
import java.util.Optional;

import javax.management.ObjectName;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.jmx.security.Accounts;
import org.imageserving.jmx.security.ManagementPolicy;
import org.imageserving.jmx.security.Role;
import org.imageserving.text.LogText;

/**
 * Who may listen to which MBean over RMI, as {@link ManagementPolicy#mayListen} says. The RMI connector adds a
 * client's listeners without passing through the MBean server (one shared buffer listens to every MBean), so
 * {@link PolicyForwarder} never sees them; the connector asks a notification access controller instead, with the
 * client's Subject, when a listener is added and for every notification fetched. That controller's interface is
 * in a package the JDK does not export, so ours is a proxy of it found by name; on a JDK without it the connector
 * starts without one and says so in the log.
 */
final class NotificationPolicy {
    /** The connector environment key (EnvHelp.NOTIF_ACCESS_CONTROLLER). */
    static final String ENVIRONMENT_KEY = "com.sun.jmx.remote.notification.access.controller";
    private static final String INTERFACE = "com.sun.jmx.remote.security.NotificationAccessController";
    private static final Logger LOG = LogManager.getLogger(NotificationPolicy.class);

    private NotificationPolicy() {}

    static Optional<Object> create(Accounts accounts) {
        Class<?> controller;
        try {
            controller = Class.forName(INTERFACE, false, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            LOG.warn("this JDK has no {}: over JMX/RMI, every role receives every MBean's notifications", INTERFACE);
            return Optional.empty();
        }
        return Optional.of(Proxy.newProxyInstance(NotificationPolicy.class.getClassLoader(), new Class<?>[] {controller},
                (proxy, method, args) -> switch (method.getName()) {
                    case "addNotificationListener" -> check(accounts, (ObjectName) args[1], (Subject) args[2], true);
                    case "fetchNotification" -> check(accounts, (ObjectName) args[1], (Subject) args[3], false);
                    case "removeNotificationListener" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "NotificationPolicy";
                    default -> throw new SecurityException("Access denied: " + method.getName());
                }));
    }

    /** Throws SecurityException unless the Subject's role may listen to {@code mbean}; the connector drops it then. */
    private static Object check(Accounts accounts, ObjectName mbean, Subject subject, boolean logRefusal) {
        String user = subject == null ? null : subject.getPrincipals(JMXPrincipal.class).stream()
                .map(JMXPrincipal::getName).findFirst().orElse(null);
        Optional<Role> role = user == null ? Optional.empty() : accounts.role(user);
        if (role.isPresent() && ManagementPolicy.mayListen(role.get(), mbean)) {
            return null;
        }
        if (logRefusal) {
            LOG.warn("JMX call refused: {} over JMX ({}) may not listen to {}", LogText.escape(user),
                    role.map(Role::word).orElse("no role"), LogText.escape(String.valueOf(mbean)));
        }
        throw new SecurityException("Access denied! listen to " + mbean + " needs another role");
    }
}
