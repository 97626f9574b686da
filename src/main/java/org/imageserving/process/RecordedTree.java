package org.imageserving.process;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.imageserving.proc.ProcFs;

/**
 * The live processes of one {@code run/servers/<id>.pid} record that are provably ours. A pid or a group id
 * alone proves nothing (both are reused); a process is ours when
 * <ul>
 *   <li>it is the recorded pid with the very start instant recorded, or</li>
 *   <li>it carries the record's {@link ServerToken} in its environment (the server and what it forked), or</li>
 *   <li>it descends from a process proven ours, or</li>
 *   <li>it is in the recorded process group while a member of that group is proven ours: a group id cannot be
 *       reused while any member lives, so the group is still the one our server led.</li>
 * </ul>
 * Pids and group ids of 1 or less, and this JVM, are never members. Once proven, the group stays proven: its
 * token-carrying members may die first while the kill goes round.
 */
final class RecordedTree {
    private final PidRecords.Entry entry;
    private final long self = ProcessHandle.current().pid();
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();
    private boolean groupProven;

    RecordedTree(PidRecords.Entry entry) {
        this.entry = entry;
    }

    /** The provably-ours members alive now; collect again each round of a kill. */
    Set<ProcessHandle> members() {
        Set<ProcessHandle> members = new LinkedHashSet<>();
        recordedProcess().ifPresent(main -> {
            members.add(main);
            main.descendants().forEach(seen::add);
        });
        if (ServerToken.wellFormed(entry.token())) {
            for (long pid : ProcFs.pids()) {
                if (pid > 1 && pid != self && ServerToken.carriedBy(pid, entry.token())) {
                    ProcessHandle.of(pid).ifPresent(h -> {
                        members.add(h);
                        h.descendants().forEach(seen::add);
                    });
                }
            }
        }
        if (entry.pgid() > 1) {
            groupProven = groupProven || members.stream()
                    .anyMatch(h -> ProcFs.stat(h.pid()).map(s -> s.pgrp() == entry.pgid()).orElse(false));
            if (groupProven) {
                members.addAll(ProcessTree.groupHandles(entry.pgid()));
            }
        }
        members.addAll(seen);
        members.removeIf(h -> h.pid() <= 1 || h.pid() == self || !ProcessTree.isAlive(h));
        return members;
    }

    /** The recorded pid, when it is alive with the recorded start instant or carries the token. */
    private Optional<ProcessHandle> recordedProcess() {
        if (entry.pid() <= 1 || entry.pid() == self) {
            return Optional.empty();
        }
        return ProcessHandle.of(entry.pid())
                .filter(ProcessTree::isAlive)
                .filter(h -> startMatches(h) || ServerToken.carriedBy(h.pid(), entry.token()));
    }

    private boolean startMatches(ProcessHandle handle) {
        return entry.start() != null && Objects.equals(handle.info().startInstant().orElse(null), entry.start());
    }
}
