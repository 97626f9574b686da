package org.imageserving.log;

import java.nio.file.Path;
import java.util.logging.LogManager;

/**
 * Where the supervisor's log files go, and how each handler rolls them: {@code imageserving.logs} (every launcher
 * sets it to {@code $IMAGESERVING_BASE/logs}), and the handler's {@code .limit} and {@code .count} in
 * conf/logging.properties, named as java.util.logging's own FileHandler names them.
 */
final class LogsDirectory {
    static final long DEFAULT_LIMIT = 10L * 1024 * 1024;
    static final int DEFAULT_COUNT = 10;

    private LogsDirectory() {}

    static Path path() {
        return Path.of(System.getProperty(SupervisorLogging.LOGS_PROPERTY, "logs"));
    }

    /** The handler's size limit in bytes, at least 1 KiB so that a slip in the file cannot roll at every line. */
    static long limit(Class<?> handler) {
        return Math.max(1024, number(handler, "limit", DEFAULT_LIMIT));
    }

    static int count(Class<?> handler) {
        return (int) Math.min(1000, Math.max(0, number(handler, "count", DEFAULT_COUNT)));
    }

    private static long number(Class<?> handler, String key, long otherwise) {
        String value = LogManager.getLogManager().getProperty(handler.getName() + "." + key);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
