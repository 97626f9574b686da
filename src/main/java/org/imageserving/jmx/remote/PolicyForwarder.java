package org.imageserving.jmx.remote;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Optional;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServer;
import javax.management.NotificationBroadcaster;
import javax.management.ObjectName;
import javax.management.remote.MBeanServerForwarder;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.jmx.security.Accounts;
import org.imageserving.jmx.security.Caller;
import org.imageserving.jmx.security.ManagementPolicy;
import org.imageserving.jmx.security.Role;
import org.imageserving.text.LogText;

/**
 * Sits between the RMI connector and the MBean server and lets a call through only when
 * {@link ManagementPolicy} allows it to the caller's role: the same decisions Jolokia takes. A refusal is a
 * {@link SecurityException} to the client and a line in the log, every outside value escaped. A method of
 * {@link MBeanServer} this class does not know (a future JDK's) needs {@code unrestricted}.
 */
final class PolicyForwarder implements InvocationHandler {
    private static final Logger LOG = LogManager.getLogger(PolicyForwarder.class);
    private static final String NOTIFICATION_BROADCASTER = NotificationBroadcaster.class.getName();

    private final Accounts accounts;
    private MBeanServer target;

    private PolicyForwarder(Accounts accounts) {
        this.accounts = accounts;
    }

    static MBeanServerForwarder create(Accounts accounts) {
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, new PolicyForwarder(accounts));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String call = method.getName();
        switch (call) {
            case "getMBeanServer" -> {
                return target;
            }
            case "setMBeanServer" -> {
                target = (MBeanServer) args[0];
                return null;
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "PolicyForwarder";
            }
            default -> {
                // an MBean server call: checked below
            }
        }
        Optional<Caller> caller = Caller.current();
        if (caller.isEmpty()) {
            // The connector's own machinery (class loaders to unmarshal arguments, the notification buffer): it
            // runs without the client's Subject, and every client call runs with one, since login is required.
            return forward(method, args);
        }
        Role role = role(caller.get());
        switch (call) {
            case "getAttribute" -> require(ManagementPolicy.mayRead(role, (ObjectName) args[0], (String) args[1]), role,
                    "read", args[0], args[1]);
            case "getAttributes" -> {
                return readable(role, (ObjectName) args[0], (String[]) args[1]);
            }
            case "setAttribute" -> require(ManagementPolicy.mayWrite(role, (ObjectName) args[0],
                    ((Attribute) args[1]).getName()), role, "write", args[0], ((Attribute) args[1]).getName());
            case "setAttributes" -> {
                for (Attribute attribute : ((AttributeList) args[1]).asList()) {
                    require(ManagementPolicy.mayWrite(role, (ObjectName) args[0], attribute.getName()), role,
                            "write", args[0], attribute.getName());
                }
            }
            case "invoke" -> require(ManagementPolicy.mayInvoke(role, (ObjectName) args[0], (String) args[1]), role,
                    "invoke", args[0], args[1]);
            case "addNotificationListener" -> require(!(args[1] instanceof ObjectName)
                    ? ManagementPolicy.mayListen(role, (ObjectName) args[0])
                    : ManagementPolicy.mayChangeTheMBeanServer(role), role, "listen to", args[0], "");
            case "isInstanceOf" -> {
                // the connector asks this before it adds a client's listener: the one call to check that on
                if (NOTIFICATION_BROADCASTER.equals(args[1])) {
                    require(ManagementPolicy.mayListen(role, (ObjectName) args[0]), role, "listen to", args[0], "");
                }
            }
            case "queryNames", "queryMBeans" -> {
                // A query expression reads attribute values inside the MBean server, past this class: it could
                // test SystemProperties character by character. Names by pattern only, then.
                require(args[1] == null || ManagementPolicy.mayChangeTheMBeanServer(role), role, "query by attribute",
                        args[0], "");
            }
            case "removeNotificationListener", "getMBeanInfo", "isRegistered",
                    "getObjectInstance", "getMBeanCount", "getDefaultDomain", "getDomains" -> {
                // browsing and undoing one's own listener: names and MBeanInfo hold no values
            }
            default -> require(ManagementPolicy.mayChangeTheMBeanServer(role), role, call,
                    args != null && args.length > 0 ? args[0] : "", args != null && args.length > 1 ? args[1] : "");
        }
        return forward(method, args);
    }

    private Object forward(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Only the attributes the role may read; the others are left out, as for attributes that fail to read. */
    private AttributeList readable(Role role, ObjectName mbean, String[] attributes) throws Exception {
        String[] allowed = Arrays.stream(attributes).filter(a -> ManagementPolicy.mayRead(role, mbean, a))
                .toArray(String[]::new);
        if (allowed.length < attributes.length) {
            refusalLog(role, "read", mbean, String.join(",", Arrays.stream(attributes)
                    .filter(a -> !ManagementPolicy.mayRead(role, mbean, a)).toList()));
        }
        return allowed.length == 0 ? new AttributeList() : target.getAttributes(mbean, allowed);
    }

    private Role role(Caller caller) {
        return accounts.role(caller.user()).filter(role -> caller.path().equals(Caller.JMX))
                .orElseThrow(() -> new SecurityException("Access denied: no role"));
    }

    private static void require(boolean allowed, Role role, String what, Object mbean, Object detail) {
        if (!allowed) {
            refusalLog(role, what, mbean, detail);
            throw new SecurityException("Access denied! " + what + " " + mbean + (detail.toString().isEmpty() ? "" : " "
                    + detail) + " needs a role other than " + role.word() + " (see the roles in the README)");
        }
    }

    /**
     * A refused operation, write or listener is a warning; a refused read only a debug line, since JConsole polls
     * JVM figures the roles do not include every few seconds, and a hidden attribute read reveals nothing.
     */
    private static void refusalLog(Role role, String what, Object mbean, Object detail) {
        LOG.log(what.equals("read") ? Level.DEBUG : Level.WARN, "JMX call refused: {} ({}) may not {} {} {}",
                Caller.describeCurrent(), role.word(), what, LogText.escape(String.valueOf(mbean)),
                LogText.escape(String.valueOf(detail)));
    }
}
