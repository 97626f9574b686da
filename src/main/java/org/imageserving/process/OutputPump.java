package org.imageserving.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * Copies a server's merged stdout+stderr, line by line, into the log4j2 logger {@code imageserving.server.<id>}
 * with ThreadContext {@code server=<id>} (conf/log4j2.xml routes it to logs/<id>.log). One thread per process;
 * it ends when the last holder of the pipe (the server or a grandchild) is gone.
 */
public final class OutputPump implements Runnable {
    /** Logger name prefix of every server's output. */
    public static final String LOGGER_PREFIX = "imageserving.server.";
    /** ThreadContext key that names the server a log event belongs to. */
    public static final String CONTEXT_KEY = "server";

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
        ThreadContext.put(CONTEXT_KEY, serverId);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, Charset.defaultCharset()))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                log.info(line);
            }
        } catch (IOException e) {
            // the pipe closed under us: the process is gone
        } finally {
            ThreadContext.remove(CONTEXT_KEY);
        }
    }
}
