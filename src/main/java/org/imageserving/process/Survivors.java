package org.imageserving.process;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.text.LogText;

/**
 * Finds server processes left by a supervisor that died, and kills their trees, so that a new supervisor
 * never runs a second copy of a server. Only what a record provably names is killed ({@link RecordedTree}: the
 * recorded start instant, or the launch's token in the environment); a reused pid or group id belongs to
 * someone else and is left alone.
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
            String id = LogText.escape(entry.id());
            RecordedTree tree = new RecordedTree(entry);
            Set<ProcessHandle> found = tree.members();
            if (found.isEmpty()) {
                LOG.info("{}: stale record (nothing alive is provably ours: pid {}, group {}); removing it",
                        id, entry.pid(), entry.pgid());
            } else {
                LOG.warn("{}: pid {} (started {}) {}; killing {}", id, entry.pid(), entry.start(), why,
                        describe(List.copyOf(found)));
                List<ProcessHandle> left = ProcessTree.killNow(tree::members, deadline);
                if (!left.isEmpty()) {
                    LOG.error("{}: could not kill {}", id, describe(left));
                }
                killed++;
            }
            records.remove(entry.id());
        }
        return killed;
    }

    private static String describe(List<ProcessHandle> handles) {
        return handles.stream().map(h -> LogText.escape(ProcessTree.describe(h))).toList().toString();
    }
}
