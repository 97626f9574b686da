package org.imageserving.jmx.security;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.AccessController;
import java.security.Principal;
import java.util.Optional;

import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

import com.sun.net.httpserver.HttpPrincipal;
import org.imageserving.text.LogText;

/**
 * Who is calling an MBean, and over which path: the account the JMX connector or the Jolokia bridge logged in,
 * read from the Subject the call runs as. Both run every call as the logged-in Subject: the RMI connector with a
 * {@link JMXPrincipal}, Jolokia with the {@link HttpPrincipal} of its Basic login. Java 18+ offers
 * {@code Subject.current()} (the only way from Java 23); Java 17 has the access control context.
 *
 * @param user as the client sent it: escape it ({@link #toString()} does) before it goes into a log line
 * @param path {@code JMX} or {@code Jolokia}
 */
public record Caller(String user, String path) {
    public static final String JMX = "JMX";
    public static final String JOLOKIA = "Jolokia";
    private static final MethodHandle CURRENT = currentMethod();

    /** The caller of the MBean call this thread runs; empty for the supervisor's own calls. */
    public static Optional<Caller> current() {
        return subject().flatMap(Caller::of);
    }

    static Optional<Caller> of(Subject subject) {
        for (Principal principal : subject.getPrincipals()) {
            if (principal instanceof JMXPrincipal jmx) {
                return Optional.of(new Caller(jmx.getName(), JMX));
            }
            if (principal instanceof HttpPrincipal http) {
                return Optional.of(new Caller(http.getUsername(), JOLOKIA));
            }
        }
        return Optional.empty();
    }

    /** For the audit log: {@code admin over JMX}, the user name escaped. */
    @Override
    public String toString() {
        return LogText.escape(user) + " over " + path;
    }

    /** The current caller for a log line, or what it means when there is none. */
    public static String describeCurrent() {
        return current().map(Caller::toString).orElse("the supervisor itself");
    }

    /**
     * The Subject the current call runs as: the RMI connector and Jolokia both run a call inside
     * {@code Subject.doAs}. Java 18+ offers {@code Subject.current()} (the only way from Java 23); Java 17 has the
     * access control context.
     */
    @SuppressWarnings("removal")
    public static Optional<Subject> subject() {
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
