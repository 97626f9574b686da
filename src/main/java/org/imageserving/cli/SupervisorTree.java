package org.imageserving.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The supervisor and every process below it (children of children included), plus the jsvc controller above
 * it when jsvc hosts it: everything that must be gone before {@code stop} may say "stopped". Refreshed while
 * waiting, so that a server the supervisor was restarting when the stop came is counted too. Not the supervisor's
 * {@code process.ProcessTree}, which kills a server's tree.
 */
final class SupervisorTree {
    private final Map<Long, ProcessHandle> members = new LinkedHashMap<>();

    static SupervisorTree of(ProcessHandle supervisor, boolean underJsvc) {
        SupervisorTree tree = new SupervisorTree();
        tree.add(supervisor);
        if (underJsvc) {
            // jsvc runs three processes; the pid file names the JVM, whose parent is jsvc's controller
            supervisor.parent()
                    .filter(parent -> parent.info().command().map(c -> c.endsWith("jsvc")).orElse(false))
                    .ifPresent(tree::add);
        }
        tree.refresh();
        return tree;
    }

    /** Adds the descendants of every member still alive. */
    void refresh() {
        for (ProcessHandle member : List.copyOf(members.values())) {
            if (member.isAlive()) {
                member.descendants().forEach(this::add);
            }
        }
    }

    List<ProcessHandle> alive() {
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle member : members.values()) {
            // the JDK's view, zombies included: stop says "stopped" once they are reaped, not merely dead
            if (member.isAlive()) {
                alive.add(member);
            }
        }
        return alive;
    }

    int size() {
        return members.size();
    }

    /** {@code 1234 (java … ImageServerMain)} for each survivor, for the one line that says what is left. */
    static String describe(List<ProcessHandle> processes) {
        StringBuilder out = new StringBuilder();
        for (ProcessHandle process : processes) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(process.pid());
            String commandLine = process.info().commandLine().orElse(process.info().command().orElse("?"));
            out.append(" (").append(commandLine.length() > 60 ? commandLine.substring(0, 57) + "..." : commandLine).append(')');
        }
        return out.toString();
    }

    private void add(ProcessHandle process) {
        members.putIfAbsent(process.pid(), process);
    }
}
