package org.imageserving.jolokia;

import java.io.IOException;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

/**
 * Runs the authenticator as one of our filters instead of as the context's authenticator, because the JDK runs a
 * context's authenticator before every filter: the Host and Origin checks must come first, so that a rebound or
 * foreign page learns nothing from a 401, and the body must not be read for a caller without credentials.
 */
final class AuthenticationFilter extends Filter {
    private final Authenticator authenticator;

    AuthenticationFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Authenticator.Result result = authenticator.authenticate(exchange);
        if (result instanceof Authenticator.Success) {
            chain.doFilter(exchange);
            return;
        }
        int status = result instanceof Authenticator.Retry retry ? retry.getResponseCode()
                : ((Authenticator.Failure) result).getResponseCode();
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public String description() {
        return "HTTP Basic against the JMX accounts";
    }
}
