package org.imageserving.jolokia;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

/**
 * Against DNS rebinding: a page from {@code rebind.attacker.example} whose name is made to resolve to 127.0.0.1
 * talks to the bridge "same-origin", so neither CORS nor the Origin check sees it; only the Host header still
 * carries the attacker's name. So the Host must be a loopback name or address with the bridge's own port
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}), or a name the policy lists in {@code <host-header>}.
 * Runs before authentication: such a request is refused without looking at its credentials.
 */
final class HostGuard extends Filter {
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> accepted = new HashSet<>();

    HostGuard(int port, List<String> extraNames) {
        for (String name : LOOPBACK_NAMES) {
            accepted.add(name + ":" + port);
        }
        for (String name : extraNames) {
            accepted.add(name.toLowerCase(Locale.ROOT) + ":" + port);
        }
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        List<String> hosts = exchange.getRequestHeaders().get("Host");
        if (hosts == null || hosts.size() != 1 || !accepted.contains(hosts.get(0).strip().toLowerCase(Locale.ROOT))) {
            Refusal.send(exchange, 403, "Host header not accepted: use 127.0.0.1 or localhost with the Jolokia port,"
                    + " or list the name in conf/jolokia-access.xml <host-header>");
            return;
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "accepts only loopback Host headers with the bridge's port (DNS rebinding)";
    }
}
