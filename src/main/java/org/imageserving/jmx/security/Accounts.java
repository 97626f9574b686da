package org.imageserving.jmx.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JMX and Jolokia accounts: user, clear password (conf/jmxremote.password) and role (conf/jmxremote.access).
 * Only users named in both files can log in.
 */
public final class Accounts {
    private final Map<String, String> passwords;
    private final Map<String, Role> roles;

    Accounts(Map<String, String> passwords, Map<String, Role> roles) {
        this.passwords = Map.copyOf(passwords);
        this.roles = Map.copyOf(roles);
    }

    /** The user's role when the password is right, else empty. Compares in constant time. */
    public Optional<Role> authenticate(String user, String password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        String expected = passwords.get(user);
        Role role = roles.get(user);
        boolean match = expected != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        return match && role != null ? Optional.of(role) : Optional.empty();
    }

    /** Users who can log in: named in both files. */
    public Set<String> users() {
        Set<String> users = new TreeSet<>(passwords.keySet());
        users.retainAll(roles.keySet());
        return users;
    }

    public Optional<Role> role(String user) {
        return Optional.ofNullable(roles.get(user));
    }

    /** The clear password of a user, for local tools that read the file they are allowed to read (tests, CLI). */
    public Optional<String> password(String user) {
        return Optional.ofNullable(passwords.get(user));
    }
}
