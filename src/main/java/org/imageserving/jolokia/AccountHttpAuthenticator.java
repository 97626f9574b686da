package org.imageserving.jolokia;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
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
 * The header is parsed here rather than by the JDK's BasicAuthenticator, which throws on bad base64 or a missing
 * colon and so drops the connection: anything malformed or oversized is a plain 401 with a challenge.
 */
final class AccountHttpAuthenticator extends BasicAuthenticator {
    static final String REALM = "jolokia";
    /** Far above any real user:password in Basic form; longer ones are refused unread. */
    static final int MAX_HEADER_CHARS = 1024;
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
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            return challenge(exchange);
        }
        Optional<String[]> credentials = credentials(header);
        if (credentials.isEmpty()) {
            Refusal.log(exchange, 401, "malformed Authorization header");
            return challenge(exchange);
        }
        String user = credentials.get()[0];
        Optional<Role> role = accounts.authenticate(user, credentials.get()[1]);
        if (role.isEmpty()) {
            LOG.warn("Jolokia login refused for user [{}]", LogText.escape(user));
            return challenge(exchange);
        }
        HttpPrincipal principal = new HttpPrincipal(user, REALM);
        Subject subject = new Subject(true, Set.of(principal, new RolePrincipal(role.get())), Set.of(), Set.of());
        exchange.setAttribute(ConfigKey.JAAS_SUBJECT_REQUEST_ATTRIBUTE, subject);
        return new Success(principal);
    }

    @Override
    public boolean checkCredentials(String user, String password) {
        // authenticate() above is what the bridge calls, and it logs a refusal; this is BasicAuthenticator's contract.
        return accounts.authenticate(user, password).isPresent();
    }

    /** {user, password} from {@code Basic <base64(user:password)>}; empty when anything about it is wrong. */
    static Optional<String[]> credentials(String header) {
        if (header.length() > MAX_HEADER_CHARS || header.length() < 6
                || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }

    private Result challenge(HttpExchange exchange) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        return new Retry(401);
    }
}
