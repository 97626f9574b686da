package org.imageserving.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageserving.log.ServerLogsHandler;

/**
 * Copies a server's merged stdout+stderr, line by line, into the logger {@code imageserving.server.<id>}
 * ({@link ServerLogsHandler} writes it to logs/<id>.log). One thread per process;
 * it ends when the last holder of the pipe (the server or a grandchild) is gone, and on nothing else: not on an
 * Error thrown while logging, not on an endless line.
 */
public final class OutputPump implements Runnable {
    /** Logger name prefix of every server's output. */
    public static final String LOGGER_PREFIX = ServerLogsHandler.LOGGER_PREFIX;

    /** Longest line copied whole; a server writing without newlines cannot make the supervisor buffer without end. */
    static final int MAX_LINE_CHARS = 16 * 1024;

    private final String serverId;
    private final InputStream output;

    private OutputPump(String serverId, InputStream output) {
        this.serverId = serverId;
        this.output = output;
    }

    static void start(String serverId, long pid, InputStream output) {
        Thread thread = new Thread(new OutputPump(serverId, output), "server-" + serverId + "-" + pid + "-output");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        Logger log = LogManager.getLogger(LOGGER_PREFIX + serverId);
        try (Reader in = new InputStreamReader(output, Charset.defaultCharset())) {
            Lines lines = new Lines(log);
            boolean ended = false;
            while (!ended) {
                try {
                    ended = lines.pump(in);
                } catch (RuntimeException | Error e) { // NOPMD: a pump that stops leaves the server blocked on a full pipe
                    lines.lost(); // an OutOfMemoryError or a broken appender: this line is lost, the next ones are not
                }
            }
        } catch (IOException e) {
            // closing the pipe failed: it is gone anyway
        }
    }

    /** Splits the output into lines of at most {@value #MAX_LINE_CHARS} chars (a longer one is cut, not buffered). */
    private static final class Lines {
        private final Logger log;
        private final char[] chunk = new char[8192];
        private final StringBuilder line = new StringBuilder();
        private int position;
        private int filled;
        private long cut;

        Lines(Logger log) {
            this.log = log;
        }

        /** Copies what is there; true once the pipe has ended. Resumes after the line whose logging threw. */
        boolean pump(Reader in) {
            if (position == filled) {
                int n;
                try {
                    n = in.read(chunk);
                } catch (IOException e) {
                    n = -1; // the pipe closed under us: the process is gone
                }
                if (n < 0) {
                    if (line.length() > 0) {
                        emit();
                    }
                    return true;
                }
                position = 0;
                filled = n;
            }
            while (position < filled) {
                char c = chunk[position++];
                if (c == '\n') {
                    emit();
                } else if (line.length() < MAX_LINE_CHARS) {
                    line.append(c);
                } else {
                    cut++;
                }
            }
            return false;
        }

        private void emit() {
            String text = cut == 0 ? line.toString() : line + "...(" + cut + " more chars)";
            line.setLength(0);
            cut = 0;
            log.info(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        }

        void lost() {
            line.setLength(0);
            cut = 0;
        }
    }
}
