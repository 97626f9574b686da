package org.imageserving.log;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * supervisor.log's lines on standard output as well, for a supervisor run in the foreground with
 * {@code -Dimageserving.console=true} ({@code bin/ImageServing run}). Not java.util.logging's ConsoleHandler:
 * that one writes to standard error.
 */
public final class ConsoleLogHandler extends Handler {
    private final PrintStream out;

    public ConsoleLogHandler() {
        this(System.out);
    }

    ConsoleLogHandler(PrintStream out) {
        this.out = out;
        setFormatter(new SupervisorFormat());
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            out.print(getFormatter().format(record));
            out.flush();
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
