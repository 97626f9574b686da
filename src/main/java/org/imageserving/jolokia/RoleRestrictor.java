package org.imageserving.jolokia;

import java.util.Optional;

import javax.management.ObjectName;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.jmx.security.Caller;
import org.imageserving.jmx.security.ManagementPolicy;
import org.imageserving.jmx.security.Role;
import org.imageserving.text.LogText;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.config.Configuration;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

/**
 * conf/jolokia-access.xml says what may be done, for every caller alike; this adds who may do it, as
 * {@link ManagementPolicy} decides for JMX/RMI too. A caller with no role (no authenticated Subject) may do
 * nothing. Jolokia creates it by class name ({@code restrictorClass}) with its
 * configuration, whose {@code policyLocation} names the policy file.
 */
public final class RoleRestrictor implements Restrictor {
    private static final Logger LOG = LogManager.getLogger(RoleRestrictor.class);

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
        return role().filter(role -> ManagementPolicy.mayRead(role, name, attribute)).isPresent()
                && policy.isAttributeReadAllowed(name, attribute);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return audited(role().filter(role -> ManagementPolicy.mayWrite(role, name, attribute)).isPresent()
                && policy.isAttributeWriteAllowed(name, attribute), "write", name, attribute);
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return audited(role().filter(role -> ManagementPolicy.mayInvoke(role, name, operation)).isPresent()
                && policy.isOperationAllowed(name, operation), "invoke", name, operation);
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

    /** A refused exec or write leaves a line (reads are filtered quietly: a read-all skips what is hidden). */
    private static boolean audited(boolean allowed, String what, ObjectName name, String detail) {
        if (!allowed) {
            LOG.warn("Jolokia call refused: {} may not {} {} {}", Caller.describeCurrent(), what,
                    LogText.escape(String.valueOf(name)), LogText.escape(detail));
        }
        return allowed;
    }

    private static Optional<Role> role() {
        return CurrentSubject.role();
    }

}
