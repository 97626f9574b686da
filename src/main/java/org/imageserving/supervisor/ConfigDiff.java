package org.imageserving.supervisor;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.imageserving.config.ServerSpec;

/**
 * What a reload changes: the servers added, removed and changed between two configurations, and one line for
 * each ({@code added x}, {@code removed y}, {@code changed svg: heap 200m -> 512m}), in the new file's order.
 * Servers whose specs are equal are untouched.
 */
record ConfigDiff(List<ServerSpec> added, List<String> removed, List<ServerSpec> changed, List<String> lines) {
    /** The configuration's names for spec fields where they differ from the record's. */
    private static final Map<String, String> NAMES = Map.of("maxHeap", "heap", "readiness", "ready",
            "expectedExitCodes", "exitCodes", "mode", "policy", "upFor", "seconds");

    static ConfigDiff between(List<ServerSpec> before, List<ServerSpec> after) {
        Map<String, ServerSpec> old = new LinkedHashMap<>();
        before.forEach(s -> old.put(s.id(), s));
        Map<String, ServerSpec> now = new LinkedHashMap<>();
        after.forEach(s -> now.put(s.id(), s));
        List<ServerSpec> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<ServerSpec> changed = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (ServerSpec spec : after) {
            ServerSpec was = old.get(spec.id());
            if (was == null) {
                added.add(spec);
                lines.add("added " + spec.id());
            } else if (!was.equals(spec)) {
                changed.add(spec);
                List<String> what = new ArrayList<>();
                differences("", was, spec, what);
                lines.add("changed " + spec.id() + ": " + String.join(", ", what));
            }
        }
        for (ServerSpec spec : before) {
            if (!now.containsKey(spec.id())) {
                removed.add(spec.id());
                lines.add("removed " + spec.id());
            }
        }
        return new ConfigDiff(List.copyOf(added), List.copyOf(removed), List.copyOf(changed), List.copyOf(lines));
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Field by field, into records of the same type (launch, ready, health, restart), one level at a time. */
    private static void differences(String prefix, Record was, Record now, List<String> into) {
        for (RecordComponent component : was.getClass().getRecordComponents()) {
            Object a = value(component, was);
            Object b = value(component, now);
            if (a == null ? b == null : a.equals(b)) {
                continue;
            }
            String name = NAMES.getOrDefault(component.getName(), component.getName());
            if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb && name.equals("environment")) {
                // names only: the environment is where secrets live, and these lines go to the log and the CLI
                into.add(prefix + name + " " + changedKeys(ma, mb));
            } else if (a instanceof Record ra && b instanceof Record rb && a.getClass() == b.getClass()
                    && !(a instanceof ServerSpec.Launch) && !(a instanceof ServerSpec.Readiness)) {
                differences(prefix + name + ".", ra, rb, into);
            } else if (a instanceof Record ra && b instanceof Record rb && a.getClass() == b.getClass()) {
                differences(prefix, ra, rb, into);        // launch and ready: their fields are top-level words
            } else {
                into.add(prefix + name + " " + text(a) + " -> " + text(b));
            }
        }
    }

    /** The variables added, removed or set to another value, by name: {@code +NEW -GONE ~CHANGED}. */
    private static String changedKeys(Map<?, ?> was, Map<?, ?> now) {
        Set<String> names = new TreeSet<>();
        was.keySet().forEach(k -> names.add(k.toString()));
        now.keySet().forEach(k -> names.add(k.toString()));
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!was.containsKey(n)) {
                out.add("+" + n);
            } else if (!now.containsKey(n)) {
                out.add("-" + n);
            } else if (!Objects.equals(was.get(n), now.get(n))) {
                out.add("~" + n);
            }
        }
        return String.join(" ", out);
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "(default)";
        }
        if (value instanceof Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() / 1000.0 + "s";
        }
        return value.toString();
    }
}
