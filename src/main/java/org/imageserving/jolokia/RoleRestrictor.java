package org.imageserving.jolokia;

import java.util.Optional;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import org.imageserving.jmx.security.Role;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.config.Configuration;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

/**
 * conf/jolokia-access.xml says what may be done, for every caller alike; this adds who may do it. A caller with
 * no role (no authenticated Subject) may do nothing; a readonly caller may read but not exec or write, except
 * pulling its own notifications. Jolokia creates it by class name ({@code restrictorClass}) with its
 * configuration, whose {@code policyLocation} names the policy file.
 */
public final class RoleRestrictor implements Restrictor {
    private static final ObjectName NOTIFICATION_STORE = name("jolokia:type=NotificationStore,*");

    private final PolicyRestrictor policy;

    public RoleRestrictor(Configuration configuration) {
        this(PolicyFile.load(configuration.getConfig(ConfigKey.POLICY_LOCATION)));
    }

    RoleRestrictor(PolicyRestrictor policy) {
        this.policy = policy;
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return policy.isHttpMethodAllowed(method);
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return role().isPresent() && policy.isTypeAllowed(type);
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return role().isPresent() && policy.isAttributeReadAllowed(name, attribute);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return role().filter(Role::mayInvoke).isPresent() && policy.isAttributeWriteAllowed(name, attribute);
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        Optional<Role> role = role();
        boolean mayCall = role.filter(Role::mayInvoke).isPresent()
                || role.isPresent() && isNotificationPull(name, operation);
        return mayCall && policy.isOperationAllowed(name, operation);
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return policy.isRemoteAccessAllowed(hostOrAddress);
    }

    @Override
    public boolean isOriginAllowed(String origin, boolean onlyWhenStrictCheckingIsEnabled) {
        return policy.isOriginAllowed(origin, onlyWhenStrictCheckingIsEnabled);
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return policy.isObjectNameHidden(name);
    }

    @Override
    public boolean ignoreScheme() {
        return policy.ignoreScheme();
    }

    /** Reading the notifications collected for oneself is a read, though Jolokia does it with an exec. */
    private static boolean isNotificationPull(ObjectName name, String operation) {
        return NOTIFICATION_STORE.apply(name) && (operation.equals("pull") || operation.startsWith("pull("));
    }

    private static Optional<Role> role() {
        return CurrentSubject.role();
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
