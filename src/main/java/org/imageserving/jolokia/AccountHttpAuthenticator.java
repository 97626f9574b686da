package org.imageserving.jolokia;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import javax.security.auth.Subject;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.jmx.security.Accounts;
import org.imageserving.jmx.security.Role;
import org.imageserving.text.LogText;
import org.jolokia.server.core.config.ConfigKey;

/**
 * HTTP Basic against conf/jmxremote.password, the same accounts as JMX/RMI. On success the exchange carries a
 * Subject with the caller's role, which Jolokia runs the request as and {@link RoleRestrictor} reads back.
 */
final class AccountHttpAuthenticator extends BasicAuthenticator {
    static final String REALM = "jolokia";
    private static final Logger LOG = LogManager.getLogger(AccountHttpAuthenticator.class);

    private final Accounts accounts;

    AccountHttpAuthenticator(Accounts accounts) {
        super(REALM, StandardCharsets.UTF_8);
        this.accounts = accounts;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        if ("OPTIONS".equalsIgnoreCase(exchange.getRequestMethod())) {
            // A CORS preflight: browsers send it without credentials, and Jolokia only answers it with CORS
            // headers. No Subject is attached, so nothing could run under it anyway.
            return new Success(new HttpPrincipal("", REALM));
        }
        Result result = super.authenticate(exchange);
        if (result instanceof Success success) {
            String user = success.getPrincipal().getUsername();
            Role role = accounts.role(user).orElseThrow();
            Subject subject = new Subject(true, Set.of(success.getPrincipal(), new RolePrincipal(role)), Set.of(), Set.of());
            exchange.setAttribute(ConfigKey.JAAS_SUBJECT_REQUEST_ATTRIBUTE, subject);
        }
        return result;
    }

    @Override
    public boolean checkCredentials(String user, String password) {
        boolean valid = accounts.authenticate(user, password).isPresent();
        if (!valid) {
            LOG.warn("Jolokia login refused for user [{}]", LogText.escape(user));
        }
        return valid;
    }
}
