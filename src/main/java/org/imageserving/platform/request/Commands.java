package org.imageserving.platform.request;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The commands of one request after expansion, names lower-cased, the last occurrence of each winning
 * (it also moves to the end, so iteration shows the effective order).
 */
public final class Commands {

    private final Map<String, String> values = new LinkedHashMap<>();

    void put(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        values.remove(key);
        values.put(key, value);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean has(String name) {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** The expanded request as a modifier string (req=resolve). */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append(v.isEmpty() ? "" : "=" + v));
        return out.toString();
    }
}
