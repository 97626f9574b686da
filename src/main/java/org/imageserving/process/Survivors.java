package org.imageserving.process;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Finds server processes left by a supervisor that died, and kills their trees, so that a new supervisor
 * never runs a second copy of a server. A record names a survivor only when its pid is alive with the very
 * start instant recorded: a reused pid belongs to someone else and is left alone.
 */
public final class Survivors {
    private static final Logger LOG = LogManager.getLogger(Survivors.class);

    private Survivors() {}

    /**
     * Kills every recorded survivor's tree and removes the records; blocks up to {@code deadline} per survivor.
     * {@code why} finishes the warning: "pid 123 (started …) survived a previous supervisor".
     */
    public static int sweep(PidRecords records, Duration deadline, String why) {
        int killed = 0;
        for (PidRecords.Entry entry : records.readAll()) {
            Optional<ProcessHandle> survivor = ProcessHandle.of(entry.pid())
                    .filter(ProcessTree::isAlive)
                    .filter(h -> entry.start() != null && Objects.equals(h.info().startInstant().orElse(null), entry.start()));
            if (survivor.isEmpty()) {
                LOG.info("{}: stale record (pid {} is gone); removing it", entry.id(), entry.pid());
                killed += killOrphanedGroup(entry, deadline);
            } else {
                ProcessHandle main = survivor.get();
                LOG.warn("{}: pid {} (started {}) {}; killing its process tree", entry.id(), entry.pid(), entry.start(), why);
                Set<ProcessHandle> seen = new LinkedHashSet<>();
                List<ProcessHandle> left = ProcessTree.killNow(() -> {
                    Set<ProcessHandle> members = new LinkedHashSet<>();
                    if (ProcessTree.isAlive(main)) {
                        members.add(main);
                        main.descendants().forEach(seen::add);
                    }
                    members.addAll(seen);
                    members.addAll(ProcessTree.groupHandles(entry.pgid()));
                    return members;
                }, deadline);
                if (!left.isEmpty()) {
                    LOG.error("{}: could not kill {}", entry.id(), left.stream().map(ProcessTree::describe).toList());
                }
                killed++;
            }
            records.remove(entry.id());
        }
        return killed;
    }

    /**
     * The server itself is gone but its group may live on in grandchildren. A group id cannot be reused while
     * any member lives; if a process now owns that id as its pid, the group is someone else's and left alone.
     */
    private static int killOrphanedGroup(PidRecords.Entry entry, Duration deadline) {
        if (entry.pgid() <= 1 || ProcessHandle.of(entry.pgid()).filter(ProcessTree::isAlive).isPresent()) {
            return 0;
        }
        List<ProcessHandle> orphans = ProcessTree.groupHandles(entry.pgid());
        if (orphans.isEmpty()) {
            return 0;
        }
        LOG.warn("{}: process group {} outlived its server; killing {}", entry.id(), entry.pgid(),
                orphans.stream().map(ProcessTree::describe).toList());
        List<ProcessHandle> left = ProcessTree.killNow(
                () -> new LinkedHashSet<>(ProcessTree.groupHandles(entry.pgid())), deadline);
        if (!left.isEmpty()) {
            LOG.error("{}: could not kill {}", entry.id(), left.stream().map(ProcessTree::describe).toList());
        }
        return 1;
    }
}
