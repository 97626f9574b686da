package org.imageserving.jolokia;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jolokia.server.core.service.api.LogHandler;

/** Jolokia's log lines into log4j2 (logger {@code org.jolokia}), instead of its default "I>" lines on stdout. */
final class Log4jLogHandler implements LogHandler {
    private static final Logger LOG = LogManager.getLogger("org.jolokia");

    @Override
    public void debug(String message) {
        LOG.debug(message);
    }

    @Override
    public void info(String message) {
        LOG.info(message);
    }

    @Override
    public void error(String message, Throwable t) {
        LOG.error(message, t);
    }

    @Override
    public boolean isDebug() {
        return LOG.isDebugEnabled();
    }
}
