package org.imageserving.jolokia;

import java.util.Optional;

import org.imageserving.jmx.security.Caller;
import org.imageserving.jmx.security.Role;

/**
 * The role of the HTTP caller whose request is being run. Jolokia runs every request inside
 * {@code Subject.doAs(subject, ...)} with the Subject our authenticator put on the exchange; here it is read
 * back, through the same lookup the RMI path uses ({@link Caller#subject()}).
 */
final class CurrentSubject {
    private CurrentSubject() {}

    static Optional<Role> role() {
        return Caller.subject().flatMap(subject -> subject.getPrincipals(RolePrincipal.class).stream().findFirst())
                .map(RolePrincipal::role);
    }
}
