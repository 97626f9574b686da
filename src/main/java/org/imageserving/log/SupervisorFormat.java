package org.imageserving.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * A line of supervisor.log: {@code 2026-12-06 04:31:07.120 INFO  [supervisor-loop] ManagedProcess - svg: STARTING ->
 * RUNNING (ready)}, then the stack trace of a throwable, if any. The same layout log4j2 wrote
 * ({@code %d %-5level [%t] %c{1} - %msg%n%throwable}), with log4j's level names: our code logs through the log4j
 * API, whose levels java.util.logging carries as SEVERE, WARNING, INFO, FINE and FINER.
 *
 * <p>The thread is the one that logs: java.util.logging calls its handlers on the caller's thread.
 */
public final class SupervisorFormat extends Formatter {
    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128);
        LogTime.append(line, record.getInstant());
        line.append(' ');
        String level = LevelNames.of(record.getLevel());
        line.append(level);
        for (int i = level.length(); i < 5; i++) {
            line.append(' ');
        }
        line.append(" [").append(Thread.currentThread().getName()).append("] ");
        line.append(shortName(record.getLoggerName())).append(" - ").append(formatMessage(record)).append('\n');
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                record.getThrown().printStackTrace(out);
            }
            line.append(trace);
        }
        return line.toString();
    }

    private static String shortName(String logger) {
        if (logger == null) {
            return "";
        }
        return logger.substring(logger.lastIndexOf('.') + 1);
    }
}
