package org.imageserving.log;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * A line of a server's own log ({@code logs/<id>.log}): the time the supervisor read it, then the line as the
 * server wrote it. Server output already carries the server's own timestamps and levels, if it has any.
 */
public final class ServerOutputFormat extends Formatter {
    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getMessage().length() + 25);
        LogTime.append(line, record.getInstant());
        return line.append(' ').append(record.getMessage()).append('\n').toString();
    }
}
