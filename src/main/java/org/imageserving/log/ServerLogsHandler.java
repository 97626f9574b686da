package org.imageserving.log;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One file per managed server, {@code logs/<id>.log}, for what the server writes on stdout and stderr: the output
 * pump logs each line to the logger {@code imageserving.server.<id>}. Rolled at {@code .limit} bytes (default
 * 10 MiB) into {@code <id>.log.1} … {@code <id>.log.<count>} (default 10), newest first.
 *
 * <p>A record whose logger names no valid server id (none of ours does) goes to supervisor.log through the root
 * logger instead of making a file name of it.
 */
public final class ServerLogsHandler extends Handler {
    /** The parent of the servers' loggers, which conf/logging.properties gives this handler. */
    public static final String LOGGER = "imageserving.server";
    /** The logger of each server's output is this prefix and the server's id. */
    public static final String LOGGER_PREFIX = LOGGER + ".";

    private final Path logs;
    private final long limit;
    private final int count;
    private final Clock clock;
    private final Map<String, RollingFile> files = new ConcurrentHashMap<>();
    private final ServerOutputFormat format = new ServerOutputFormat();

    /** As conf/logging.properties names it: java.util.logging makes it with no arguments. */
    public ServerLogsHandler() {
        this(LogsDirectory.path(), LogsDirectory.limit(ServerLogsHandler.class),
                LogsDirectory.count(ServerLogsHandler.class), Clock.systemDefaultZone());
    }

    ServerLogsHandler(Path logs, long limit, int count, Clock clock) {
        this.logs = logs;
        this.limit = limit;
        this.count = count;
        this.clock = clock;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String id = serverId(record.getLoggerName());
        if (id == null) {
            Logger.getLogger("").log(record);
            return;
        }
        IOException failed = files.computeIfAbsent(id, this::fileOf).write(format.format(record));
        if (failed != null) {
            reportError("cannot write " + id + ".log", failed, ErrorManager.WRITE_FAILURE);   // on stderr, the first time only
        }
    }

    @Override
    public void flush() {
        // every line is flushed as it is written
    }

    @Override
    public void close() {
        files.values().forEach(RollingFile::close);
    }

    private RollingFile fileOf(String id) {
        return new RollingFile(logs.resolve(id + ".log"), limit, false, new NumberedBackups(count), clock);
    }

    /** The id after the prefix, if it is one a server may have ({@code [a-z][a-z0-9-]*}); else null. */
    static String serverId(String logger) {
        if (logger == null || !logger.startsWith(LOGGER_PREFIX) || logger.length() == LOGGER_PREFIX.length()
                || logger.length() > LOGGER_PREFIX.length() + 64) {
            return null;
        }
        String id = logger.substring(LOGGER_PREFIX.length());
        if (id.charAt(0) < 'a' || id.charAt(0) > 'z') {
            return null;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return null;
            }
        }
        return id;
    }
}
