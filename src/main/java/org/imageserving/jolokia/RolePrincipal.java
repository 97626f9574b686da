package org.imageserving.jolokia;

import java.security.Principal;

import org.imageserving.jmx.security.Role;

/** The caller's role from conf/jmxremote.access, carried in the Subject that Jolokia runs the request as. */
record RolePrincipal(Role role) implements Principal {
    @Override
    public String getName() {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }
}
