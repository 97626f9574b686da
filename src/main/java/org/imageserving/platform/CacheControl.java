package org.imageserving.platform;

import java.util.Locale;
import org.imageserving.stock.BadValueException;

/**
 * {@code cache=on|off|validate|update} or {@code cache=client,server}: whether browsers and proxies may keep
 * the reply, and how the Platform Server's own cache is used. validate behaves as on (entries are keyed by
 * the source's content, so they are always valid); update renders afresh and replaces the entry.
 * In the two-part form the client part is on or off only (validate and update act on the server's cache).
 */
record CacheControl(boolean client, boolean serverRead, boolean serverWrite) {

    static final CacheControl DEFAULT = new CacheControl(true, true, true);

    static CacheControl parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        String[] parts = value.toLowerCase(Locale.ROOT).split(",", -1);
        if (parts.length > 2) {
            throw new BadValueException("cache", value, "expected on|off|validate|update or client,server");
        }
        String client = parts[0].trim();
        String server = parts.length == 2 ? parts[1].trim() : client;
        if (parts.length == 2 && !client.equals("on") && !client.equals("off")) {
            throw new BadValueException("cache", value, "in cache=client,server the client part is on or off");
        }
        boolean clientOn = switch (client) {
            case "on", "validate", "update" -> true;
            case "off" -> false;
            default -> throw new BadValueException("cache", value, "expected on|off|validate|update or client,server");
        };
        return switch (server) {
            case "on", "validate" -> new CacheControl(clientOn, true, true);
            case "update" -> new CacheControl(clientOn, false, true);
            case "off" -> new CacheControl(clientOn, false, false);
            default -> throw new BadValueException("cache", value, "expected on|off|validate|update or client,server");
        };
    }
}
