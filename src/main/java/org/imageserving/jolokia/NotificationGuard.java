package org.imageserving.jolokia;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import org.jolokia.json.parser.JSONParser;
import org.jolokia.json.parser.ParseException;

/**
 * Jolokia checks no policy when a client adds a notification listener, so any account could listen to any MBean
 * (and hold a listener, a client store and its buffered notifications in the supervisor's heap). Here every
 * {@code notification add} in a POST (alone or in a bulk) must name an MBean the policy lists in
 * {@code <notifications>}, for every role; otherwise the whole request is refused with 403. GET cannot add
 * listeners ({@link BrowserGuard} lets only {@code notification/open} through).
 */
final class NotificationGuard extends Filter {
    private final Predicate<ObjectName> mayListenTo;

    NotificationGuard(Predicate<ObjectName> mayListenTo) {
        this.mayListenTo = mayListenTo;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        byte[] body = (byte[]) exchange.getAttribute(BodyGuard.BODY_ATTRIBUTE);
        if (body != null) {
            Object json = parse(body);
            if (json == null) {
                Refusal.send(exchange, 400, "request body is not UTF-8 JSON");
                return;
            }
            String refused = refusedSource(json);
            if (refused != null) {
                Refusal.send(exchange, 403, "notification listeners only on the MBeans listed in"
                        + " conf/jolokia-access.xml <notifications>", refused);
                return;
            }
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "notification listeners only on the MBeans the policy lists";
    }

    /**
     * Parsed as UTF-8 with Jolokia's own parser; null when that fails. Jolokia would fail the same way, unless the
     * Content-Type names another charset, so such a body is refused rather than passed on unchecked.
     */
    private static Object parse(byte[] body) {
        try {
            return new JSONParser().parse(new StringReader(new String(body, StandardCharsets.UTF_8)));
        } catch (ParseException | IOException | RuntimeException e) {
            return null;
        }
    }

    /** The MBean of the first notification add that is not allowed, or null. */
    private String refusedSource(Object json) {
        for (Object request : json instanceof List<?> bulk ? bulk : List.of(json)) {
            if (request instanceof Map<?, ?> map && "notification".equalsIgnoreCase(text(map.get("type")))
                    && "add".equalsIgnoreCase(text(map.get("command")))) {
                Object mbean = map.get("mbean");
                if (!(mbean instanceof String name) || !allowed(name)) {
                    return String.valueOf(mbean);
                }
            }
        }
        return null;
    }

    private boolean allowed(String name) {
        try {
            return mayListenTo.test(new ObjectName(name));
        } catch (MalformedObjectNameException e) {
            return false;
        }
    }

    private static String text(Object value) {
        return value instanceof String text ? text : "";
    }
}
