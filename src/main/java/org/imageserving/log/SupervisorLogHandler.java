package org.imageserving.log;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * {@code logs/supervisor.log}: what the supervisor itself says (transitions, restarts, forced kills, JMX and
 * Jolokia, errors), rolled at {@code .limit} bytes (default 10 MiB) or when a new day begins, into
 * {@code supervisor-<day>-<n>.log.gz}, keeping {@code .count} of them (default 10).
 */
public final class SupervisorLogHandler extends Handler {
    static final String FILE = "supervisor.log";

    private final RollingFile file;

    /** As conf/logging.properties names it: java.util.logging makes it with no arguments. */
    public SupervisorLogHandler() {
        this(LogsDirectory.path(), LogsDirectory.limit(SupervisorLogHandler.class),
                LogsDirectory.count(SupervisorLogHandler.class), Clock.systemDefaultZone());
    }

    SupervisorLogHandler(Path logs, long limit, int count, Clock clock) {
        this.file = new RollingFile(logs.resolve(FILE), limit, true, new DatedArchives(count), clock);
        setFormatter(new SupervisorFormat());
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        Formatter format = getFormatter();
        String line;
        try {
            line = format.format(record);
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        IOException failed = file.write(line);
        if (failed != null) {
            reportError("cannot write " + FILE, failed, ErrorManager.WRITE_FAILURE);   // on stderr, the first time only
        }
    }

    @Override
    public void flush() {
        // every line is flushed as it is written
    }

    @Override
    public void close() {
        file.close();
    }
}
