package org.imageserving.jmx.remote;

import java.util.Set;

import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.jmx.security.Accounts;
import org.imageserving.text.LogText;

/**
 * Checks {@code {user, password}} against conf/jmxremote.password. Ours rather than the JDK's file login module,
 * which may rewrite the file with hashes: the CLI needs to read the clear password from it. The JDK's access
 * {@link PolicyForwarder} then grants by the role of the {@link JMXPrincipal} name, from conf/jmxremote.access.
 * The name is the client's text: it is logged escaped.
 */
final class AccountAuthenticator implements JMXAuthenticator {
    private static final Logger LOG = LogManager.getLogger(AccountAuthenticator.class);
    // The same words for every failure: a caller learns nothing about which users exist.
    private static final String REFUSED = "Authentication failed! Invalid username or password";

    private final Accounts accounts;

    AccountAuthenticator(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Subject authenticate(Object credentials) {
        if (!(credentials instanceof String[] pair) || pair.length != 2) {
            LOG.warn("JMX login refused: no user and password given");
            throw new SecurityException("Authentication failed! Credentials required");
        }
        String user = pair[0];
        if (accounts.authenticate(user, pair[1]).isEmpty()) {
            LOG.warn("JMX login refused for user [{}]", LogText.escape(user));
            throw new SecurityException(REFUSED);
        }
        LOG.debug("JMX login of user [{}]", LogText.escape(user));
        return new Subject(true, Set.of(new JMXPrincipal(user)), Set.of(), Set.of());
    }
}
