package org.imageserving.supervisor;

import java.util.List;

/**
 * What a reload did: one line per difference ({@code added x}, {@code removed y}, {@code changed svg: heap 200m ->
 * 512m}), and the ids of the servers added, removed and replaced by a changed one, for the management plane to
 * register, unregister and re-register their MBeans.
 */
public record Reloaded(List<String> lines, List<String> added, List<String> removed, List<String> changed) {
    public Reloaded {
        lines = List.copyOf(lines);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }
}
