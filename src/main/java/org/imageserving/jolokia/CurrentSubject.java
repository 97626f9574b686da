package org.imageserving.jolokia;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.AccessController;
import java.util.Optional;

import javax.security.auth.Subject;

import org.imageserving.jmx.security.Role;

/**
 * The role of the HTTP caller whose request is being run. Jolokia runs every request inside
 * {@code Subject.doAs(subject, ...)} with the Subject our authenticator put on the exchange; here it is read
 * back. Java 18+ offers {@code Subject.current()} (the only way from Java 23); Java 17 has the access control
 * context.
 */
final class CurrentSubject {
    private static final MethodHandle CURRENT = currentMethod();

    private CurrentSubject() {}

    static Optional<Role> role() {
        return subject().flatMap(subject -> subject.getPrincipals(RolePrincipal.class).stream().findFirst())
                .map(RolePrincipal::role);
    }

    @SuppressWarnings("removal")
    private static Optional<Subject> subject() {
        if (CURRENT != null) {
            try {
                return Optional.ofNullable((Subject) CURRENT.invokeExact());
            } catch (Throwable e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(Subject.getSubject(AccessController.getContext()));
    }

    private static MethodHandle currentMethod() {
        try {
            return MethodHandles.publicLookup().findStatic(Subject.class, "current", MethodType.methodType(Subject.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // Java 17
        }
    }
}
